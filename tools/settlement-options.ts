import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { SettlementAskInput, SettlementOptionsView } from './settlement-views.ts'

export const settlementOptionsTool = defineTool({
  name: 'settlement_options',
  title: 'Settlement options for a decided dispute',
  description:
    'For a partial dispute, or one whose customer rejected the outcome: the options a senior specialist weighs, each ' +
    'with its figures and who must approve it under the policy: the supported credit only, a split of the remainder ' +
    '(50/50 unless told), a goodwill credit within the limit, a payment plan for what is owed (instalments and dates), ' +
    'escalation. Reads only; choose one with choose_settlement.',
  input: z.object({
    disputeId: z.string().min(1).max(100).describe('its id or number, e.g. DSP-000123'),
    ...SettlementAskInput,
  }),
  output: SettlementOptionsView,
  roles: ['specialist', 'lead', 'finance_controller', 'admin'],
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Weighing settlement options on ${i.disputeId}…`,
  run: async ({ disputeId, ...ask }, ctx) => {
    const r = await ctx.services.settlement.options(disputeId, ctx.today, ask)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : 'disputeId')
  },
})
