import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSimilarSearch, localEmbedder } from '../retrieval/index.ts'
import { DRIVERS, searchDoc } from '../retrieval/testing.ts'
import type { Db } from '../store/db.ts'
import { EmbedderEmbeddings, SimilarDisputesRetriever } from './similar-disputes-retriever.ts'

describe.each(DRIVERS)('SimilarDisputesRetriever on %s', (_name, open) => {
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
      searchDoc('P1', 'Old price billed after the renewal', {
        rootCause: 'price list not updated after contract renewal',
      }),
      searchDoc('P2', 'Renewal price not applied, old rate billed', { customerId: 'C-2' }),
      searchDoc('P3', 'Charged twice for the same order', { reasonCode: 'duplicate_billing', outcome: 'invalid' }),
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
