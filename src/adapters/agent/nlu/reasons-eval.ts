/**
 * The `--reasons` evaluation: accuracy of the reason classifier on a labelled text,category CSV
 * (the Banking77 mapping), and a readable table of what it makes of real CFPB billing complaints.
 * The CLI wiring lives elsewhere; these functions take CSV text and return data or Markdown.
 */
import { parse } from 'csv-parse/sync'
import type { ReasonCode } from '../../../core/ledger.ts'
import { mappedRows } from './banking77.ts'
import { bundledReasonModel, classifyReason } from './classify-reason.ts'
import type { ReasonModel } from './reason-model.ts'

export interface ReasonsEvaluation {
  n: number
  accuracy: number
  perReason: Record<string, { n: number; correct: number; accuracy: number }>
  /** expected → predicted → count; "none" when the classifier declined to answer. */
  confusion: Record<string, Record<string, number>>
}

export function tally(pairs: readonly { expected: string; predicted: string | null }[]): ReasonsEvaluation {
  const perReason: ReasonsEvaluation['perReason'] = {}
  const confusion: ReasonsEvaluation['confusion'] = {}
  let correct = 0
  for (const { expected, predicted } of pairs) {
    const got = predicted ?? 'none'
    const row = perReason[expected] ?? { n: 0, correct: 0, accuracy: 0 }
    perReason[expected] = row
    row.n++
    if (got === expected) {
      row.correct++
      correct++
    }
    const c = confusion[expected] ?? {}
    confusion[expected] = c
    c[got] = (c[got] ?? 0) + 1
  }
  for (const r of Object.values(perReason)) r.accuracy = r.n ? round(r.correct / r.n) : 0
  return { n: pairs.length, accuracy: pairs.length ? round(correct / pairs.length) : 0, perReason, confusion }
}

/** Scores a text,category CSV; rows outside the fixed Banking77 table are skipped. */
export function evaluateReasons(csvText: string, model: ReasonModel = bundledReasonModel()): ReasonsEvaluation {
  return tally(mappedRows(csvText).map((r) => ({ expected: r.code, predicted: classifyReason(r.text, model).code })))
}

export interface CfpbRow {
  id: string
  issue: string
  subIssue: string
  predicted: ReasonCode | null
  confidence: number
  excerpt: string
}

const EXCERPT = 160

/** What the classifier reads in each CFPB complaint narrative, beside the complaint's own labels. */
export function cfpbReasonTable(csvText: string, model: ReasonModel = bundledReasonModel()): CfpbRow[] {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, bom: true, relax_quotes: true }) as Record<
    string,
    string
  >[]
  return rows
    .filter((r) => (r['Consumer complaint narrative'] ?? '').trim())
    .map((r) => {
      const narrative = (r['Consumer complaint narrative'] ?? '').replace(/\s+/g, ' ').trim()
      const result = classifyReason(narrative.slice(0, 2000), model)
      return {
        id: r['Complaint ID'] ?? '',
        issue: r.Issue ?? '',
        subIssue: r['Sub-issue'] ?? '',
        predicted: result.code,
        confidence: result.confidence,
        excerpt: excerptAround(narrative, result.evidence),
      }
    })
}

function excerptAround(text: string, evidence: string): string {
  const at = evidence ? text.toLowerCase().indexOf(evidence.toLowerCase()) : -1
  const start = at < 0 ? 0 : Math.max(0, at - 60)
  const cut = text.slice(start, start + EXCERPT)
  return `${start > 0 ? '…' : ''}${cut}${start + EXCERPT < text.length ? '…' : ''}`
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ')

/** A Markdown report a lead can read: the accuracy table, the confusion, and the CFPB rows if given. */
export function formatReasonReport(evaluation: ReasonsEvaluation | null, cfpb: readonly CfpbRow[] = []): string {
  const out: string[] = []
  if (evaluation) {
    out.push(`**Reason accuracy:** ${pct(evaluation.accuracy)} of ${evaluation.n} labelled messages`, '')
    out.push(
      '| reason | messages | correct | accuracy | most often confused with |',
      '| --- | ---: | ---: | ---: | --- |',
    )
    for (const [code, r] of Object.entries(evaluation.perReason).sort()) {
      const wrong = Object.entries(evaluation.confusion[code] ?? {})
        .filter(([p]) => p !== code)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([p, n]) => `${p} (${n})`)
        .join(', ')
      out.push(`| ${code} | ${r.n} | ${r.correct} | ${pct(r.accuracy)} | ${wrong || '—'} |`)
    }
  }
  if (cfpb.length) {
    if (out.length) out.push('')
    out.push(
      '| complaint | issue | sub-issue | predicted reason | confidence | excerpt |',
      '| --- | --- | --- | --- | ---: | --- |',
    )
    for (const r of cfpb) {
      out.push(
        `| ${cell(r.id)} | ${cell(r.issue)} | ${cell(r.subIssue)} | ${r.predicted ?? '—'} | ${pct(r.confidence)} | ${cell(r.excerpt)} |`,
      )
    }
  }
  return out.join('\n')
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`
const round = (x: number): number => Math.round(x * 10000) / 10000
