import { z } from 'zod'
import { ServiceLog } from '../src/core/ledger.ts'
import { defineTool, ok } from './define-tool.ts'
import { DateRange, Paging, pageOf } from './schemas.ts'

export const getServiceLogs = defineTool({
  name: 'get_service_logs',
  title: 'Get service logs',
  description:
    'Service delivery logs (rendered, partial, not rendered) for a customer or an invoice, filterable by service period.',
  input: z.object({
    customerId: z.string().max(100).optional(),
    invoiceNumber: z.string().max(100).optional(),
    ...DateRange,
    ...Paging,
  }),
  output: pageOf(ServiceLog),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Checking service logs…',
  run: async (input, ctx) => ok(await ctx.services.store.ledger.serviceLogs(input)),
})
