/**
 * The reason a customer gives, in the specialist's words, as one of the 13 reason codes. Phrase
 * patterns (data/reason-patterns.json) carry what we know for sure; the trained model carries the
 * rest (paraphrases, typos, word order). Their scores add up, so a pattern settles a close call and
 * the model still reads what no pattern foresaw.
 */
import { readFileSync } from 'node:fs'
import { REASON_CODES, type ReasonCode } from '../../../core/ledger.ts'
import patternsData from './data/reason-patterns.json' with { type: 'json' }
import { predict, type ReasonModel } from './reason-model.ts'
import { features, fixSpelling } from './text.ts'
import { NO_REASON } from './training-data.ts'

export interface ReasonResult {
  code: ReasonCode | null
  confidence: number
  alternatives: { code: ReasonCode; confidence: number }[]
  /** The words the decision rests on, as typed ("got 42 of the 50"). Empty when code is null. */
  evidence: string
  /** True when a phrase pattern backs the code, not only the statistical model. */
  matchedPattern: boolean
}

interface CompiledPattern {
  code: ReasonCode
  re: RegExp
  weight: number
}

/** Phrases removed before classifying ("incl. VAT" counts a total; it is not a tax dispute). */
const IGNORE = ((patternsData as { _ignore?: string[] })._ignore ?? []).map((p) => new RegExp(p, 'gi'))
const withoutIgnored = (text: string): string => IGNORE.reduce((t, re) => t.replace(re, ' '), text)

const PATTERNS: CompiledPattern[] = Object.entries(patternsData).flatMap(([code, list]) =>
  code.startsWith('_')
    ? []
    : (list as { pattern: string; weight: number }[]).map((p) => ({
        code: code as ReasonCode,
        re: new RegExp(p.pattern, 'i'),
        weight: p.weight,
      })),
)

let bundled: ReasonModel | null = null
/** The committed model (data/reason-model.json), parsed once per process. */
export function bundledReasonModel(): ReasonModel {
  bundled ??= JSON.parse(readFileSync(new URL('./data/reason-model.json', import.meta.url), 'utf8')) as ReasonModel
  return bundled
}

/** Below this the answer is "I don't know" (null): asking beats guessing a reason. */
export const MIN_CONFIDENCE = 0.35

const isReason = (s: string): s is ReasonCode => (REASON_CODES as readonly string[]).includes(s)

export function classifyReason(typed: string, model: ReasonModel = bundledReasonModel()): ReasonResult {
  const text = withoutIgnored(typed)
  const fixed = fixSpelling(text)
  const { ranked, support } = predict(model, features(text))
  const scores = new Map<string, number>(ranked.map((r) => [r.label, r.p]))
  const matched = new Map<string, string>()
  for (const p of PATTERNS) {
    const m = p.re.exec(fixed)
    if (!m) continue
    scores.set(p.code, (scores.get(p.code) ?? 0) + p.weight)
    const prior = matched.get(p.code)
    if (!prior || m[0].length > prior.length) matched.set(p.code, m[0])
  }
  const total = [...scores.values()].reduce((a, b) => a + b, 0) || 1
  const ordered = [...scores.entries()].map(([label, s]) => ({ label, p: s / total })).sort((a, b) => b.p - a.p)
  const alternatives = ordered
    .filter((o): o is { label: ReasonCode; p: number } => isReason(o.label))
    .map((o) => ({ code: o.label, confidence: round(o.p) }))
  const top = ordered[0]
  if (!top || !isReason(top.label) || top.p < MIN_CONFIDENCE) {
    return {
      code: null,
      confidence: round(top && !isReason(top.label) ? top.p : 1 - (top?.p ?? 0)),
      alternatives: alternatives.slice(0, 3),
      evidence: '',
      matchedPattern: false,
    }
  }
  const evidence = matched.get(top.label) ?? support.join(', ')
  return {
    code: top.label,
    confidence: round(top.p),
    alternatives: alternatives.filter((a) => a.code !== top.label).slice(0, 3),
    evidence,
    matchedPattern: matched.has(top.label),
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000

export { NO_REASON }
