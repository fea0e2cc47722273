import { z } from 'zod'
import { ReasonCode } from '../src/core/ledger.ts'
import { WorklistItemView } from './assignment-views.ts'
import { defineTool, ok } from './define-tool.ts'
import { DisputeStatus, Paging, pageOf } from './schemas.ts'

export const getWorklist = defineTool({
  name: 'get_worklist',
  title: 'The dispute worklist',
  description:
    'Disputes as a team works them: number, customer name, invoice, amount still in dispute, age, SLA due date ' +
    '(and whether it is overdue), owner and status. Filter by owner ("me", "none" for unassigned, or a person id), ' +
    'status ("active" for every open one), reason, customer, overdue only or words; sort and page.',
  input: z.object({
    ownerId: z.string().max(100).optional().describe('"me", "none" (unassigned) or a person id'),
    status: z.union([DisputeStatus, z.literal('active')]).optional(),
    reasonCode: ReasonCode.optional(),
    customerId: z.string().max(100).optional(),
    overdue: z.boolean().optional(),
    q: z.string().trim().max(200).optional().describe('a dispute number, invoice, customer name or words'),
    sort: z.enum(['number', 'opened', 'amount', 'due', 'status', 'owner', 'customer']).default('due'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...Paging,
  }),
  output: pageOf(WorklistItemView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async ({ ownerId, ...input }, ctx) =>
    ok(
      await ctx.services.store.assignment.worklist({
        ...input,
        ...(ownerId ? { ownerId: ownerId === 'me' ? ctx.actor.id : ownerId } : {}),
        today: ctx.today,
      }),
    ),
})
