import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSimilarSearch, localEmbedder } from '../retrieval/index.ts'
import type { SearchDocument } from '../retrieval/search-document.ts'
import { summaryLine } from '../retrieval/search-document.ts'
import type { Db } from '../store/db.ts'
import { memoryPglite, wirePg } from '../store/testing.ts'
import { EmbedderEmbeddings, SimilarDisputesRetriever } from './similar-disputes-retriever.ts'

function doc(id: string, text: string, over: Partial<SearchDocument>): SearchDocument {
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

const drivers = [
  ['pglite', async () => (await memoryPglite()).db],
  ['pg over the wire', async () => (await wirePg()).db],
] as const

describe.each(drivers)('SimilarDisputesRetriever on %s', (_name, open) => {
  let db: Db
  beforeEach(async () => {
    db = await open()
  })
  afterEach(async () => {
    await db.close()
  })

  it('returns precedents as documents a chain can use, boosted toward the customer', async () => {
    const similar = await createSimilarSearch(db, {})
    await similar.retrieval.upsert([
      doc('P1', 'Old price billed after the renewal', { rootCause: 'price list not updated after contract renewal' }),
      doc('P2', 'Renewal price not applied, old rate billed', { customerId: 'C-2' }),
      doc('P3', 'Charged twice for the same order', { reasonCode: 'duplicate_billing', outcome: 'invalid' }),
    ])
    const retriever = new SimilarDisputesRetriever({ search: similar, k: 2, customerId: 'C-2' })
    const docs = await retriever.invoke('they renewed and we still bill the old price')
    expect(docs.map((d) => d.id)).toEqual(['P2', 'P1'])
    expect(docs[1]?.pageContent).toBe(
      'pricing error (valid, credit memo): price list not updated after contract renewal',
    )
    expect(docs[1]?.metadata).toMatchObject({
      id: 'P1',
      outcome: 'valid',
      action: 'credit_memo',
      reasonCode: 'pricing_error',
    })

    const chain = RunnableSequence.from([
      retriever,
      RunnableLambda.from((ds: { pageContent: string }[]) => ds.map((d) => d.pageContent).join('\n')),
    ])
    expect(await chain.invoke('old price after renewal')).toContain('pricing error (valid, credit memo)')
  })
})

describe('EmbedderEmbeddings', () => {
  it('gives LangChain the same vectors our search stores', async () => {
    const e = localEmbedder()
    const lc = new EmbedderEmbeddings(e)
    expect(await lc.embedQuery('charged twice')).toEqual((await e.embed(['charged twice']))[0])
    expect(await lc.embedDocuments(['a b', 'c d'])).toEqual(await e.embed(['a b', 'c d']))
  })
})
