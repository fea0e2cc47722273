import { z } from 'zod'
import { defineTool, ok } from './define-tool.ts'
import { DateRange, PaymentView, Paging, pageOf } from './schemas.ts'

export const getPayments = defineTool({
  name: 'get_payments',
  title: 'Get payments',
  description:
    'Payments received from a customer or against an invoice, applied and unapplied (a payment whose reference names an ' +
    'invoice but was never applied is how "we already paid" disputes are solved). Filter by payment date.',
  input: z.object({
    customerId: z.string().max(100).optional(),
    invoiceNumber: z.string().max(100).optional(),
    unappliedOnly: z.boolean().optional().describe('only payments not applied to any invoice'),
    ...DateRange,
    ...Paging,
  }),
  output: pageOf(PaymentView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Checking payments…',
  run: async (input, ctx) => ok(await ctx.services.store.ledger.payments(input)),
})
