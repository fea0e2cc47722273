/**
 * Writes corpus.json (past disputes) and queries.json (new disputes with their truly similar past
 * ones) from situations.ts, deterministically: the same files on every machine.
 * Run: npx tsx evals/retrieval/build-corpus.ts
 */
import { writeFileSync } from 'node:fs'
import { Rng } from '../../src/demo/prng.ts'
import { CUSTOMERS, fill, OPENERS, PER_SITUATION, TAILS } from './fill.ts'
import type { LabelledQuery, PastDisputeDoc } from './labelled-set.ts'
import { HELD_OUT } from './held-out.ts'
import { SITUATIONS } from './situations.ts'

function build(): { corpus: PastDisputeDoc[]; queries: LabelledQuery[] } {
  const rng = new Rng(20261123)
  const corpus: PastDisputeDoc[] = []
  const bySituation = new Map<string, string[]>()
  let n = 0
  for (const s of SITUATIONS) {
    for (let i = 0; i < PER_SITUATION; i++) {
      const id = `PD-${String(++n).padStart(4, '0')}`
      const template = s.past[i % s.past.length] as string
      const month = rng.int(1, 12)
      corpus.push({
        id,
        customerId: rng.pick(CUSTOMERS),
        invoiceNumber: `INV-${rng.int(10000, 99999)}`,
        openedDate: `2025-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        reasonCode: s.reason,
        description: `${fill(rng, rng.pick(OPENERS))}${fill(rng, template)}${rng.pick(TAILS)}`,
        classification: s.outcome,
        action: s.action,
        rootCause: s.rootCause,
        department: s.department,
        situation: s.key,
      })
      bySituation.set(s.key, [...(bySituation.get(s.key) ?? []), id])
    }
  }
  const queries: LabelledQuery[] = []
  let q = 0
  for (const s of SITUATIONS) {
    for (const text of s.queries) {
      queries.push({
        id: `Q-${String(++q).padStart(3, '0')}`,
        set: 'dev',
        text: fill(rng, text),
        customerId: rng.pick(CUSTOMERS),
        reasonCode: s.reason,
        situation: s.key,
        relevant: bySituation.get(s.key) ?? [],
      })
    }
  }
  // Appended after the dev queries so their ids and texts stay as they were.
  for (const s of SITUATIONS) {
    const text = HELD_OUT[s.key]
    if (!text) throw new Error(`no held-out query for ${s.key}`)
    queries.push({
      id: `H-${String(queries.length - q + 1).padStart(3, '0')}`,
      set: 'held-out',
      text,
      customerId: rng.pick(CUSTOMERS),
      reasonCode: s.reason,
      situation: s.key,
      relevant: bySituation.get(s.key) ?? [],
    })
  }
  return { corpus, queries }
}

const { corpus, queries } = build()
const dir = new URL('./', import.meta.url)
writeFileSync(new URL('corpus.json', dir), `${JSON.stringify(corpus, null, 1)}\n`)
writeFileSync(new URL('queries.json', dir), `${JSON.stringify(queries, null, 1)}\n`)
console.log(`wrote ${corpus.length} past disputes and ${queries.length} queries`)
