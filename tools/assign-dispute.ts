import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeView } from './schemas.ts'

export const assignDispute = defineTool({
  name: 'assign_dispute',
  title: 'Assign or reassign a dispute',
  description:
    'Give an open dispute to a person (by their person id) who then owns it and sees it in their queue, with the ' +
    'reason for the audit trail. Leads only.',
  input: z.object({
    disputeId: z.string().min(1).max(100).describe('its id or number, e.g. DSP-000123'),
    personId: z.string().min(1).max(100),
    why: z.string().trim().min(3, 'say why, for the audit trail').max(4000),
  }),
  output: DisputeView,
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.store.assignment.assign(input.disputeId, input.personId, input.why, ctx.actor)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : 'disputeId')
  },
})
