import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { CustomerDisputeView, DisputeIdInput, ThreadText } from './portal-views.ts'

export const sendDisputeMessage = defineTool({
  name: 'send_dispute_message',
  title: "Message on a dispute's customer thread",
  description:
    'Adds a message to the thread the customer sees in the portal: from a customer key on its own dispute, or from ' +
    'the AR team to the customer.',
  input: z.object({ disputeId: DisputeIdInput, text: ThreadText }),
  output: CustomerDisputeView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  roles: ['customer', 'specialist', 'lead', 'finance_controller', 'admin'],
  run: async (input, ctx) => {
    const r = await ctx.services.portal.message(ctx.actor, input.disputeId, input.text)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
