import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { HandoffView } from './settlement-views.ts'

export const handOffToCollections = defineTool({
  name: 'hand_off_to_collections',
  title: 'Hand a decided dispute to collections',
  description:
    'Once a dispute is decided without a settlement: release the collections hold for what the customer owes (the ' +
    'aging report shows it as undisputed again), keep it for the supported amount not credited yet, and set a ' +
    'follow-up date for the owner (a reminder goes out if the customer has not paid by then). Says whether the ' +
    'dispute is past its SLA (flagged to the lead). Only on the user’s explicit word.',
  input: z.object({ disputeId: z.string().min(1).max(100).describe('its id or number, e.g. DSP-000123') }),
  output: HandoffView,
  roles: ['specialist', 'lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.settlement.handOff(input.disputeId, ctx.actor, ctx.today)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : 'disputeId')
  },
})
