import { z } from 'zod'
import { daysPastDue } from '../src/core/dates.ts'
import { defineTool, fail, ok } from './define-tool.ts'
import { InvoiceDetail, InvoiceNumberInput } from './schemas.ts'

export const getInvoice = defineTool({
  name: 'get_invoice',
  title: 'Get an invoice',
  description:
    'Fetch one invoice with its lines, fees, total, payments and credits applied, open balance, amount in dispute ' +
    'and days past due. Accepts the number as printed or its last digits.',
  input: z.object({ invoiceNumber: InvoiceNumberInput }),
  output: InvoiceDetail,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Fetching ${i.invoiceNumber}…`,
  run: async (input, ctx) => {
    const found = await ctx.services.resolveInvoice(input.invoiceNumber)
    if (!found.ok) return fail(found.error.code, found.error.message, 'invoiceNumber')
    const invoice = await ctx.services.store.ledger.getInvoice(found.number)
    if (!invoice) return fail('invoice_not_found', `No invoice ${found.number} in the ledger.`, 'invoiceNumber')
    const customer = await ctx.services.store.ledger.getCustomer(invoice.customerId)
    return ok({
      ...invoice,
      customerName: customer?.name ?? invoice.customerId,
      daysPastDue: daysPastDue(invoice.dueDate, ctx.today),
    })
  },
})
