import { z } from 'zod'
import { daysPastDue } from '../src/core/dates.ts'
import type { InvoiceRecord } from '../src/services/ports.ts'
import { defineTool, fail, ok, type ToolContext, type ToolResult } from './define-tool.ts'
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
  customerScoped: true,
  progress: (i) => `Fetching ${i.invoiceNumber}…`,
  run: async (input, ctx) => {
    const invoice = await invoiceFor(input.invoiceNumber, ctx)
    if (!invoice.ok) return invoice
    const customer = await ctx.services.store.ledger.getCustomer(invoice.value.customerId)
    return ok({
      ...invoice.value,
      customerName: customer?.name ?? invoice.value.customerId,
      daysPastDue: daysPastDue(invoice.value.dueDate, ctx.today),
    })
  },
})

/** A customer key reads its own invoices only (through the portal service); the team any invoice. */
async function invoiceFor(reference: string, ctx: ToolContext): Promise<ToolResult<InvoiceRecord>> {
  if (ctx.actor.role === 'customer') {
    const own = await ctx.services.portal.invoice(ctx.actor, reference)
    return own.ok ? ok(own.value) : fail(own.error.code, own.error.message, 'invoiceNumber')
  }
  const found = await ctx.services.resolveInvoice(reference)
  if (!found.ok) return fail(found.error.code, found.error.message, 'invoiceNumber')
  const invoice = await ctx.services.store.ledger.getInvoice(found.number)
  return invoice ? ok(invoice) : fail('invoice_not_found', `No invoice ${found.number} in the ledger.`, 'invoiceNumber')
}
