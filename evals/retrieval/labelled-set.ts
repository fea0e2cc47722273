/**
 * The labelled set for similar-dispute search: past disputes (corpus.json) and new-dispute queries
 * with the ids of the past disputes that are truly similar (queries.json). Built by build-corpus.ts.
 */
import { readFileSync } from 'node:fs'
import type { PastDispute } from '../../src/core/ledger.ts'

export interface PastDisputeDoc extends Omit<PastDispute, 'disputedAmount'> {
  /** The circumstances key from situations.ts: the ground truth of similarity. */
  situation: string
}

export interface LabelledQuery {
  id: string
  /** dev: seen while the synonym map was written; held-out: written after it was frozen. */
  set: 'dev' | 'held-out'
  text: string
  customerId: string
  reasonCode: PastDispute['reasonCode']
  situation: string
  relevant: string[]
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as T

export function loadLabelledSet(): { corpus: PastDisputeDoc[]; queries: LabelledQuery[] } {
  return { corpus: read('corpus.json'), queries: read('queries.json') }
}
