import { defineTool } from './define-tool.ts'
import { GroupClaimInput, GroupPreviewView, groupClaimOf, toolResult } from './dispute-group-views.ts'

export const investigateDisputeGroup = defineTool({
  name: 'investigate_dispute_group',
  title: 'Investigate a claim over several invoices',
  description:
    'Investigate one claim that covers several invoices of a customer (invoiceNumbers, or customerId with a month or ' +
    'from/to for "every invoice in March"): each invoice is checked on its own evidence and the result lists the ' +
    'figures per invoice and the totals per currency. Reads only; records nothing (open_dispute_group records it).',
  input: GroupClaimInput,
  output: GroupPreviewView,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Investigating each invoice of the claim…',
  run: async (input, ctx) => {
    const { selection, claim } = groupClaimOf(input)
    return toolResult(
      await ctx.services.groups.investigate(selection, claim, {
        today: ctx.today,
        ...(ctx.progress ? { progress: ctx.progress } : {}),
      }),
    )
  },
})
