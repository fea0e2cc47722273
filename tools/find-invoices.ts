import { z } from 'zod'
import { customerScope } from '../src/services/portal.ts'
import { defineTool, fail, ok } from './define-tool.ts'
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
  customerScoped: true,
  progress: (i) => (i.numberFragment ? `Searching invoices for “${i.numberFragment}”…` : 'Listing invoices…'),
  run: async (input, ctx) => {
    const { from, to, ...rest } = input
    const scope = customerScope(ctx.actor)
    if (scope && rest.customerId && rest.customerId !== scope)
      return fail('forbidden', 'A customer key lists its own invoices only.', 'customerId')
    const filter = { ...rest, ...(from ? { issuedFrom: from } : {}), ...(to ? { issuedTo: to } : {}) }
    return ok(await ctx.services.portal.invoices(ctx.actor, filter))
  },
})
