import { z } from 'zod'
import { insightsReport } from '../src/services/insights.ts'
import { defineTool, ok } from './define-tool.ts'
import { DateRange } from './schemas.ts'

const rate = z.number().nullable()
const TypeFigures = {
  disputes: z.number().int(),
  resolved: z.number().int(),
  resolutionRate: z.number(),
  meanDaysToResolve: rate,
  medianDaysToResolve: rate,
  withoutEscalationShare: rate,
  customerRightShare: rate,
  csatAverage: rate,
}

export const disputeInsightsTool = defineTool({
  name: 'dispute_insights',
  title: 'Dispute insights',
  description:
    'Resolution by dispute type (share resolved, mean and median days to resolve, share without escalation, share ' +
    'where the evidence backed the customer, CSAT), the same by month with every month of the range (quiet months as ' +
    'zero), CSAT against resolution speed (Pearson r and speed bands), and days deduction outstanding per currency.',
  input: z.object({ ...DateRange }),
  output: z.object({
    today: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    overall: z.object(TypeFigures),
    byType: z.array(z.object({ reasonCode: z.string(), ...TypeFigures })),
    byMonth: z.array(
      z.object({
        month: z.string(),
        opened: z.number().int(),
        resolved: z.number().int(),
        meanDaysToResolve: rate,
        withoutEscalationShare: rate,
        csatAverage: rate,
      }),
    ),
    csat: z.object({
      responses: z.number().int(),
      average: rate,
      correlation: rate,
      bands: z.array(z.object({ band: z.string(), responses: z.number().int(), csatAverage: rate })),
    }),
    deductions: z.array(
      z.object({
        currency: z.string(),
        open: z.number().int(),
        openAmount: z.string(),
        takenInWindow: z.string(),
        windowDays: z.number().int(),
        ddo: rate,
        averageDaysOpen: rate,
      }),
    ),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Measuring resolution by type, month, speed and deductions…',
  run: async (input, ctx) => {
    if (input.from && input.to && input.from > input.to) {
      return { ok: false, error: { code: 'invalid_input', message: '`from` is after `to`.', field: 'from' } }
    }
    return ok(await insightsReport(ctx.services.store, ctx.today, input))
  },
})
