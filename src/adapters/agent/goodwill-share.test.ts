/**
 * A goodwill credit asked for as a share in the chat, through the real chat API (in-memory Postgres,
 * embedded engine): the core computes the share and its policy cap, the chat proposes it, and nothing
 * is recorded before the specialist confirms. Wordings written for this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatTurn, createTestApp, type TestApp } from '../../testing/test-app.ts'
import { findGoodwillShare } from './nlu/mentions.ts'

describe('reading a goodwill share', () => {
  it.each([
    ['give them 10 % as goodwill', { percent: '10', of: 'invoice' }],
    ['goodwill of 7,5 percent of the disputed amount', { percent: '7.5', of: 'disputed' }],
    ['offer 20% of line 2 as a goodwill gesture', { percent: '20', of: 'line', line: 2 }],
  ])('%s', (text, expected) => {
    expect(findGoodwillShare(text)).toEqual(expected)
  })

  it('is none without a share', () => {
    expect(findGoodwillShare('offer them a goodwill credit of 100')).toBeUndefined()
  })
})

describe('a goodwill share in the chat', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  }, 60_000)
  afterAll(() => t?.close())

  const CLAIM = 'INV-1002: Globex says widgets should be $35 each, they were billed $40, disputing $400'

  it('proposes the share the core computes on a claim the evidence does not support, recording nothing yet', async () => {
    const first = await chatTurn(t, CLAIM)
    expect(first.resolution).toMatchObject({ classification: 'invalid', owedAmount: '400.00' })
    const share = await chatTurn(t, 'as goodwill give them 10 % of the disputed amount', first.sessionId)
    expect(share.reply).toMatch(/^Goodwill: 10 % of the amount in dispute 400\.00 USD = 40\.00 USD\./)
    expect(share.resolution?.action).toBe('goodwill_credit')
    expect(share.proposal?.kind).toBe('record_dispute')
    expect(share.effects).toEqual([])
    expect((await t.runtime.services.store.creditMemos.list({})).items).toEqual([])
  })

  it('caps the share at what the policy allows', async () => {
    const first = await chatTurn(t, CLAIM)
    const share = await chatTurn(t, 'goodwill: 50 % of the invoice', first.sessionId)
    expect(share.reply).toMatch(
      /^Goodwill: 50 % of the invoice total 2000\.00 USD = 1000\.00 USD, capped at 400\.00 USD/,
    )
    expect(share.resolution?.action).toBe('goodwill_credit')
  })

  it('computes no share on a claim the evidence supports: billing was wrong, so a credit memo', async () => {
    const first = await chatTurn(t, 'INV-1002: Globex only received 42 of the 50 units and disputes $400.00')
    const share = await chatTurn(t, 'give them 10 % as goodwill', first.sessionId)
    expect(share.reply).not.toMatch(/^Goodwill:/)
    expect(share.resolution?.action).toBe('credit_memo')
  })
})
