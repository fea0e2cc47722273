import { z } from 'zod'
import { Customer } from '../src/core/ledger.ts'
import { matchCustomers } from '../src/services/customer-match.ts'
import { defineTool, ok } from './define-tool.ts'

export const findCustomer = defineTool({
  name: 'find_customer',
  title: 'Find a customer',
  description:
    'Find customers by name, forgiving typos, abbreviations and suffixes ("globex", "Intiech", "Wayne Foods Inc"). ' +
    'Returns the best matches with a score from 0 to 1; use the id in other tools.',
  input: z.object({
    query: z
      .string()
      .trim()
      .min(1, 'give part of the customer name')
      .max(200)
      .describe('the name as the user wrote it'),
    limit: z.number().int().min(1).max(50).default(5).describe('how many matches (default 5)'),
  }),
  output: z.object({ matches: z.array(z.object({ customer: Customer, score: z.number() })) }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Looking up customer “${i.query}”…`,
  run: async (input, ctx) => {
    const all = await ctx.services.store.ledger.listCustomers({ limit: 100_000 })
    return ok({ matches: matchCustomers(input.query, all.items).slice(0, input.limit) })
  },
})
