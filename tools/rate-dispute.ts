import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { CustomerDisputeView, DisputeIdInput } from './portal-views.ts'

export const rateDispute = defineTool({
  name: 'rate_dispute',
  title: 'Rate the resolution (customer)',
  description:
    'A customer rates how their resolved dispute was handled, 1 (poor) to 5 (excellent); rating again replaces it.',
  input: z.object({ disputeId: DisputeIdInput, csat: z.number().int().min(1).max(5) }),
  output: CustomerDisputeView,
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: false },
  roles: ['customer', 'specialist', 'lead', 'finance_controller', 'admin'],
  run: async (input, ctx) => {
    const r = await ctx.services.portal.rate(ctx.actor, input.disputeId, input.csat)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
