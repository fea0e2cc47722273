import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeEventView, DisputeView } from './schemas.ts'

export const getDispute = defineTool({
  name: 'get_dispute',
  title: 'Get a dispute with its audit trail',
  description:
    'Fetch a dispute: status, amounts (original, remaining, credited, written off), resolution and its audit events.',
  input: z.object({ disputeId: z.string().min(1).max(100) }),
  output: z.object({ dispute: DisputeView, events: z.array(DisputeEventView) }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => {
    const dispute = await ctx.services.store.disputes.get(input.disputeId)
    if (!dispute) return fail('dispute_not_found', `No dispute ${input.disputeId}.`, 'disputeId')
    return ok({ dispute, events: await ctx.services.store.disputes.events(input.disputeId) })
  },
})
