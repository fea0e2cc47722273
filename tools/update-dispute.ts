import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeStatus, DisputeView } from './schemas.ts'

export const updateDispute = defineTool({
  name: 'update_dispute',
  title: 'Move a dispute to another status',
  description:
    'Change a dispute’s status along its lifecycle (open → investigating → awaiting_customer | awaiting_approval → ' +
    'resolved → closed, or escalated), with the reason. Illegal transitions are refused.',
  input: z.object({
    disputeId: z.string().min(1).max(100),
    status: DisputeStatus,
    why: z.string().trim().min(3, 'say why, for the audit trail').max(4000),
  }),
  output: DisputeView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  run: async (input, ctx) => {
    // Moving it to resolved is resolving it (the reason is the outcome): the same hand-off to collections.
    const r =
      input.status === 'resolved'
        ? await ctx.services.settlement.resolve(input.disputeId, input.why, ctx.actor, ctx.today)
        : await ctx.services.store.disputes.transition(input.disputeId, input.status, ctx.actor, input.why)
    if (!r.ok) return fail(r.error.code, r.error.message, 'status')
    return ok('dispute' in r.value ? r.value.dispute : r.value)
  },
})
