/**
 * Settlement and the hand-off to collections on the real store (PGlite): the options' figures, the
 * chosen one on the trail with its email, the hold released for what is owed and kept for what is
 * still in dispute (the aging report's figures), the owner's follow-up reminder and the SLA flag.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNotifier } from '../adapters/notify/dispatcher.ts'
import { listDeliveries } from '../adapters/notify/outbox.ts'
import { loadPrompts } from '../adapters/prompts/load-prompts.ts'
import type { Db } from '../adapters/store/db.ts'
import { createStore } from '../adapters/store/store.ts'
import { investigatedDispute } from '../adapters/store/testing-disputes.ts'
import { memoryDb } from '../adapters/store/testing.ts'
import { agingReport } from '../core/aging.ts'
import { exampleLedger } from '../testing/example-ledger.ts'
import { createServices } from './create-services.ts'
import type { Actor, DisputeRecord, Store } from './ports.ts'
import { agingItems } from './report-inputs.ts'
import type { SimilarSearch } from './services.ts'
import type { SettlementService } from './settlement.ts'

const TODAY = '2026-03-15'
const system: Actor = { id: 'system', name: 'DisputeDesk', role: 'admin' }
let db: Db
let store: Store
let settlement: SettlementService
let sam: Actor

beforeEach(async () => {
  db = await memoryDb()
  store = createStore(db)
  expect((await store.imports.importLedger(exampleLedger(), system)).ok).toBe(true)
  const k = await store.apiKeys.create({ name: 'Sam Spec', role: 'specialist', email: 'sam@meridian.example' })
  sam = { id: k.record.personId, name: 'Sam Spec', role: 'specialist' }
  // Through the composed services: a chosen settlement's credits take the one credit-memo path.
  const noSimilar: SimilarSearch = { search: async () => [], upsertDispute: async () => {} }
  settlement = createServices({ store, similar: noSimilar, prompts: await loadPrompts('prompts') }).settlement
}, 60_000)
afterEach(async () => {
  await db.close()
})

/** Globex disputes 400.00 on INV-1002 (only 42 of 50 received): 320.00 supported, 80.00 owed. */
async function partial(): Promise<DisputeRecord> {
  const d = await investigatedDispute(
    store,
    { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42, disputedAmount: '400.00' },
    sam,
  )
  expect(d.resolution).toMatchObject({ classification: 'partial', supportedAmount: '320.00', owedAmount: '80.00' })
  return d
}

