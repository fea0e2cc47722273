import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { CreditMemoRequestView } from './schemas.ts'

export const decideCreditMemo = defineTool({
  name: 'decide_credit_memo',
  title: 'Approve or reject a credit memo',
  description:
    'Approve (and issue) or reject a pending credit memo request, with a reason. Lead role or above; never the person ' +
    'who requested it; only within the approver role’s limit.',
  input: z.object({
    requestId: z.string().min(1).max(100),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(3, 'say why, for the audit trail').max(4000),
    idempotencyKey: z
      .string()
      .min(8)
      .max(128)
      .optional()
      .describe('the same key with the same input returns the first decision instead of deciding twice'),
  }),
  output: CreditMemoRequestView,
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: true, idempotent: false, movesMoney: true },
  run: async (input, ctx) => {
    const r = await ctx.services.store.creditMemos.decide(
      input.requestId,
      input.decision,
      input.reason,
      ctx.actor,
      input.idempotencyKey,
    )
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'requestId')
  },
})
