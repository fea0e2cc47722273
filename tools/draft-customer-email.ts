import { z } from 'zod'
import { Email } from '../src/core/resolution.ts'
import { defineTool, fail, ok } from './define-tool.ts'

export const draftCustomerEmail = defineTool({
  name: 'draft_customer_email',
  title: 'Draft the customer email',
  description:
    'Draft (or re-draft in another tone) the customer email for a recorded dispute: polite, factual, naming the invoice, ' +
    'the amounts and the next step with its date. Tone changes wording, never figures.',
  input: z.object({
    disputeId: z.string().min(1).max(100),
    tone: z.enum(['neutral', 'warm', 'firm']).default('neutral'),
  }),
  output: Email,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.draftEmail(input.disputeId, input.tone)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'disputeId')
  },
})
