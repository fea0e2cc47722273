import { z } from 'zod'
import { defineTool } from './define-tool.ts'
import { DisputeGroupView, GroupClaimInput, groupClaimOf, toolResult } from './dispute-group-views.ts'

export const openDisputeGroup = defineTool({
  name: 'open_dispute_group',
  title: 'Open a claim over several invoices',
  description:
    'Record one claim that covers several invoices of a customer: each invoice is investigated and recorded as its own ' +
    'dispute (with its audit trail and collections hold), and the disputes are linked as a group; the result shows ' +
    'the figures per invoice and the totals. Nothing is recorded unless every invoice can be investigated. Give an ' +
    'idempotencyKey to make retries safe. Moves no money (request_group_credits does, after confirmation).',
  input: GroupClaimInput.extend({ idempotencyKey: z.string().min(8).max(128).optional() }),
  output: DisputeGroupView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  progress: () => 'Opening a dispute on each invoice of the claim…',
  run: async ({ idempotencyKey, ...input }, ctx) => {
    const { selection, claim } = groupClaimOf(input)
    return toolResult(
      await ctx.services.groups.open(selection, claim, ctx.actor, {
        today: ctx.today,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(ctx.progress ? { progress: ctx.progress } : {}),
      }),
    )
  },
})
