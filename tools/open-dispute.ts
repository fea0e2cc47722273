import { z } from 'zod'
import { Claim, Resolution } from '../src/core/resolution.ts'
import { defineTool, fail, ok } from './define-tool.ts'
import { DisputeView } from './schemas.ts'

export const openDispute = defineTool({
  name: 'open_dispute',
  title: 'Open a dispute',
  description:
    'Record a dispute on an invoice: investigates it, stores the resolution on the dispute, puts the disputed amount on a ' +
    'collections hold and writes the audit trail. Give an idempotencyKey to make retries safe.',
  input: Claim.extend({
    idempotencyKey: z.string().min(8).max(128).optional(),
    disputeId: z.string().min(1).max(100).optional().describe('an open dispute this claim re-investigates and updates'),
  }),
  output: z.object({ dispute: DisputeView, resolution: Resolution }),
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  progress: (i) => `Opening a dispute on ${i.invoiceNumber}…`,
  run: async ({ idempotencyKey, disputeId, ...claim }, ctx) => {
    const r = await ctx.services.openDispute(claim, ctx.actor, {
      today: ctx.today,
      ...(disputeId ? { disputeId } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(ctx.progress ? { progress: ctx.progress } : {}),
    })
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
