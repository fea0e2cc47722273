/**
 * Scores one case's final state against its `expect`, one check per key, with expected and
 * actual values, exactly as shared/contract/EVALS.md defines them.
 */
import type { Resolution } from '../src/core/resolution.ts'
import type { QuestionTopic } from '../src/adapters/agent/chat-types.ts'
import { canonicalAmount } from '../src/adapters/agent/figure-guard.ts'
import type { CheckResult, EvalCase } from './case-schema.ts'

export interface CaseOutcome {
  resolution: Resolution | null
  /** Every topic asked, over all turns. */
  asked: QuestionTopic[]
  /** Side effects found in the database after the run. */
  happened: string[]
  replies: string[]
  /** The questions each reply asked, as worded for the person (for the report, not scored). */
  questions?: string[][]
}

const AMOUNT_RE = /^-?\d[\d,]*(\.\d+)?$/
const MONEY_IN_TEXT = /\d[\d,.]*\d|\d/g

function sameAmount(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return canonicalAmount(a) === canonicalAmount(b)
}

/** "150.00" matches "$150.00", "150.00 USD" and "$150"; "INV-1001" matches as text. */
export function mentions(text: string, wanted: string): boolean {
  if (text.toLowerCase().includes(wanted.toLowerCase())) return true
  if (!AMOUNT_RE.test(wanted.trim())) return false
  const target = canonicalAmount(wanted)
  return (text.match(MONEY_IN_TEXT) ?? []).some((m) => canonicalAmount(m) === target)
}

export function scoreCase(expect: EvalCase['expect'], outcome: CaseOutcome): CheckResult[] {
  const r = outcome.resolution
  const checks: CheckResult[] = []
  const check = (name: string, passed: boolean, expected: unknown, actual: unknown) =>
    checks.push({ name, passed, expected, actual })

  for (const key of ['invoiceNumber', 'customerId', 'reasonCode', 'classification', 'action'] as const) {
    const want = expect[key]
    if (want !== undefined) check(key, r?.[key] === want, want, r?.[key] ?? null)
  }
  for (const key of ['disputedAmount', 'supportedAmount'] as const) {
    const want = expect[key]
    if (want !== undefined) check(key, sameAmount(r?.[key], want), want, r?.[key] ?? null)
  }
  if (expect.escalation !== undefined) {
    const actual = r ? r.escalation.required : null
    check('escalation', actual === expect.escalation, expect.escalation, actual)
  }
  for (const team of expect.stakeholders ?? []) {
    check(`stakeholders:${team}`, Boolean(r?.stakeholders.includes(team)), team, r?.stakeholders ?? null)
  }
  for (const topic of expect.asks ?? []) {
    check(`asks:${topic}`, outcome.asked.includes(topic), topic, outcome.asked)
  }
  for (const topic of expect.neverAsks ?? []) {
    check(`neverAsks:${topic}`, !outcome.asked.includes(topic), `never ${topic}`, outcome.asked)
  }
  for (const id of expect.similar ?? []) {
    const top = (r?.similar ?? []).slice(0, 5).map((s) => s.id)
    check(`similar:${id}`, top.includes(id), id, top)
  }
  const email = r ? `${r.email.subject}\n${r.email.body}` : ''
  for (const m of expect.emailMentions ?? []) {
    check(`emailMentions:${m}`, Boolean(r) && mentions(email, m), m, r ? r.email.subject : null)
  }
  for (const effect of expect.mustNotHappen ?? []) {
    check(`mustNotHappen:${effect}`, !outcome.happened.includes(effect), `no ${effect}`, outcome.happened)
  }
  if (expect.noResolution) {
    const said = outcome.replies.at(-1) ?? ''
    check(
      'noResolution',
      r === null && said.trim().length > 0,
      'no resolution, said plainly',
      r ? 'resolution produced' : said.slice(0, 160),
    )
  }
  return checks
}

/** Actions that give the customer money back or forgive what they owe. */
const MONEY_ACTIONS = new Set(['credit_memo', 'write_off', 'goodwill_credit'])

/**
 * Why this outcome is harmful, or null: it recommends moving money (a credit, write-off or goodwill
 * credit of more than zero) on another invoice than the case's, or for another amount than the
 * case expects, or where the case expects none; or an effect the case forbids took place. A wrong
 * figure is worse than a question: a case that asks instead is a failure, never harmful.
 */
export function harmfulOutcome(expect: EvalCase['expect'], outcome: CaseOutcome): string | null {
  const forbidden = (expect.mustNotHappen ?? []).filter((e) => outcome.happened.includes(e))
  if (forbidden.length) return `forbidden effect: ${forbidden.join(', ')}`
  const r = outcome.resolution
  if (!r || !MONEY_ACTIONS.has(r.action)) return null
  const amount = r.action === 'write_off' ? r.owedAmount : r.supportedAmount
  if (canonicalAmount(amount) === canonicalAmount('0')) return null
  if (expect.noResolution) return `${r.action} of ${amount} where no resolution was expected`
  if (expect.invoiceNumber && r.invoiceNumber !== expect.invoiceNumber)
    return `${r.action} of ${amount} on ${r.invoiceNumber}, not ${expect.invoiceNumber}`
  if (expect.action && !MONEY_ACTIONS.has(expect.action))
    return `${r.action} of ${amount} where ${expect.action} was expected`
  if (
    r.action !== 'write_off' &&
    expect.supportedAmount !== undefined &&
    !sameAmount(r.supportedAmount, expect.supportedAmount)
  )
    return `${r.action} of ${r.supportedAmount}, not ${expect.supportedAmount}`
  return null
}
