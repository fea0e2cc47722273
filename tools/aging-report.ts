import { z } from 'zod'
import { AGING_BUCKETS, agingToCsv } from '../src/core/aging.ts'
import { Amount } from '../src/core/ledger.ts'
import { defineTool, ok } from './define-tool.ts'

const Amounts = z.object(
  Object.fromEntries(AGING_BUCKETS.map((b) => [b, Amount])) as Record<(typeof AGING_BUCKETS)[number], typeof Amount>,
)

const AgingRow = z.object({
  currency: z.string(),
  invoices: z.number().int(),
  buckets: Amounts,
  disputed: Amounts,
  undisputed: Amounts,
  total: Amount,
  disputedTotal: Amount,
  undisputedTotal: Amount,
})

export const agingReport = defineTool({
  name: 'aging_report',
  title: 'Aging report',
  description:
    'Open receivables by age bucket (current, 1–30, 31–60, 61–90, 90+ days past due) per customer and in total, ' +
    'one row per currency, with the amounts in dispute shown apart from the undisputed balance. ' +
    'Give customerId for one customer (its invoices are then listed too); includeCsv adds the report as CSV.',
  input: z.object({
    customerId: z.string().min(1).max(100).optional().describe('only this customer (id from find_customer)'),
    includeCsv: z.boolean().default(false).describe('also return the report as CSV text'),
  }),
  output: z.object({
    today: z.string(),
    bucketLabels: z.record(z.string(), z.string()),
    customers: z.array(
      z.object({
        customerId: z.string(),
        customerName: z.string(),
        rows: z.array(AgingRow),
        openBalance: z.record(z.string(), Amount),
        inDispute: z.record(z.string(), Amount),
      }),
    ),
    totals: z.array(AgingRow),
    items: z
      .array(
        z.object({
          invoiceNumber: z.string(),
          customerId: z.string(),
          currency: z.string(),
          dueDate: z.string(),
          daysPastDue: z.number().int(),
          bucket: z.enum(AGING_BUCKETS),
          openBalance: Amount,
          disputedAmount: Amount,
        }),
      )
      .describe('the invoices behind the figures (only when one customer is asked for)'),
    csv: z.string().optional(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Ageing open invoices…',
  run: async (input, ctx) => {
    const report = await ctx.services.aging(ctx.today, input.customerId ? { customerId: input.customerId } : {})
    // The whole ledger's invoice list is too long for a model's context; one customer's is useful.
    const items = input.customerId ? report.items.map(({ customerName: _name, ...item }) => item) : []
    return ok({ ...report, items, ...(input.includeCsv ? { csv: agingToCsv(report) } : {}) })
  },
})
