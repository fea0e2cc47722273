/**
 * Money moves once (DOMAIN.md), as a property: generated sequences of credit memo, write-off and
 * goodwill requests (by amount or "the rest", one at a time or in concurrent bursts), approvals and
 * rejections, on one dispute or on two disputes about the same defect, never leave a dispute with
 * more active requests than it may receive, nor an invoice with more awaiting approval than it has open.
 * On embedded PGlite only: the drivers' shared suite (money-invariants.test.ts) covers the rest.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { add, cmp, type Money, moneyOf, sub, toDecimal, zero } from '../../core/money.ts'
import type { Ledger } from '../../core/ledger.ts'
import type { Claim } from '../../core/resolution.ts'
import type { Actor, CreditMemoRequest, DisputeRecord } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { createStore } from './store.ts'
import { investigatedDispute } from './testing-disputes.ts'
import type { Db } from './db.ts'
import { memoryDb } from './testing.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

// Example-ledger disputes: fully supported, partial (room to write off), and a small open balance (22.00 left).
const CLAIMS: Claim[] = [
  { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' },
  { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '400.00' },
  { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42 },
  { invoiceNumber: 'INV-5001', reasonCode: 'late_fee' },
]
const REFUSALS = ['credit_exceeds_supported', 'amount_exceeds_balance']

type Ask = { on: number; kind: CreditMemoRequest['kind']; cents: number | undefined }
const ask = fc.record({
  on: fc.nat(1),
  // Credit memos most often: they carry the cross-dispute rule.
  kind: fc.constantFrom<Ask['kind']>('credit_memo', 'credit_memo', 'write_off', 'goodwill_credit'),
  // Cents up to 200.00, or none: "whatever is left".
  cents: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
})
const rest = (on: number) => ({ t: 'request' as const, on, kind: 'credit_memo' as const, cents: undefined })
const step = fc.oneof(
  ask.map((a) => ({ t: 'request' as const, ...a })),
  fc.record({ t: fc.constant('burst' as const), n: fc.integer({ min: 2, max: 5 }), a: ask }),
  fc.record({ t: fc.constant('decide' as const), pick: fc.nat(), approve: fc.boolean() }),
)
const scenario = fc.record({
  claim: fc.constantFrom(...CLAIMS),
  // A second dispute on the same invoice and reason: the same defect is credited once between them.
  twice: fc.boolean(),
  steps: fc.array(step, { minLength: 1, maxLength: 8 }),
})

/**
 * One database for every scenario (a fresh one costs seconds): each imports its own copy of the
 * example invoices, with their deliveries and payments, under new numbers (INV-1001-7), so no
 * scenario sees another's credits.
 */
let db: Db
beforeAll(async () => {
  db = await memoryDb()
}, 60_000)
afterAll(() => db?.close())

const example = exampleLedger()
const copy = (k: number): Ledger => {
  const n = (number: string) => `${number}-${k}`
  const relink = <T extends { id: string; invoiceNumber?: string | null | undefined }>(x: T): T => ({
    ...x,
    id: n(x.id),
    ...(x.invoiceNumber ? { invoiceNumber: n(x.invoiceNumber) } : {}),
  })
  return {
    ...example,
    invoices: example.invoices.map((i) => ({ ...i, number: n(i.number) })),
    deliveries: (example.deliveries ?? []).map(relink),
    serviceLogs: (example.serviceLogs ?? []).map(relink),
    payments: (example.payments ?? []).map(relink),
  }
}

