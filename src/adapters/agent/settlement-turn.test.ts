/**
 * Settlement in the chat, through the real chat API (in-memory Postgres, embedded engine): the
 * options of a recorded partial dispute, one chosen in words, proposed, and made only on "yes".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatTurn, confirmToken, createTestApp, type TestApp } from '../../testing/test-app.ts'
import { readSettlementAsk } from './settlement-turn.ts'

describe('reading a settlement ask', () => {
  it.each([
    ['what can we offer them?', { kind: 'options' }],
    ['options?', { kind: 'options' }],
    ['what are our options here', { kind: 'options' }],
    ['go with the payment plan', { kind: 'choose', option: 'payment_plan' }],
    ["let's do it in 4 instalments, go with the plan", { kind: 'choose', option: 'payment_plan', instalments: 4 }],
    ['ok, go with the 50/50 split', { kind: 'choose', option: 'split' }],
    ['pick the goodwill one', { kind: 'choose', option: 'goodwill' }],
    ["we'll take the supported credit only", { kind: 'choose', option: 'supported_credit' }],
    ['go with escalation', { kind: 'choose', option: 'escalate' }],
  ])('%s', (message, expected) => {
    expect(readSettlementAsk(message)).toEqual(expected)
  })

  it.each([
    'Globex says the price on INV-1002 is wrong',
    'request the credit memo',
    'yes',
    'the customer rejected it',
    'offer them a goodwill credit of 100',
    'take 10% off as goodwill',
  ])('is not one: %s', (message) => {
    expect(readSettlementAsk(message)).toBeNull()
  })
})

describe('choosing a settlement in the chat', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  }, 60_000)
  afterAll(() => t?.close())

  it('lists the options of a partial dispute and records the payment plan only when confirmed', async () => {
    const first = await chatTurn(t, 'INV-1002: Globex only received 42 of the 50 units and disputes $400.00')
    expect(first.resolution).toMatchObject({
      classification: 'partial',
      supportedAmount: '320.00',
      owedAmount: '80.00',
    })
    const s = first.sessionId
    const recorded = await chatTurn(t, { confirm: confirmToken(first) }, s)
    expect(recorded.disputeId).toBeTruthy()

    const options = await chatTurn(t, 'what can we offer them?', s)
    expect(options.proposal).toBeNull()
    expect(options.reply).toContain('| Payment plan in 3 instalments | $320.00 | $80.00 | $320.00 | lead |')
    expect(options.reply).toContain('| Split the remainder 50/50 | $360.00 | $40.00 | $360.00 | lead |')

    const proposed = await chatTurn(t, 'go with the payment plan', s)
    expect(proposed.proposal).toMatchObject({ kind: 'choose_settlement', amount: '320.00' })
    expect(proposed.reply).toContain('**Proposed:** Settle')
    expect(proposed.reply).toContain('a credit memo of $320.00 will be requested, each pending its approver')
    // Nothing is recorded before the confirmation.
    const dispute = proposed.disputeId ?? ''
    expect((await t.runtime.services.store.disputes.events(dispute)).some((e) => e.type === 'settlement_chosen')).toBe(
      false,
    )

    const done = await chatTurn(t, 'yes', s)
    expect(done.effects).toContain('settlement_chosen')
    expect(done.reply).toMatch(
      /^Recorded "Payment plan in 3 instalments" on DSP-\d{6}\. \$80\.00 is back with collections; \$320\.00 stays on hold/,
    )
    expect(done.reply).toContain('$26.67 paid by 2026-04-15')
    // The plan's credit went the credit-memo way: requested, pending a lead.
    expect(done.reply).toMatch(
      /Requested a credit memo of \$320\.00 \(request CMR-[\w-]+, pending: a lead other than you approves it\)/,
    )
    expect(done.reply).toContain('Subject: Invoice INV-1002: credit of $320.00 and a payment plan for $80.00')
    expect((await t.runtime.services.store.ledger.getInvoice('INV-1002'))?.disputedAmount).toBe('320.00')
  })

  it('offers options on an invalid dispute once the customer’s rejection is noted', async () => {
    const first = await chatTurn(t, 'INV-1002: Globex says the price is wrong and disputes $300.00')
    const s = first.sessionId
    await chatTurn(t, { confirm: confirmToken(first) }, s)
    const early = await chatTurn(t, 'options?', s)
    expect(early.reply).toMatch(
      /settlement options are for a partial dispute or one whose customer rejected the outcome/,
    )
    const rejected = await chatTurn(t, 'the customer rejected it', s)
    expect(rejected.reply).toContain('ask me what we can offer them')
    await chatTurn(t, { confirm: confirmToken(rejected) }, s)
    const options = await chatTurn(t, 'options?', s)
    expect(options.reply).toContain('### Settlement options for DSP-')
    expect(options.reply).toContain('| Escalate |')
  })
})
