import { z } from 'zod'
import { defineTool, ok } from './define-tool.ts'
import { DateRange, InvoiceView, Paging, pageOf } from './schemas.ts'

export const findInvoices = defineTool({
  name: 'find_invoices',
  title: 'Find invoices',
  description:
    'List invoices by customer, status, issue date or a fragment of the number as people type it ("0451", "inv 1002"). ' +
    'Pages with limit/offset; dates filter on the issue date.',
  input: z.object({
    customerId: z.string().max(100).optional().describe('customer id from find_customer'),
    status: z.enum(['open', 'paid', 'partially_paid', 'void']).optional(),
    numberFragment: z.string().trim().min(1).max(100).optional().describe('any part of the invoice number'),
    ...DateRange,
    ...Paging,
  }),
  output: pageOf(InvoiceView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => (i.numberFragment ? `Searching invoices for “${i.numberFragment}”…` : 'Listing invoices…'),
  run: async (input, ctx) => {
    const { from, to, ...rest } = input
    const page = await ctx.services.store.ledger.findInvoices({
      ...rest,
      ...(from ? { issuedFrom: from } : {}),
      ...(to ? { issuedTo: to } : {}),
    })
    return ok(page)
  },
})
