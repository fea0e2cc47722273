import { z } from 'zod'
import { defineTool, ok } from './define-tool.ts'
import { DateRange } from './schemas.ts'

const CountRow = z.object({ key: z.string(), count: z.number().int(), ids: z.array(z.string()) })

export const disputeTrends = defineTool({
  name: 'dispute_trends',
  title: 'Dispute trends',
  description:
    'Counts of past and current disputes by customer, reason, department, SKU and month, repeat customers, ' +
    'recurring root causes, average days to resolve, share resolved without escalation, CSAT, and the recent ' +
    '90-day window. Each count lists the dispute ids behind it. Filter by opening date with from/to.',
  input: z.object({ ...DateRange }),
  output: z.object({
    today: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    total: z.number().int(),
    open: z.number().int(),
    resolved: z.number().int(),
    byCustomer: z.array(CountRow),
    byReason: z.array(CountRow),
    byDepartment: z.array(CountRow),
    bySku: z.array(CountRow),
    byMonth: z.array(CountRow),
    repeatCustomers: z.array(CountRow),
    recurringRootCauses: z.array(CountRow),
    averageResolutionDays: z.number().nullable(),
    resolvedWithoutEscalationShare: z.number().nullable(),
    csatAverage: z.number().nullable(),
    csatResponses: z.number().int(),
    recent: z.object({ days: z.number().int(), from: z.string(), count: z.number().int(), ids: z.array(z.string()) }),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Counting disputes by customer, reason and month…',
  run: async (input, ctx) => {
    if (input.from && input.to && input.from > input.to) {
      return { ok: false, error: { code: 'invalid_input', message: '`from` is after `to`.', field: 'from' } }
    }
    return ok(await ctx.services.trends(ctx.today, input))
  },
})
