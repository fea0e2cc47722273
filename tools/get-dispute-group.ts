import { z } from 'zod'
import { defineTool } from './define-tool.ts'
import { DisputeGroupView, toolResult } from './dispute-group-views.ts'

export const getDisputeGroup = defineTool({
  name: 'get_dispute_group',
  title: 'Get a claim over several invoices',
  description:
    'Fetch a group of disputes raised as one claim: its disputes in order, the figures each investigation decided, ' +
    'and the totals per currency.',
  input: z.object({ groupId: z.string().min(1).max(100) }),
  output: DisputeGroupView,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => toolResult(await ctx.services.groups.get(input.groupId)),
})
