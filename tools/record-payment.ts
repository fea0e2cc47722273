import { z } from 'zod'
import { Payment } from '../src/core/ledger.ts'
import { defineTool, fail, ok } from './define-tool.ts'
import { DeductionsReportView } from './deduction-views.ts'

export const recordPayment = defineTool({
  name: 'record_payment',
  title: 'Record a payment and its remittance advice',
  description:
    "Record a customer's payment as their remittance advice states it (what was paid and deducted on each invoice, " +
    'with their reason code or words), then open one dispute per short-paid invoice, as an import of the payment ' +
    'would. Changes the invoices’ open balances, so only on the user’s explicit request. A payment id already ' +
    'recorded is left as it is (its deductions are opened if they are not yet).',
  input: Payment,
  output: z.object({
    payment: z.enum(['recorded', 'already_recorded']),
    deductions: DeductionsReportView,
  }),
  // As importing a ledger: cash application is a lead's change.
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: true },
  progress: (i) => `Recording payment ${i.id}…`,
  run: async (input, ctx) => {
    const r = await ctx.services.deductions.record(ctx.actor, input, { today: ctx.today })
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
