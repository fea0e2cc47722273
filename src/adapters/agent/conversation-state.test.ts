import { describe, expect, it } from 'vitest'
import { claimFrom, loadState, mergeFacts } from './conversation-state.ts'
import { extractFacts } from './nlu/facts.ts'
import type { StatedFacts } from './understanding.ts'

const opened = () => {
  const state = loadState({})
  state.facts = { invoiceNumber: 'INV-7', reasonCode: 'pricing_error', expectedUnitPrice: '9.00' }
  return state
}
const reason = (
  code: 'quantity_discrepancy' | 'damaged_goods' | 'already_paid' | 'contract_terms',
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
    // "sorry, it's the other depot, PO 4510-22": a correction of the reference, whatever the model guesses of it.
    [
      'a correction the model only guesses at',
      reason('quantity_discrepancy', 'model', 0.7),
      { correction: true },
      'pricing_error',
    ],
    ['a correction stating the reason', reason('damaged_goods', 'pattern', 0.7), { correction: true }, 'damaged_goods'],
    [
      'a correction the model is sure of',
      reason('quantity_discrepancy', 'model', 0.95),
      { correction: true },
      'quantity_discrepancy',
    ],
  ] as [string, StatedFacts, { correction?: boolean }, string][])(
    'keeps or replaces the reason on %s',
    (_, facts, options, expected) => {
      expect(mergeFacts(opened(), facts, options).reasonCode).toBe(expected)
    },
  )

  it("keeps a reason stated plainly against the model's reading of a correction's words", () => {
    // "Correction: the transfer was 1,535, the reference on it was …" after "they already paid it".
    const state = loadState({})
    state.facts = mergeFacts(state, reason('already_paid', 'pattern', 1))
    expect(state.facts.reasonGuessed).toBe(false)
    const merged = mergeFacts(state, reason('contract_terms', 'model', 0.95), { correction: true })
    expect(merged.reasonCode).toBe('already_paid')
  })

  it('replaces a guessed reason with one the next turn states, until the claim is investigated', () => {
    const state = loadState({})
    state.facts = mergeFacts(state, reason('damaged_goods', 'model', 0.7))
    expect(state.facts).toMatchObject({ reasonCode: 'damaged_goods', reasonGuessed: true })
    // "only 18 of the 24 crates came": counts and a sure reading replace the guess.
    const counted = { ...reason('quantity_discrepancy', 'model', 0.95), quantityReceived: 18, quantityBilled: 24 }
    state.facts = mergeFacts(state, counted)
    expect(state.facts).toMatchObject({ reasonCode: 'quantity_discrepancy', reasonGuessed: false })
  })

  it.each([
    ['another guess', reason('quantity_discrepancy', 'model', 0.7), false],
    ['a stated reason after the investigation', reason('quantity_discrepancy', 'pattern', 0.5), true],
  ] as [string, StatedFacts, boolean][])('keeps a guessed reason against %s', (_what, facts, investigated) => {
    const state = loadState({})
    state.facts = mergeFacts(state, reason('damaged_goods', 'model', 0.7))
    if (investigated) state.resolution = {} as never
    expect(mergeFacts(state, facts).reasonCode).toBe('damaged_goods')
  })

  it('replaces a guessed reason with the one stated in answer to an investigation that asked for a document', () => {
    const state = loadState({})
    state.facts = mergeFacts(state, reason('already_paid', 'model', 0.7))
    state.resolution = { classification: 'needs_info' } as never
    expect(mergeFacts(state, reason('contract_terms', 'model', 0.93)).reasonCode).toBe('contract_terms')
  })

  it('keeps the claim when a later turn names the tax beside a figure ("with the VAT back too")', () => {
    const tax = { invoiceRefs: [], reason: { code: 'tax_error', confidence: 0.9, evidence: 'VAT', source: 'pattern' } }
    const withFigure = { ...tax, amount: { value: '1180.00', raw: '1,180.00' } } as StatedFacts
    expect(mergeFacts(opened(), withFigure, { correction: true })).toMatchObject({
      reasonCode: 'pricing_error',
      disputedAmount: '1180.00',
    })
    // Said on its own, the tax is the claim.
    expect(mergeFacts(opened(), tax as StatedFacts).reasonCode).toBe('tax_error')
  })

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

