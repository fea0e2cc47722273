import { z } from 'zod'
import { Claim, Resolution } from '../src/core/resolution.ts'
import { defineTool, fail, ok } from './define-tool.ts'

export const investigateDispute = defineTool({
  name: 'investigate_dispute',
  title: 'Investigate a dispute',
  description:
    'Run the full investigation of a disputed invoice: fetch the evidence (invoice, contract, POs, deliveries, service ' +
    'logs, payments, credit memos), check each disputed charge, classify the dispute, decide the amount supported, the ' +
    'action, escalation and stakeholders, and draft the customer email, prevention and insights. Needs only the invoice ' +
    'and the reason code; give any fact the user stated (amount, quantities, the other invoice of a duplicate). The ' +
    'figures in the result are authoritative: quote them, never compute your own. Reads only; records nothing.',
  input: Claim.extend({ tone: z.enum(['neutral', 'warm', 'firm']).optional().describe("the customer email's tone") }),
  output: Resolution,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Investigating ${i.invoiceNumber}…`,
  run: async ({ tone, ...claim }, ctx) => {
    const r = await ctx.services.investigate(claim, {
      today: ctx.today,
      ...(tone ? { tone } : {}),
      ...(ctx.progress ? { progress: ctx.progress } : {}),
    })
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
