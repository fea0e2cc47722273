/**
 * A statement pasted one invoice a line: the claim is the line that claims something (or the one the
 * specialist names), read from its own line, not from the figures and words of the others. Through
 * the real chat API (in-memory Postgres, embedded engine) and the pure parts alone. Wordings and
 * ledger invented here.
 */
import { saidToStand } from './locate-claim.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'
import type { LedgerReference } from './ledger-references.ts'
import { claimOfStatement, linesOf, readStatement } from './statement-lines.ts'
import type { Understanding } from './understanding.ts'

const TODAY = '2026-11-10'

type Line = Ledger['invoices'][number]['lines'][number]
const invoice = (number: string, issueDate: string, lines: Line[]) =>
  invoicesIn('EUR', '2026-12-15')(number, 'W-1', issueDate, lines)

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Wrenfield Event Hire Ltd', currency: 'EUR' },
  customers: [{ id: 'W-1', name: 'Tallowmere Conference Centre' }],
  invoices: [
    invoice('WEH/2026/1613', '2026-08-03', [
      { line: 1, sku: 'CHAIR', description: 'Banquet chairs, hire per day', quantity: 193, unitPrice: '2.00' },
    ]),
    invoice('WEH/2026/1627', '2026-09-02', [
      { line: 1, sku: 'STAGE', description: 'Stage platform, hire per day', quantity: 2, unitPrice: '317.00' },
    ]),
    invoice('WEH/2026/1642', '2026-10-01', [
      { line: 1, sku: 'TABLE', description: 'Round tables, hire per day', quantity: 40, unitPrice: '9.00' },
      { line: 2, sku: 'LINEN', description: 'Table linen, laundered', quantity: 40, unitPrice: '4.00' },
    ]),
    invoice('WEH/2026/0211', '2026-10-06', [
      { line: 1, sku: 'TABLE', description: 'Round tables, hire per day', quantity: 45, unitPrice: '8.00' },
    ]),
    invoice('WEH/2026/0212', '2026-10-09', [
      { line: 1, sku: 'TABLE', description: 'Round tables, hire per day', quantity: 45, unitPrice: '8.00' },
    ]),
  ],
  contracts: [
    {
      id: 'CT-TCC',
      customerId: 'W-1',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [
        { sku: 'TABLE', unitPrice: '8.00' },
        { sku: 'CHAIR', unitPrice: '2.00' },
      ],
    },
  ],
  payments: [
    {
      id: 'P-1',
      customerId: 'W-1',
      invoiceNumber: 'WEH/2026/1613',
      amount: '386.00',
      currency: 'EUR',
      date: '2026-09-01',
    },
    {
      id: 'P-2',
      customerId: 'W-1',
      invoiceNumber: 'WEH/2026/1627',
      amount: '413.00',
      currency: 'EUR',
      date: '2026-10-02',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('an invoice said to stand', () => {
  // Only the number is read.
  const inv = { number: 'PL-0165' } as Parameters<typeof saidToStand>[0]
  it.each(['Regarding 0165 - that one is with our buyer, separate thread.', 'PL-0165 is a separate matter, leave it.'])(
    '%j',
    (text) => {
      expect(saidToStand(inv, text)).toBe(true)
    },
  )
})

describe('a statement pasted one invoice a line, through the chat', () => {
  it('investigates the one line that claims something, with that line’s figures', async () => {
    const r = await converse(
      t,
      [
        'Tallowmere sent their account reconciliation this morning:',
        '* WEH/2026/1613 — 386.00 — settled 1 Sept',
        '* WEH/2026/1627 — 634.00 — 413.00 paid 2 Oct, balance in the November run',
        '* WEH/2026/1642 — round tables at 9.00 a day, our contract says 8.00',
      ].join('\n'),
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 400)).toBe('WEH/2026/1642')
    expect(r.resolution?.reasonCode).toBe('pricing_error')
  })

  it('takes the invoice the specialist names by its number alone ("the 758 one")', async () => {
    const r = await converse(
      t,
      [
        'Their statement of account:',
        'WEH/2026/1627: part paid, rest to follow',
        'WEH/2026/1642: the tables are charged over the agreed price',
        'Could you look at the 1642 one first',
      ].join('\n'),
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 400)).toBe('WEH/2026/1642')
    expect(r.resolution?.reasonCode).toBe('pricing_error')
  })
})

