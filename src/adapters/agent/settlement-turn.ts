/**
 * The embedded engine's settlement turns: "what can we offer them?" lists the options of a decided
 * partial (or rejected) dispute; "go with the payment plan" proposes that one, made only when the
 * specialist confirms. The words are read here, small and general; the figures are the tools'.
 */
import type { Resolution } from '../../core/resolution.ts'
import type { SettlementKind } from '../../core/settlement-options.ts'
import type { SettlementChoice, SettlementView } from '../../services/settlement.ts'
import type { Proposal } from './chat-types.ts'
import type { PendingStep } from './proposals.ts'
import { approverOf, money, renderEmail } from './render-reply.ts'

export type SettlementAskInTurn =
  | { kind: 'options'; instalments?: number }
  | { kind: 'choose'; option: SettlementKind; instalments?: number }

const ASKS_OPTIONS =
  /\b(?:settlement options?|what (?:can|could|else can|else could|do) we offer|how (?:can|could|do) we settle|what are (?:the|our|my) options|(?:any|which|what|show(?: me)?(?: the)?|list(?: the)?) options)\b|^\s*options\s*\??\s*$/i
// Choosing words only: a goodwill figure typed outright ("give them 100 as goodwill") is the goodwill request the engine already reads.
const CHOOSES = /\b(?:go(?:ing)? with|choose|chose|pick|let'?s (?:do|go with)|we'?ll (?:do|take)|opt for)\b/i
const OPTION_WORDS: readonly [SettlementKind, RegExp][] = [
  ['payment_plan', /\b(?:payment plan|instal(?:l)?ments?|pay (?:it )?in (?:\d+|two|three|four|five|six) )/i],
  ['split', /\b(?:split|50\s*\/\s*50|fifty[- ]fifty|(?:meet|meeting) (?:them )?halfway)\b/i],
  ['goodwill', /\bgood-?will\b/i],
  ['supported_credit', /\b(?:supported (?:credit|amount)|credit only|only the (?:supported|credit))\b/i],
  ['escalate', /\bescalat/i],
]
const COUNT: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12 }
const INSTALMENTS =
  /\b(\d{1,2}|two|three|four|five|six|twelve)\s+(?:monthly\s+)?(?:instal(?:l)?ments?|payments|months)\b/i

/** What a message asks of a settlement, or null when it is about something else. */
export function readSettlementAsk(message: string): SettlementAskInTurn | null {
  const m = INSTALMENTS.exec(message)
  const said = m?.[1] ? (COUNT[m[1].toLowerCase()] ?? Number(m[1])) : undefined
  const instalments = said !== undefined && said >= 2 && said <= 12 ? { instalments: said } : {}
  if (CHOOSES.test(message)) {
    const option = OPTION_WORDS.find(([, re]) => re.test(message))?.[0]
    if (option) return { kind: 'choose', option, ...instalments }
  }
  return ASKS_OPTIONS.test(message) ? { kind: 'options', ...instalments } : null
}

/** Who approves in practice (a lead approves what a specialist's limit covers): render-reply's rule. */
const role = (r: string | null) => (r ? approverOf(r) : 'nobody')

/** The options as a table, each with its figures and approver, then how to pick one. */
export function renderOptions(v: SettlementView, r: Pick<Resolution, 'currency'>): string {
  const rows = v.options.map(
    (o) =>
      `| ${o.title} | ${money(r, o.creditTotal)} | ${money(r, o.customerPays)} | ${money(r, o.keptOnHold)} | ${role(o.approver)} |`,
  )
  const plan = v.options.find((o) => o.kind === 'payment_plan')
  return [
    `### Settlement options for ${v.number} (${v.invoiceNumber}, ${v.customerName})`,
    '',
    `${money(r, v.disputed)} in dispute: ${money(r, v.supported)} supported by the evidence, ${money(r, v.owed)} owed.`,
    '',
    '| Option | Credited | Customer pays | Kept on hold | Approved by |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...v.options.map((o) => `- **${o.title}:** ${o.summary}`),
    ...(plan
      ? ['', `Instalments: ${plan.instalments.map((i) => `${money(r, i.amount)} on ${i.dueOn}`).join('; ')}.`]
      : []),
    '',
    `_${v.rounding}_`,
    ...(v.sla.breached
      ? ['', `**Past its SLA** (due ${v.sla.dueOn}, ${v.sla.daysOver} days over): flagged to the lead.`]
      : []),
    '',
    'Tell me which one to go with (for example "go with the payment plan"); I will propose it for your confirmation.',
  ].join('\n')
}

/** The proposal for a chosen option: the one tool call, and what it does in one sentence. */
export function settlementProposal(
  v: SettlementView,
  option: SettlementKind,
  r: Pick<Resolution, 'currency' | 'invoiceNumber'>,
  instalments?: number,
): { proposal: Proposal; steps: PendingStep[] } | null {
  const o = v.options.find((x) => x.kind === option)
  if (!o) return null
  const credits = o.credits.map((c) => `a ${c.kind.replace(/_/g, ' ')} of ${money(r, c.amount)}`)
  return {
    proposal: {
      kind: 'choose_settlement',
      summary: `Settle ${v.number} on ${v.invoiceNumber} with "${o.title}": ${o.summary} ${money(r, o.customerPays)} goes back to collections and ${money(r, o.keptOnHold)} stays on hold${credits.length ? `; ${credits.join(' and ')} will be requested, each pending its approver` : ''}; the customer email follows.`,
      invoiceNumber: v.invoiceNumber,
      amount: o.creditTotal,
      currency: r.currency,
      disputeId: v.disputeId,
    },
    steps: [
      {
        tool: 'choose_settlement',
        input: { disputeId: v.disputeId, option, ...(instalments ? { instalments } : {}) },
      },
    ],
  }
}

/** The reply once a settlement was recorded: the hold, the follow-ups, the credits requested, the email. */
export function settlementRecorded(c: SettlementChoice, r: Resolution): string {
  const h = c.handoff
  const kind = (k: string) => k.replace(/_/g, ' ')
  const requested = c.credits.requested.map(
    (x) =>
      `a ${kind(x.kind)} of ${money(r, x.amount)} (request ${x.id}, pending: a ${approverOf(x.requiredRole)} other than you approves it)`,
  )
  const already = c.credits.alreadyRequested.map((x) => `a ${kind(x.kind)} of ${money(r, x.amount)}`)
  const refused = c.credits.refused.map((x) => `the ${kind(x.kind)} of ${money(r, x.amount)} was refused: ${x.message}`)
  return [
    `Recorded "${c.option.title}" on ${c.dispute.number}. ${money(r, h.released)} is back with collections; ${money(r, h.kept)} stays on hold as still in dispute.`,
    h.followUps.length
      ? `Follow-up${h.followUps.length > 1 ? 's' : ''} for the owner: ${h.followUps.map((f) => `${money(r, f.expectedPaid)} paid by ${f.dueOn}`).join('; ')} (a reminder goes out if not).`
      : '',
    requested.length ? `Requested ${requested.join(' and ')}.` : '',
    already.length ? `Already requested on it, not asked for again: ${already.join(' and ')}.` : '',
    refused.length ? `Not requested: ${refused.join('; ')}` : '',
    c.email ? `\n### Customer email\n\n${renderEmail({ ...r, email: c.email })}` : '',
  ]
    .filter(Boolean)
    .join('\n')
}
