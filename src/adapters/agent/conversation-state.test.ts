import { describe, expect, it } from 'vitest'
import { claimFrom, loadState, mergeFacts } from './conversation-state.ts'
import type { StatedFacts } from './understanding.ts'

const opened = () => {
  const state = loadState({})
  state.facts = { invoiceNumber: 'INV-7', reasonCode: 'pricing_error', expectedUnitPrice: '9.00' }
  return state
}
const reason = (
  code: 'quantity_discrepancy' | 'damaged_goods',
  source: 'pattern' | 'model' | 'facts',
  confidence = 0.8,
) => ({
  invoiceRefs: [],
  reason: { code, confidence, evidence: '', source },
})

describe('mergeFacts', () => {
  it.each([
    ['a model guess on an aside', reason('quantity_discrepancy', 'model', 0.9), {}, 'pricing_error'],
    ['a reason only implied by the facts', reason('quantity_discrepancy', 'facts'), {}, 'pricing_error'],
    ['a weak phrase', reason('damaged_goods', 'pattern', 0.45), {}, 'pricing_error'],
    ['a plainly stated reason', reason('damaged_goods', 'pattern', 0.9), {}, 'damaged_goods'],
    ['a correction', reason('quantity_discrepancy', 'model', 0.7), { correction: true }, 'quantity_discrepancy'],
  ] as [string, StatedFacts, { correction?: boolean }, string][])(
    'keeps or replaces the reason on %s',
    (_, facts, options, expected) => {
      expect(mergeFacts(opened(), facts, options).reasonCode).toBe(expected)
    },
  )

  it('carries a goodwill amount the specialist asked for into the claim', () => {
    const state = opened()
    state.facts = mergeFacts(state, { invoiceRefs: [], goodwillAmount: '60.00' })
    expect(claimFrom(state)?.goodwillAmount).toBe('60.00')
  })

  it('names lines only when no product words name them', () => {
    const state = opened()
    state.facts = { ...state.facts, lines: [2] }
    expect(claimFrom(state)?.lines).toEqual([2])
    state.facts.sku = 'hinges'
    expect(claimFrom(state)).toMatchObject({ sku: 'hinges' })
    expect(claimFrom(state)?.lines).toBeUndefined()
  })
})
