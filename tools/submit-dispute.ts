import { z } from 'zod'
import { Amount, ReasonCode } from '../src/core/ledger.ts'
import { defineTool, fail, ok } from './define-tool.ts'
import { CustomerDisputeView } from './portal-views.ts'

export const submitDispute = defineTool({
  name: 'submit_dispute',
  title: 'Submit a dispute (customer)',
  description:
    'A customer disputes one of their own invoices: the dispute is opened and investigated at once and reaches the AR ' +
    "team's queue with the investigation as a proposal a specialist confirms; nothing about money changes.",
  input: z.strictObject({
    invoiceNumber: z.string().trim().min(1).max(100).describe('one of your invoices'),
    reasonCode: ReasonCode,
    disputedAmount: Amount.optional().describe('the amount you dispute, when you know it'),
    description: z.string().trim().min(3, 'say what is wrong in a few words').max(4000),
    attachments: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(200), text: z.string().max(20_000) }))
      .max(10)
      .optional()
      .describe('documents pasted as text (a delivery note, an email)'),
    idempotencyKey: z.string().min(8).max(128).optional(),
  }),
  output: CustomerDisputeView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  roles: ['customer', 'admin'],
  progress: (i) => `Submitting a dispute on ${i.invoiceNumber}…`,
  run: async (input, ctx) => {
    const r = await ctx.services.portal.submit(ctx.actor, input, ctx.today)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
