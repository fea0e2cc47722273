import { z } from 'zod'
import { Delivery } from '../src/core/ledger.ts'
import { defineTool, ok } from './define-tool.ts'
import { DateRange, Paging, pageOf } from './schemas.ts'

export const getDeliveries = defineTool({
  name: 'get_deliveries',
  title: 'Get deliveries',
  description:
    'Delivery records (quantity delivered, damaged quantity, proof of delivery) for an invoice or a PO, filterable by delivery date.',
  input: z.object({
    invoiceNumber: z.string().max(100).optional(),
    poNumber: z.string().max(100).optional(),
    ...DateRange,
    ...Paging,
  }),
  output: pageOf(Delivery),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Checking deliveries${i.invoiceNumber ? ` for ${i.invoiceNumber}` : ''}…`,
  run: async (input, ctx) => ok(await ctx.services.store.ledger.deliveries(input)),
})