describe('the number of an invoice the conversation is about, said a turn later', () => {
  it('is that invoice, not an amount', async () => {
    const r = await converse(
      t,
      'Tallowmere got WEH/2026/0211 and WEH/2026/0212 for the same tables, the later one is the repeat',
      'They will settle 211 when it falls due.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('WEH/2026/0212')
    expect(r.resolution?.supportedAmount).toBe('360.00')
  })
})

const ref = (message: string, typed: string, invoice: string): LedgerReference => ({
  index: message.indexOf(typed),
  length: typed.length,
  text: typed,
  kind: 'invoice',
  id: invoice,
  invoices: [invoice],
})

describe('readStatement', () => {
  it('gives each invoice the lines it opens, after a bullet, a quote or a word like "Inv."', () => {
    const message = 'Heading line\n"- Inv. 1613 paid\n• 1627 open\nthanks'
    const s = readStatement(message, [ref(message, '1613', 'A-1613'), ref(message, '1627', 'A-1627')])
    expect([...(s?.owned.keys() ?? [])]).toEqual(['A-1613', 'A-1627'])
    expect(s && linesOf(s, 'A-1627')).toBe('Heading line\n• 1627 open\nthanks')
  })

  it('is no statement when the invoices are named inside sentences, or only one opens a line', () => {
    const prose = 'We paid 1613 in full.\nThe charge on 1627 is wrong.'
    expect(readStatement(prose, [ref(prose, '1613', 'A-1613'), ref(prose, '1627', 'A-1627')])).toBeUndefined()
    const one = '1613 paid\nwe think 1627 is wrong'
    expect(readStatement(one, [ref(one, '1613', 'A-1613'), ref(one, '1627', 'A-1627')])).toBeUndefined()
  })
})

describe('claimOfStatement', () => {
  const message = 'Recon:\nQ-2026-031 paid\nQ-2026-044 paid 317\nQ-2026-058 price too high\nplease do 58'
  const refs = [
    ref(message, 'Q-2026-031', 'Q-2026-031'),
    ref(message, 'Q-2026-044', 'Q-2026-044'),
    ref(message, 'Q-2026-058', 'Q-2026-058'),
  ]
  const statement = readStatement(message, refs)!
  const reading = (reasons: Record<string, string>) => async (text: string) =>
    ({
      facts: {
        invoiceRefs: [],
        ...Object.entries(reasons)
          .filter(([said]) => text.includes(said))
          .map(([, code]) => ({ reason: { code, confidence: 1, evidence: '', source: 'pattern' } }))[0],
      },
    }) as unknown as Understanding
  const invoices = (open: Record<string, [string, string]>) => async (n: string) =>
    ({ number: n, openBalance: open[n]?.[0] ?? '100.00', paidAmount: open[n]?.[1] ?? '0.00' }) as never

  it('a number only one invoice carries, said outside the lines, chooses it; the shared year does not', async () => {
    const chosen = await claimOfStatement(statement, undefined, {
      reread: reading({}),
      getInvoice: invoices({}),
      stands: saidToStand,
    })
    expect(chosen).toBe('Q-2026-058')
    const yearOnly = readStatement(message.replace('please do 58', 'as at 30 Sept 2026'), refs)!
    expect(
      await claimOfStatement(yearOnly, undefined, {
        reread: reading({}),
        getInvoice: invoices({}),
        stands: saidToStand,
      }),
    ).toBeUndefined()
  })

  it('an invoice the lines of no invoice name by its number is the claim', async () => {
    const pasted =
      'Lowther short-paid Q-2026-044, remittance below:\nQ-2026-031 paid in full\nQ-2026-044 paid 90, 25 held'
    const at = (typed: string, from: number): LedgerReference => ({
      ...ref(pasted, typed, typed),
      index: pasted.indexOf(typed, from),
    })
    const s = readStatement(pasted, [at('Q-2026-044', 0), at('Q-2026-031', 0), at('Q-2026-044', 40)])!
    expect([...s.owned.keys()]).toEqual(['Q-2026-031', 'Q-2026-044'])
    expect(
      await claimOfStatement(s, undefined, { reread: reading({}), getInvoice: invoices({}), stands: saidToStand }),
    ).toBe('Q-2026-044')
  })

  it('a payment the ledger shows is agreement; one missing from the ledger is a claim', async () => {
    const s = readStatement(message.replace('please do 58', ''), refs)!
    const reread = reading({ 'Q-2026-031 paid': 'already_paid', 'paid 317': 'already_paid', too: 'pricing_error' })
    // 031 settled in the ledger, 044 with 317.00 paid as the line says: only 058 claims.
    expect(
      await claimOfStatement(s, undefined, {
        reread,
        getInvoice: invoices({ 'Q-2026-031': ['0.00', '100.00'], 'Q-2026-044': ['50.00', '317.00'] }),
        stands: saidToStand,
      }),
    ).toBe('Q-2026-058')
    // The ledger has nothing paid on 044: its line claims too, and no one invoice stands out.
    expect(
      await claimOfStatement(s, undefined, {
        reread,
        getInvoice: invoices({ 'Q-2026-031': ['0.00', '100.00'] }),
        stands: saidToStand,
      }),
    ).toBeUndefined()
  })
  it('an invoice the words around the statement set aside is not the claim', async () => {
    const aside = `${message.replace('please do 58', '058 is being handled separately, the others please')}`
    const s = readStatement(aside, refs)!
    const reread = reading({ 'paid 317': 'pricing_error' })
    expect(await claimOfStatement(s, 'Q-2026-058', { reread, getInvoice: invoices({}), stands: saidToStand })).toBe(
      'Q-2026-044',
    )
  })
})
