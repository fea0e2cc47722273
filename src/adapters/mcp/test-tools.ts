/**
 * A small registry for the adapter tests: a paged list, a read with not-found, a write and a
 * lead-only money tool. The real registry is exercised end to end in the runtime tests.
 */
import { z } from 'zod'
import { defineTool, fail, ok, type ToolSpec } from '../../../tools/define-tool.ts'

export const testInvoices = Array.from({ length: 130 }, (_, i) => ({
  number: `T-${String(i + 1).padStart(4, '0')}`,
  customerId: 'C1',
  currency: 'USD',
  total: '10.00',
  openBalance: '10.00',
}))

export const testTools = [
  defineTool({
    name: 'find_invoices',
    title: 'Find invoices',
    description: 'test list',
    input: z.object({
      numberFragment: z.string().optional(),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({
      items: z.array(z.object({ number: z.string() }).loose()),
      total: z.number(),
      limit: z.number(),
      offset: z.number(),
    }),
    annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
    run: async (i) => {
      const all = testInvoices.filter((x) => !i.numberFragment || x.number.includes(i.numberFragment))
      return ok({ items: all.slice(i.offset, i.offset + i.limit), total: all.length, limit: i.limit, offset: i.offset })
    },
  }),
  defineTool({
    name: 'get_invoice',
    title: 'Get an invoice',
    description: 'test read',
    input: z.object({ invoiceNumber: z.string().min(1) }),
    output: z.object({ number: z.string(), total: z.string() }),
    annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
    run: async (i) => {
      const inv = testInvoices.find((x) => x.number === i.invoiceNumber)
      return inv
        ? ok({ number: inv.number, total: inv.total })
        : fail('invoice_not_found', `No invoice ${i.invoiceNumber}.`, 'invoiceNumber')
    },
  }),
  defineTool({
    name: 'add_dispute_note',
    title: 'Add a note',
    description: 'test write',
    input: z.object({ disputeId: z.string(), note: z.string().min(3) }),
    output: z.object({ saved: z.boolean() }),
    annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
    run: async () => ok({ saved: true }),
  }),
  defineTool({
    name: 'decide_credit_memo',
    title: 'Approve a credit memo',
    description: 'test money',
    input: z.object({ requestId: z.string() }),
    output: z.object({ approved: z.boolean() }),
    roles: ['lead', 'finance_controller', 'admin'],
    annotations: { readOnly: false, destructive: true, idempotent: false, movesMoney: true },
    run: async () => ok({ approved: true }),
  }),
] as unknown as readonly ToolSpec[]
