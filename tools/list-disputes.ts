import { z } from 'zod'
import { ReasonCode } from '../src/core/ledger.ts'
import { defineTool, ok } from './define-tool.ts'
import { DateRange, DisputeStatus, DisputeView, Paging, pageOf } from './schemas.ts'

export const listDisputes = defineTool({
  name: 'list_disputes',
  title: 'List disputes',
  description:
    'List recorded disputes, filtered by status, reason, customer, invoice or opening date, sorted and paged.',
  input: z.object({
    status: DisputeStatus.optional(),
    reasonCode: ReasonCode.optional(),
    customerId: z.string().max(100).optional(),
    invoiceNumber: z.string().max(100).optional(),
    sort: z.enum(['opened_at', 'amount', 'status']).default('opened_at'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...DateRange,
    ...Paging,
  }),
  output: pageOf(DisputeView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => ok(await ctx.services.store.disputes.list(input)),
})