describe('mergeFacts with a corrected figure', () => {
  const withFacts = (facts: Record<string, unknown>) => {
    const state = loadState({})
    state.facts = { invoiceNumber: 'INV-7', reasonCode: 'pricing_error', ...facts }
    return state
  }
  it('puts the figure in the fact the words name and drops the misread that held the old one', () => {
    const f = mergeFacts(
      withFacts({ expectedUnitPrice: '1520.00' }),
      { invoiceRefs: [], expectedUnitPrice: '1250.00' },
      { correction: true, pair: { now: '1250', was: '1520', field: 'amount' } },
    )
    expect(f.disputedAmount).toBe('1250.00')
    expect(f.expectedUnitPrice).toBeUndefined()
  })

  it('without a word, replaces the fact that held the withdrawn figure', () => {
    const f = mergeFacts(
      withFacts({ quantityReceived: 42 }),
      { invoiceRefs: [], expectedUnitPrice: '45.00' },
      { correction: true, pair: { now: '45', was: '42' } },
    )
    expect(f.quantityReceived).toBe(45)
    expect(f.expectedUnitPrice).toBeUndefined()
  })

  it('takes the counts a correction states with their verbs over the bare pair', () => {
    // "sorry: 7 visits took place, so 2 were missed, not 3" after "only 6 of the 9 took place"
    const f = mergeFacts(
      withFacts({ reasonCode: 'service_not_rendered', quantityReceived: 6 }),
      { invoiceRefs: [], quantityReceived: 7, quantityAffected: 2 },
      { correction: true, pair: { now: '2', was: '3', field: 'count' } },
    )
    expect(f).toMatchObject({ quantityReceived: 7, quantityAffected: 2, reasonCode: 'service_not_rendered' })
  })

  it('drops the count a restating correction leaves out', () => {
    const f = mergeFacts(
      withFacts({ reasonCode: 'quantity_discrepancy', quantityReceived: 40 }),
      { invoiceRefs: [], quantityAffected: 8 },
      { correction: true, pair: { now: '8', was: '10', field: 'count' } },
    )
    expect(f.quantityAffected).toBe(8)
    expect(f.quantityReceived).toBeUndefined()
  })

  it('keeps the reason when the correction is only about a figure', () => {
    const f = mergeFacts(
      withFacts({ disputedAmount: '90.00' }),
      { invoiceRefs: [], reason: { code: 'damaged_goods', confidence: 0.7, evidence: '', source: 'model' } },
      { correction: true, pair: { now: '60', was: '90' } },
    )
    expect(f.reasonCode).toBe('pricing_error')
    expect(f.disputedAmount).toBe('60.00')
  })
})

describe('stated facts, declared once', () => {
  it('carries every fact a message states under its kept name into the facts and the claim', () => {
    const state = opened()
    state.facts = mergeFacts(state, {
      invoiceRefs: [],
      feeType: 'late_fee',
      paymentReference: 'WIRE 5521',
      paymentDate: '2026-02-03',
      deadline: '2026-03-31',
      erp: 'NetSuite',
      teams: ['billing'],
      customerId: 'CUST-9',
      productWords: 'hinges',
    })
    expect(claimFrom(state)).toEqual({
      invoiceNumber: 'INV-7',
      reasonCode: 'pricing_error',
      expectedUnitPrice: '9.00',
      sku: 'hinges',
      feeType: 'late_fee',
      paymentReference: 'WIRE 5521',
      paymentDate: '2026-02-03',
      deadline: '2026-03-31',
    })
    expect(state.facts).toMatchObject({ erp: 'NetSuite', teams: ['billing'], customerId: 'CUST-9' })
  })

  it('leaves a fact as it was when the message states it empty', () => {
    const state = opened()
    state.facts = { ...state.facts, teams: ['sales'], erp: 'SAP' }
    expect(mergeFacts(state, { invoiceRefs: [], teams: [], erp: '' })).toMatchObject({ teams: ['sales'], erp: 'SAP' })
  })

  it('drops a saved fact that no longer validates and keeps the rest of the conversation', () => {
    const state = loadState({
      facts: { invoiceNumber: 'INV-7', disputedAmount: '1,250', deadline: 'next week' },
      disputeId: 'DSP-1',
    })
    expect(state.facts).toEqual({ invoiceNumber: 'INV-7' })
    expect(state.disputeId).toBe('DSP-1')
  })
})

describe('a payment told in a later turn', () => {
  const held = (reasonCode: 'late_fee' | 'already_paid') => {
    const state = loadState({})
    state.facts = { invoiceNumber: 'INV-7', reasonCode, disputedAmount: '410.00' }
    return state
  }
  const paid: StatedFacts = { invoiceRefs: [], amount: { value: '18200.00', raw: '18.2k', paid: true } }

  it('is the setting of the claim held, not its amount', () => {
    expect(mergeFacts(held('late_fee'), paid).disputedAmount).toBe('410.00')
  })

  it('is the amount when the claim is that it was paid', () => {
    expect(mergeFacts(held('already_paid'), paid).disputedAmount).toBe('18200.00')
  })

  it('is read as paid where it is said so', () => {
    const facts = extractFacts('they paid 18.2k on 04/10, it was due 12/09', { today: '2026-11-20' }).facts
    expect(facts.amount).toMatchObject({ value: '18200.00', paid: true })
  })
})

describe('a later turn that says the invoice was paid', () => {
  const paid = {
    invoiceRefs: [],
    reason: { code: 'already_paid' as const, confidence: 1, evidence: 'paid', source: 'pattern' as const },
  }
  it('keeps the reason the claim was opened with', () => {
    expect(mergeFacts(opened(), paid).reasonCode).toBe('pricing_error')
  })
  it('is the reason when the claim had none, or in a correction', () => {
    const none = loadState({})
    none.facts = { invoiceNumber: 'INV-7' }
    expect(mergeFacts(none, paid).reasonCode).toBe('already_paid')
    expect(mergeFacts(opened(), paid, { correction: true }).reasonCode).toBe('already_paid')
  })
})
