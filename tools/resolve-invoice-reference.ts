import { z } from 'zod'
import { Amount, IsoDate } from '../src/core/ledger.ts'
import { matchCustomers } from '../src/services/customer-match.ts'
import { groundInvoiceReference } from '../src/services/ground-claim.ts'
import { defineTool, fail, ok } from './define-tool.ts'

const Candidate = z.object({
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  issueDate: IsoDate,
  currency: z.string(),
  total: Amount,
  score: z.number().describe('how well it fits every clue given; 1 or more is a clear fit'),
  why: z.array(z.string()).describe('the clues it matches'),
  against: z.array(z.string()).describe('the clues it contradicts'),
})

export const resolveInvoiceReference = defineTool({
  name: 'resolve_invoice_reference',
  title: 'Resolve an invoice reference',
  description:
    'Find the invoice a user means from what they said: a number in any numbering or its last digits ("1002", ' +
    '"SI-2026-00417", "F/26/0093"), and/or the customer, an issue date or month, an amount (total, a line or a fee) ' +
    'and product words. Returns ranked candidates with why each fits. decision "resolved" names one invoice; ' +
    '"ambiguous" means ask the user which candidate (quote number, date and total); "none" means nothing fits. ' +
    'Prefer this to listing every invoice of a customer.',
  input: z
    .object({
      reference: z.string().trim().min(1).optional().describe('the invoice number or its last digits, as typed'),
      customer: z.string().trim().min(1).optional().describe('the customer name as the user wrote it'),
      date: IsoDate.optional().describe('the issue date the user gave'),
      from: IsoDate.optional().describe('start of the period the user gave ("last month": its first day)'),
      to: IsoDate.optional().describe('end of that period'),
      amount: Amount.optional().describe('a figure the user gave for the invoice, a line or a fee ("4310.50")'),
      productWords: z
        .string()
        .trim()
        .min(2)
        .optional()
        .describe('what was billed, in the user\'s words ("pallet racking")'),
    })
    .refine((i) => Object.values(i).some((v) => v !== undefined), {
      message: 'give at least a reference, a customer, a date, an amount or product words',
    }),
  output: z.object({
    decision: z.enum(['resolved', 'ambiguous', 'none']),
    invoiceNumber: z.string().optional(),
    candidates: z.array(Candidate),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Looking for the invoice ${i.reference ? `“${i.reference}”` : 'described'}…`,
  run: async (input, ctx) => {
    const ledger = ctx.services.store.ledger
    let customerIds: string[] | undefined
    if (input.customer) {
      const all = await ledger.listCustomers({ limit: 100_000 })
      const matches = matchCustomers(input.customer, all.items)
      const top = matches[0]?.score ?? 0
      customerIds = matches.filter((m) => m.score >= 0.6 && m.score >= top - 0.1).map((m) => m.customer.id)
      if (!customerIds.length) return fail('customer_not_found', `No customer matches "${input.customer}".`, 'customer')
    }
    const period =
      input.from || input.to ? { from: input.from ?? '0000-01-01', to: input.to ?? '9999-12-31' } : undefined
    const g = await groundInvoiceReference(ledger, {
      ...(input.reference ? { numbers: [input.reference] } : {}),
      ...(customerIds ? { customerIds } : {}),
      ...(input.date ? { date: input.date } : {}),
      ...(period ? { period } : {}),
      ...(input.amount ? { amount: input.amount } : {}),
      ...(input.productWords ? { productWords: input.productWords.split(/\s+/) } : {}),
    })
    return ok({
      decision: g.kind,
      ...(g.kind === 'resolved' ? { invoiceNumber: g.best.number } : {}),
      candidates: g.ranked,
    })
  },
})
