import { z } from 'zod'
import { PurchaseOrder } from '../src/core/ledger.ts'
import { defineTool, ok } from './define-tool.ts'
import { Paging, pageOf } from './schemas.ts'

export const getPurchaseOrders = defineTool({
  name: 'get_purchase_orders',
  title: 'Get purchase orders',
  description: 'List a customer’s purchase orders (lines, quantities, agreed prices), or fetch one by its number.',
  input: z.object({
    customerId: z.string().max(100).optional(),
    poNumber: z.string().max(100).optional().describe('e.g. PO-G-778'),
    ...Paging,
  }),
  output: pageOf(PurchaseOrder),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Fetching purchase orders${i.poNumber ? ` ${i.poNumber}` : ''}…`,
  run: async (input, ctx) =>
    ok(
      await ctx.services.store.ledger.purchaseOrders({
        limit: input.limit,
        offset: input.offset,
        ...(input.customerId ? { customerId: input.customerId } : {}),
        ...(input.poNumber ? { number: input.poNumber } : {}),
      }),
    ),
})
