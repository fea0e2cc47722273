import { z } from 'zod'
import { defineTool, ok } from './define-tool.ts'
import { DeductionsReportView } from './deduction-views.ts'

export const openDeductions = defineTool({
  name: 'open_deductions',
  title: 'Open disputes for deductions',
  description:
    'Open one dispute per short-paid invoice that has none yet (all, one payment, or one customer): the deducted ' +
    "amount is in dispute, the customer's reason code is mapped by the lead's table or their words are read, and each " +
    'is investigated and recorded with its audit trail. Safe to repeat: a deduction never opens twice. Moves no money.',
  input: z.object({
    paymentId: z.string().min(1).max(100).optional(),
    customerId: z.string().min(1).max(100).optional(),
  }),
  output: DeductionsReportView,
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Opening disputes for the deductions${i.paymentId ? ` of payment ${i.paymentId}` : ''}…`,
  run: async (input, ctx) =>
    ok(
      await ctx.services.deductions.open(ctx.actor, {
        today: ctx.today,
        ...(input.paymentId ? { paymentId: input.paymentId } : {}),
        ...(input.customerId ? { customerId: input.customerId } : {}),
        ...(ctx.progress ? { progress: ctx.progress } : {}),
      }),
    ),
})