/** Globex disputes 300.00 on INV-1002 as a pricing error the contract does not support: invalid. */
async function invalid(): Promise<DisputeRecord> {
  const d = await investigatedDispute(
    store,
    { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error', disputedAmount: '300.00' },
    sam,
  )
  expect(d.resolution?.classification).toBe('invalid')
  return d
}

/** The invalid 300.00 handed off: all of it owed, followed up 5 business days after 2026-03-15. */
const ALL_300_OWED = {
  currency: 'USD',
  released: '300.00',
  kept: '0.00',
  followUps: [{ seq: 1, dueOn: '2026-03-20', expectedPaid: '300.00' }],
}

const heldOn = async (invoice: string) => (await store.ledger.getInvoice(invoice))?.disputedAmount

describe('settlement options on a recorded partial dispute', () => {
  it('lists each option with its figures and approver', async () => {
    const d = await partial()
    const r = await settlement.options(d.number, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    const by = Object.fromEntries(r.value.options.map((o) => [o.kind, o]))
    expect(r.value).toMatchObject({
      disputed: '400.00',
      supported: '320.00',
      owed: '80.00',
      customerName: 'Globex Corporation',
    })
    expect(by.supported_credit).toMatchObject({ creditTotal: '320.00', customerPays: '80.00', approver: 'specialist' })
    expect(by.split).toMatchObject({ creditTotal: '360.00', customerPays: '40.00' })
    // 10 % of the 2,000.00 invoice is 200.00: capped at the 80.00 still owed.
    expect(by.goodwill).toMatchObject({ creditTotal: '400.00', customerPays: '0.00' })
    expect(by.payment_plan?.instalments).toEqual([
      { n: 1, dueOn: '2026-04-15', amount: '26.67' },
      { n: 2, dueOn: '2026-05-15', amount: '26.67' },
      { n: 3, dueOn: '2026-06-15', amount: '26.66' },
    ])
    expect(by.escalate).toMatchObject({ keptOnHold: '400.00', approver: 'lead' })
  })

  it('refuses an invalid dispute nobody rejected, and offers options once the customer rejected it', async () => {
    const d = await invalid()
    expect(await settlement.options(d.id, TODAY)).toMatchObject({ ok: false, error: { code: 'invalid_claim' } })
    await store.disputes.note(d.id, 'Customer did not accept the proposed resolution.', sam)
    const r = await settlement.options(d.id, TODAY)
    expect(r.ok && r.value.options.map((o) => o.kind)).toEqual([
      'supported_credit',
      'split',
      'goodwill',
      'payment_plan',
      'escalate',
    ])
  })
})

describe('choosing a settlement hands the dispute to collections', () => {
  it('a payment plan: 80.00 released (owed), 320.00 kept (the credit to issue), on the trail with its email', async () => {
    const d = await partial()
    expect(await heldOn('INV-1002')).toBe('400.00')
    const r = await settlement.choose(d.number, 'payment_plan', { why: 'customer asked for time' }, sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.handoff).toMatchObject({ released: '80.00', kept: '320.00' })
    expect(r.value.dispute.remainingDisputed).toBe('320.00')
    expect(await heldOn('INV-1002')).toBe('320.00')
    const aging = agingReport(await agingItems(store, { customerId: d.customerId }), TODAY)
    const item = aging.items.find((i) => i.invoiceNumber === 'INV-1002')
    expect(item).toMatchObject({ openBalance: '2000.00', disputedAmount: '320.00' })

    expect(r.value.email?.subject).toBe('Invoice INV-1002: credit of $320.00 and a payment plan for $80.00')
    expect(r.value.email?.body).toContain('- $26.67 by 2026-04-15\n- $26.67 by 2026-05-15\n- $26.66 by 2026-06-15')
    const events = await store.disputes.events(d.id)
    const chosen = events.find((e) => e.type === 'settlement_chosen')
    expect(chosen?.why).toMatch(/^Payment plan in 3 instalments: .* customer asked for time$/)
    expect(chosen?.after).toMatchObject({ settlement: 'payment_plan', released: '80.00', kept: '320.00' })
    // The money check replays the snapshot: the lowered hold is accounted for.
    expect(await store.disputes.verifyDispute(d.id)).toMatchObject({ ok: true })
    expect((await store.collections.followUps(d.id)).map((f) => [f.dueOn, f.expectedPaid])).toEqual([
      ['2026-04-15', '26.67'],
      ['2026-05-15', '53.34'],
      ['2026-06-15', '80.00'],
    ])
  })

  it('escalation keeps the whole 400.00 on hold and escalates the dispute', async () => {
    const d = await partial()
    const r = await settlement.choose(d.id, 'escalate', {}, sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value).toMatchObject({ handoff: { released: '0.00', kept: '400.00', followUps: [] }, email: null })
    expect(r.value.dispute.status).toBe('escalated')
    expect(await heldOn('INV-1002')).toBe('400.00')
  })

  it('a decided invalid dispute without a settlement: all 300.00 back to collections, a follow-up in 5 business days', async () => {
    const d = await invalid()
    const r = await settlement.handOff(d.id, sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.handoff).toEqual(ALL_300_OWED)
    expect(await heldOn('INV-1002')).toBe('0.00')
    expect(r.value.followUps[0]).toMatchObject({ paidSince: '0.00' })
  })
})

const trail = async (id: string, type: string) => (await store.disputes.events(id)).filter((e) => e.type === type)
const followUpDates = async (id: string) =>
  (await store.collections.followUps(id)).map((f) => [f.dueOn, f.expectedPaid, f.paidSince])

describe('resolving a dispute hands it to collections in the same action, once', () => {
  it('releases all it held with a dated follow-up, on the trail once; resolving again or by hand adds nothing', async () => {
    const d = await invalid()
    expect(await heldOn('INV-1002')).toBe('300.00')
    const r = await settlement.resolve(d.number, 'Customer accepted: the contract price stands.', sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.dispute.status).toBe('resolved')
    expect(r.value.handoff).toEqual(ALL_300_OWED)
    expect(await heldOn('INV-1002')).toBe('0.00')
    expect(await followUpDates(d.id)).toEqual([['2026-03-20', '300.00', '0.00']])
    const [handoff] = await trail(d.id, 'collections_handoff')
    expect(handoff?.after).toMatchObject({ released: '300.00', kept: '0.00', on: 'dispute_resolved' })

    // Again, by the same words or by hand: the one hand-off stands.
    const again = await settlement.resolve(d.id, 'Customer accepted: the contract price stands.', sam, TODAY)
    expect(again.ok && again.value.handoff).toBeNull()
    const byHand = await settlement.handOff(d.id, sam, '2026-03-17')
    if (!byHand.ok) throw new Error(byHand.error.message)
    expect(byHand.value.handoff).toMatchObject({ released: '300.00', kept: '0.00' })
    expect(await trail(d.id, 'collections_handoff')).toHaveLength(1)
    expect(await followUpDates(d.id)).toEqual([['2026-03-20', '300.00', '0.00']])
    expect(await store.disputes.verifyDispute(d.id)).toMatchObject({ ok: true })
  })

  it('after a payment plan, resolving keeps its instalment follow-ups and writes no second hand-off', async () => {
    const d = await partial()
    expect((await settlement.choose(d.id, 'payment_plan', {}, sam, TODAY)).ok).toBe(true)
    const r = await settlement.resolve(d.id, 'Customer agreed to the plan.', sam, TODAY)
    expect(r.ok && r.value.handoff).toBeNull()
    expect((await followUpDates(d.id)).map(([due]) => due)).toEqual(['2026-04-15', '2026-05-15', '2026-06-15'])
    expect(await trail(d.id, 'collections_handoff')).toHaveLength(0)
    expect(await trail(d.id, 'settlement_chosen')).toHaveLength(1)
    // Its terms are settled: another option needs the dispute reopened first.
    expect(await settlement.choose(d.id, 'split', {}, sam, TODAY)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })

  it('a hand-off by hand before resolving is the one: resolving adds no second event', async () => {
    const d = await invalid()
    expect((await settlement.handOff(d.id, sam, TODAY)).ok).toBe(true)
    expect((await settlement.handOff(d.id, sam, TODAY)).ok).toBe(true)
    expect((await settlement.resolve(d.id, 'Customer paid the invoice as billed.', sam, TODAY)).ok).toBe(true)
    expect(await trail(d.id, 'collections_handoff')).toHaveLength(1)
  })
})

describe('a chosen settlement requests its credits through the credit-memo path', () => {
  const pending = async (disputeId: string) =>
    (await store.creditMemos.list({ status: 'pending', limit: 100, offset: 0 })).items
      .filter((m) => m.disputeId === disputeId)
      .map((m) => [m.kind, m.amount, m.requiredRole])
      .sort()

  it('a split: the 320.00 credit memo and the 40.00 goodwill, each for its approver; choosing it again requests nothing', async () => {
    const d = await partial()
    const r = await settlement.choose(d.id, 'split', {}, sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    const approvers = Object.fromEntries(r.value.option.credits.map((c) => [c.kind, c.approver]))
    expect(await pending(d.id)).toEqual([
      ['credit_memo', '320.00', approvers.credit_memo],
      ['goodwill_credit', '40.00', approvers.goodwill_credit],
    ])
    expect(r.value.credits).toMatchObject({ alreadyRequested: [], refused: [] })
    expect(r.value.credits.requested.map((m) => m.requestedBy)).toEqual([sam.id, sam.id])
    expect(r.value.dispute.status).toBe('awaiting_approval')
    expect(await trail(d.id, 'credit_memo_requested')).toHaveLength(1)
    expect(await trail(d.id, 'goodwill_credit_requested')).toHaveLength(1)

    const again = await settlement.choose(d.id, 'split', {}, sam, TODAY)
    if (!again.ok) throw new Error(again.error.message)
    expect(again.value.credits.requested).toEqual([])
    expect(again.value.handoff).toMatchObject({ released: '40.00', kept: '360.00' })
    expect(await pending(d.id)).toHaveLength(2)
    expect(await trail(d.id, 'settlement_chosen')).toHaveLength(1)
  })

  it('switching from the split to goodwill tops the goodwill up to the option’s 80.00, never more', async () => {
    const d = await partial()
    expect((await settlement.choose(d.id, 'split', {}, sam, TODAY)).ok).toBe(true)
    const r = await settlement.choose(d.id, 'goodwill', {}, sam, TODAY)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.credits.requested.map((m) => [m.kind, m.amount])).toEqual([['goodwill_credit', '40.00']])
    const goodwill = (await store.creditMemos.list({ status: 'pending', limit: 100, offset: 0 })).items.filter(
      (m) => m.disputeId === d.id && m.kind === 'goodwill_credit',
    )
    expect(goodwill.map((m) => m.amount)).toEqual(['40.00', '40.00'])
  })

  it('escalation requests no credit', async () => {
    const d = await partial()
    const r = await settlement.choose(d.id, 'escalate', {}, sam, TODAY)
    expect(r.ok && r.value.credits).toEqual({ requested: [], alreadyRequested: [], refused: [] })
  })
})

describe('the follow-up reminder and the SLA flag', () => {
  const notifierOn = (today: string) =>
    createNotifier({
      db,
      config: {
        smtpUrl: undefined,
        from: 'ar@meridian.example',
        webhooks: [],
        teams: {},
        everySeconds: 0,
        digestHour: 23,
      },
      today: () => today,
      now: () => new Date(`${today}T09:00:00Z`),
    })
  const reminders = async (disputeId: string) =>
    (await listDeliveries(db, { disputeId })).filter((x) => x.kind === 'reminder' && x.channel === 'email')

  it('reminds the owner once the customer has not paid by the follow-up date, and not before', async () => {
    const d = await invalid()
    expect(d.ownerId).toBe(sam.id)
    expect((await settlement.handOff(d.id, sam, TODAY)).ok).toBe(true)
    await notifierOn('2026-03-20').runOnce()
    expect(await reminders(d.id)).toHaveLength(0)
    await notifierOn('2026-03-23').runOnce()
    const sent = await reminders(d.id)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.recipient).toBe('sam@meridian.example')
    expect(String(sent[0]?.payload.subject)).toContain('Payment follow-up')
    // Planned once per follow-up date.
    await notifierOn('2026-03-24').runOnce()
    expect(await reminders(d.id)).toHaveLength(1)
  })

  it('does not remind the owner when the customer paid what was owed by the follow-up date', async () => {
    const d = await invalid()
    expect((await settlement.resolve(d.id, 'Customer accepted: the contract price stands.', sam, TODAY)).ok).toBe(true)
    const ledger = exampleLedger()
    const customerId = ledger.invoices.find((i) => i.number === 'INV-1002')?.customerId ?? ''
    const paid = await store.imports.importLedger(
      {
        ...ledger,
        payments: [
          ...(ledger.payments ?? []),
          {
            id: 'PAY-FOLLOWUP',
            customerId,
            invoiceNumber: 'INV-1002',
            amount: '300.00',
            currency: 'USD',
            date: '2026-03-18',
          },
        ],
      },
      system,
    )
    expect(paid.ok).toBe(true)
    expect(await followUpDates(d.id)).toEqual([['2026-03-20', '300.00', '300.00']])
    await notifierOn('2026-03-23').runOnce()
    expect(await reminders(d.id)).toHaveLength(0)
  })

  it('flags a dispute past its SLA (target 2026-03-27) to the lead', async () => {
    const d = await partial()
    const before = await settlement.options(d.id, '2026-03-27')
    expect(before.ok && before.value.sla).toMatchObject({ breached: false, flagTo: null })
    const after = await settlement.options(d.id, '2026-03-30')
    expect(after.ok && after.value.sla).toEqual({ dueOn: '2026-03-27', breached: true, daysOver: 3, flagTo: 'lead' })
  })
})
