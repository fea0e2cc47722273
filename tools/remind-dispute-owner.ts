import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeEventView } from './schemas.ts'

export const remindDisputeOwner = defineTool({
  name: 'remind_dispute_owner',
  title: 'Remind a dispute’s owner',
  description:
    'Record a reminder to the owner of an open dispute (it goes on the dispute’s timeline, and notifications ' +
    'send it on). Leads only.',
  input: z.object({
    disputeId: z.string().min(1).max(100).describe('its id or number, e.g. DSP-000123'),
    why: z.string().trim().min(3).max(4000).default('Reminder: this dispute needs your attention.'),
  }),
  output: DisputeEventView,
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.store.assignment.remind(input.disputeId, input.why, ctx.actor)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'disputeId')
  },
})