describe('credit caps under any sequence of requests and decisions', () => {
  it('keeps every dispute within its caps and the invoice within its open balance', async () => {
    let runs = 0
    let accepted = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        runs++
        const store = createStore(db)
        expect((await store.imports.importLedger(copy(runs), system)).ok).toBe(true)
        const claim = { ...s.claim, invoiceNumber: `${s.claim.invoiceNumber}-${runs}` }
        const disputes = [await investigatedDispute(store, claim, ana)]
        if (s.twice) disputes.push(await investigatedDispute(store, claim, ana))
        const requests: CreditMemoRequest[] = []
        const send = async (a: Ask) => {
          const d = disputes[a.on % disputes.length] as DisputeRecord
          const r = await store.creditMemos.request(
            {
              disputeId: d.id,
              reason: 'property test',
              kind: a.kind,
              ...(a.cents ? { amount: toDecimal({ minor: BigInt(a.cents), currency: 'USD' }) } : {}),
            },
            ana,
          )
          if (r.ok) {
            accepted++
            requests.push(r.value)
          } else {
            refused++
            expect(REFUSALS).toContain(r.error.code)
          }
        }
        for (const st of s.steps) {
          if (st.t === 'request') await send(st)
          else if (st.t === 'burst') await Promise.all(Array.from({ length: st.n }, () => send(st.a)))
          else {
            const pending = requests.filter((r) => r.status === 'pending')
            const r = pending[st.pick % Math.max(pending.length, 1)]
            if (!r) continue
            const out = await store.creditMemos.decide(r.id, st.approve ? 'approve' : 'reject', 'checked', fin)
            expect(out.ok).toBe(true)
            if (out.ok) r.status = out.value.status
          }
        }
        await expectWithinCaps(db, disputes)
      }),
      {
        numRuns: 25,
        // Always tried: each dispute on one defect asks for "the rest" (150.00 each without the rule).
        examples: [[{ claim: CLAIMS[0] as Claim, twice: true, steps: [rest(0), rest(1)] }]],
      },
    )
    console.info(`credit caps: ${runs} scenarios, ${accepted} requests accepted, ${refused} refused, none over a cap`)
  }, 240_000)
})

async function expectWithinCaps(db: Db, disputes: DisputeRecord[]): Promise<void> {
  const usd = (v: string | null | undefined): Money => moneyOf(v ?? '0', 'USD')
  const atMost = (a: Money, b: Money) => expect(cmp(a, b), `${toDecimal(a)} ≤ ${toDecimal(b)}`).toBeLessThanOrEqual(0)
  const rows = await db.query<{ dispute_id: string; kind: string; status: string; total: string }>(
    `SELECT dispute_id, kind, status, sum(amount)::text AS total FROM credit_memo_requests
     WHERE dispute_id = ANY($1) AND status IN ('pending', 'approved', 'issued') GROUP BY dispute_id, kind, status`,
    [disputes.map((d) => d.id)],
  )
  // One dispute's active requests, or (id null) the scenario's: its disputes share one invoice.
  const active = (id: string | null, kind?: string, statuses = ['pending', 'approved', 'issued']) =>
    rows.rows
      .filter((r) => (id === null || r.dispute_id === id) && (!kind || r.kind === kind) && statuses.includes(r.status))
      .reduce((t, r) => add(t, usd(r.total)), zero('USD'))
  const first = disputes[0] as DisputeRecord
  const supported = usd(first.supportedAmount)
  for (const d of disputes) {
    const disputed = usd(d.resolution?.disputedAmount)
    atMost(active(d.id, 'credit_memo'), supported)
    atMost(active(d.id, 'write_off'), sub(disputed, supported))
    atMost(active(d.id, 'goodwill_credit'), disputed)
    atMost(active(d.id), disputed)
    const row = (
      await db.query<{ credited: string; written_off: string }>(
        'SELECT round(credited, 2)::text AS credited, round(written_off, 2)::text AS written_off FROM disputes WHERE id = $1',
        [d.id],
      )
    ).rows[0]
    expect(row?.credited).toBe(
      toDecimal(add(active(d.id, 'credit_memo', ['issued']), active(d.id, 'goodwill_credit', ['issued']))),
    )
    expect(row?.written_off).toBe(toDecimal(active(d.id, 'write_off', ['issued'])))
  }
  // The same defect through two disputes: credited once between them.
  atMost(active(null, 'credit_memo'), supported)
  const open = await db.query<{ open: string }>(
    'SELECT round(total - paid - credited - written_off, 2)::text AS open FROM invoice_balances WHERE number = $1',
    [first.invoiceNumber],
  )
  const balance = usd(open.rows[0]?.open)
  atMost(zero('USD'), balance)
  atMost(active(null, undefined, ['pending', 'approved']), balance)
}
