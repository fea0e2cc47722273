/** Test helpers: a search document with defaults, and the two drivers every retrieval test runs on. */
import { memoryPglite, wirePg } from '../store/testing.ts'
import { type SearchDocument, summaryLine } from './search-document.ts'

export function searchDoc(id: string, text: string, over: Partial<SearchDocument> = {}): SearchDocument {
  const d: SearchDocument = {
    id,
    customerId: 'C-1',
    invoiceNumber: null,
    reasonCode: 'pricing_error',
    openedDate: '2025-03-01',
    outcome: 'valid',
    action: 'credit_memo',
    rootCause: null,
    department: null,
    summary: '',
    text,
    ...over,
  }
  return { ...d, summary: summaryLine(d) }
}

export const DRIVERS = [
  ['pglite', async () => (await memoryPglite()).db],
  ['pg over the wire', async () => (await wirePg()).db],
] as const
