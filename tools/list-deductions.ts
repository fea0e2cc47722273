import { z } from 'zod'
import { defineTool, ok } from './define-tool.ts'
import { DeductionView } from './deduction-views.ts'
import { Paging, pageOf } from './schemas.ts'

export const listDeductions = defineTool({
  name: 'list_deductions',
  title: 'List deductions',
  description:
    "List short payments: each invoice a customer's remittance advice paid less than billed, with the amount deducted, " +
    'their reason as written, and the dispute it opened (null when none is open yet; open_deductions opens them).',
  input: z.object({
    customerId: z.string().max(100).optional(),
    paymentId: z.string().max(100).optional(),
    opened: z.boolean().optional().describe('true: only those with a dispute; false: only those without'),
    ...Paging,
  }),
  output: pageOf(DeductionView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => ok(await ctx.services.deductions.list(input)),
})
