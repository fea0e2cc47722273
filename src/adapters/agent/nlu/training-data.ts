/** The training examples: our own B2B phrasings (data/phrasings.json) plus mapped Banking77 rows. */
import phrasings from './data/phrasings.json' with { type: 'json' }
import { mappedRows } from './banking77.ts'
import type { Example } from './reason-model.ts'
import { features } from './text.ts'

/** The label for text that carries no reason at all ("hi", "invoice INV-1002"). */
export const NO_REASON = '__none__'

export function ownPhrasings(): { text: string; label: string }[] {
  const out: { text: string; label: string }[] = []
  for (const [label, texts] of Object.entries(phrasings)) {
    if (label.startsWith('_') && label !== NO_REASON) continue
    for (const text of texts as string[]) out.push({ text, label })
  }
  return out
}

export function toExamples(rows: readonly { text: string; label: string }[]): Example[] {
  return rows.map((r) => ({ features: features(r.text), label: r.label }))
}

export function bankingExamples(csvText: string): (Example & { text: string })[] {
  return mappedRows(csvText).map((r) => ({ text: r.text, features: features(r.text), label: r.code }))
}
