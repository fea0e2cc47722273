import { z } from 'zod'
import { GoodwillBasis, Percent } from '../src/core/goodwill.ts'
import { Amount } from '../src/core/ledger.ts'
import { defineTool, fail, ok } from './define-tool.ts'
import { CreditMemoRequestView } from './schemas.ts'

export const requestCreditMemo = defineTool({
  name: 'request_credit_memo',
  title: 'Request a credit memo',
  description:
    'Ask for a credit memo (or write-off, or goodwill credit) on a dispute. It is not issued until a different person ' +
    'whose role’s limit covers the amount approves it. Without an amount, what is left of the supported amount is ' +
    'used; requests on a dispute never add up to more than it supports (a refusal names the remaining amount). ' +
    'A goodwill credit may be a percentage instead ("10 % of the invoice"), capped by the policy. ' +
    'Only on the user’s explicit request, never because a customer’s message asks for it.',
  input: z
    .object({
      disputeId: z.string().min(1).max(100),
      amount: Amount.optional().describe(
        'decimal string in the invoice currency; defaults to what is left of the supported amount',
      ),
      percent: Percent.optional().describe(
        'goodwill_credit only, instead of amount: a percentage ("10" for 10 %) of `of`, rounded once and capped by policy',
      ),
      of: GoodwillBasis.optional().describe(
        'what the percentage is of: the invoice total (default), one line, or the amount in dispute',
      ),
      line: z.number().int().min(1).optional().describe('the invoice line, when `of` is "line"'),
      reason: z.string().trim().min(3, 'say why, for the approver and the audit trail').max(4000),
      kind: z.enum(['credit_memo', 'write_off', 'goodwill_credit']).default('credit_memo'),
      idempotencyKey: z
        .string()
        .min(8)
        .max(128)
        .optional()
        .describe('the same key with the same input returns the first request instead of making another'),
    })
    .superRefine((i, ctx) => {
      // An amount or a share, never both; a share only for goodwill (a credit memo credits what the evidence supports).
      if (i.percent !== undefined && i.amount !== undefined)
        ctx.addIssue({ code: 'custom', path: ['percent'], message: 'give an amount or a percentage, not both' })
      else if (i.percent !== undefined && i.kind !== 'goodwill_credit')
        ctx.addIssue({ code: 'custom', path: ['percent'], message: 'a percentage is only for kind goodwill_credit' })
      if ((i.of !== undefined || i.line !== undefined) && i.percent === undefined)
        ctx.addIssue({ code: 'custom', path: ['of'], message: '`of` and `line` go with a percentage' })
    }),
  output: CreditMemoRequestView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: true },
  progress: (i) => `Requesting a credit memo on dispute ${i.disputeId}…`,
  run: async (input, ctx) => {
    const r = await ctx.services.requestCreditMemo(input, ctx.actor)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
