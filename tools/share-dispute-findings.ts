import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { CustomerDisputeView, DisputeIdInput, ThreadText } from './portal-views.ts'

export const shareDisputeFindings = defineTool({
  name: 'share_dispute_findings',
  title: 'Share findings with the customer',
  description:
    "Releases the findings to the customer in the portal: the text given, or else the investigation's customer " +
    'email. The customer sees only what is released, as it was when released.',
  input: z.object({ disputeId: DisputeIdInput, text: ThreadText.optional() }),
  output: CustomerDisputeView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  roles: ['specialist', 'lead', 'finance_controller', 'admin'],
  run: async (input, ctx) => {
    const r = await ctx.services.portal.shareFindings(ctx.actor, input.disputeId, input.text)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
