/**
 * Email quality scorers that need no model: the email names the invoice and the amounts, states
 * the next step with a date, apologises when and only when the company is at fault, carries no
 * blaming or emotionally charged phrasing (a lexicon kept as data) and keeps a sensible length.
 */
import { formatMoney, moneyOf } from '../src/core/money.ts'
import type { Resolution } from '../src/core/resolution.ts'
import type { CheckResult } from './case-schema.ts'
import { mentions } from './score.ts'

const APOLOGY = /\b(apologi[sz]e|apologies|sorry|regret)\b/i
const DATE =
  /\b(\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b/i
const NEXT_STEP = /\b(we will|we'll|we are|we have|please|next step|by|within|once)\b/i

export const EMAIL_WORDS = { min: 40, max: 400 }

export function companyAtFault(r: Resolution): boolean {
  return r.classification === 'valid' || r.classification === 'partial'
}

export function scoreEmail(r: Resolution, lexicon: readonly string[]): CheckResult[] {
  const text = `${r.email.subject}\n${r.email.body}`
  const words = r.email.body.split(/\s+/).filter(Boolean).length
  const money = (a: string) => formatMoney(moneyOf(a, r.currency))
  const amounts = [
    r.disputedAmount,
    ...(r.supportedAmount !== '0' && !/^0(\.0+)?$/.test(r.supportedAmount) ? [r.supportedAmount] : []),
  ]
  const banned = lexicon.filter((phrase) => text.toLowerCase().includes(phrase.toLowerCase()))
  const apologises = APOLOGY.test(text)
  const checks: CheckResult[] = [
    {
      name: 'email:names_invoice',
      passed: text.includes(r.invoiceNumber),
      expected: r.invoiceNumber,
      actual: r.email.subject,
    },
    ...amounts.map((a) => ({
      name: `email:mentions_amount:${a}`,
      passed: mentions(text, a),
      expected: money(a),
      actual: (text.match(/[$€£¥]?\d[\d,.]*\d/g) ?? []).slice(0, 6),
    })),
    {
      name: 'email:next_step_with_date',
      passed: DATE.test(r.email.body) && NEXT_STEP.test(r.email.body),
      expected: `a next step and a date (target ${r.targetDate})`,
      actual: DATE.exec(r.email.body)?.[0] ?? null,
    },
    {
      name: 'email:apology_when_at_fault',
      passed: apologises === companyAtFault(r),
      expected: companyAtFault(r) ? 'apologises' : 'no apology',
      actual: apologises ? 'apologises' : 'no apology',
    },
    { name: 'email:no_charged_phrasing', passed: banned.length === 0, expected: [], actual: banned },
    {
      name: 'email:length',
      passed: words >= EMAIL_WORDS.min && words <= EMAIL_WORDS.max,
      expected: `${EMAIL_WORDS.min}–${EMAIL_WORDS.max} words`,
      actual: words,
    },
  ]
  if (r.classification === 'needs_info') {
    checks.push({
      name: 'email:asks_for_missing',
      passed: r.missingDocuments.every((d) => text.toLowerCase().includes(d.replace(/_/g, ' ').split(' ')[0] ?? d)),
      expected: r.missingDocuments,
      actual: r.email.body.slice(0, 200),
    })
  }
  return checks
}
