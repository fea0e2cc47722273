import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeEventView } from './schemas.ts'

export const addDisputeNote = defineTool({
  name: 'add_dispute_note',
  title: 'Add a note to a dispute',
  description: 'Append a note (a call, an email received, a decision) to a dispute’s audit trail.',
  input: z.object({ disputeId: z.string().min(1).max(100), note: z.string().trim().min(1).max(4000) }),
  output: DisputeEventView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.store.disputes.note(input.disputeId, input.note, ctx.actor)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'disputeId')
  },
})
