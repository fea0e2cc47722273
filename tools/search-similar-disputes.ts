import { z } from 'zod'
import { ReasonCode } from '../src/core/ledger.ts'
import { SimilarDispute } from '../src/core/resolution.ts'
import { defineTool, ok } from './define-tool.ts'

export const searchSimilarDisputes = defineTool({
  name: 'search_similar_disputes',
  title: 'Search similar past disputes',
  description:
    'Find past disputes similar to a description (how they were resolved, the root cause), optionally boosted to the same ' +
    'customer and reason code.',
  input: z.object({
    text: z.string().trim().min(3, 'describe the dispute in a few words').max(4000),
    customerId: z.string().max(100).optional(),
    reasonCode: ReasonCode.optional(),
    limit: z.number().int().min(1).max(50).default(5),
  }),
  output: z.object({ disputes: z.array(SimilarDispute) }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  customerScoped: true,
  progress: () => 'Searching similar past disputes…',
  // A customer key searches its own disputes only (the portal service filters, whatever customerId says).
  run: async (input, ctx) =>
    ok({
      disputes:
        ctx.actor.role === 'customer'
          ? await ctx.services.portal.similar(ctx.actor, input)
          : await ctx.services.similar.search(input),
    }),
})
