/**
 * Identifiers found by asking the ledger: numbers with dots, spaces and slashes, typed whole or by
 * their ending, POs and deliveries named without a PO word, and the figures that are money, not
 * identifiers. A small invented ledger; none of these wordings comes from an eval case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import type { Actor } from '../../services/ports.ts'
import type { Db } from '../store/db.ts'
import { createStore } from '../store/store.ts'
import { memoryDb } from '../store/testing.ts'
import { findLedgerReferences } from './ledger-references.ts'
import { understand } from './nlu/understand.ts'

const actor: Actor = { id: 't', name: 'test', role: 'specialist' }
const line = { line: 1, sku: 'BOX-1', quantity: 10, unitPrice: '4.00' }
const inv = (number: string, poNumber?: string) => ({
  number,
  customerId: 'K-1',
  issueDate: '2026-03-02',
  dueDate: '2026-04-01',
  currency: 'EUR',
  ...(poNumber ? { poNumber } : {}),
  lines: [line],
})

const ledger: Ledger = {
  format: 'dispute-desk.ledger/v1',
  customers: [{ id: 'K-1', name: 'Vela Cartonagem' }],
  invoices: [
    inv('NF 9.311', 'OC-5521'),
    inv('NF 9.312'),
    inv('KQ-2025/0044'),
    inv('RT 0077/25'),
    inv('SV-88310', 'LM-0412'),
    inv('SV-88311', 'LM-0412'),
    inv('KTR-IN-007731'),
    inv('4410-NB'),
    inv('LX26-0311-B'),
    inv('27QH00538'),
    inv('27QH00541'),
    inv('BL(S)-7730/04'),
    inv('BL(S)-7731/02'),
    inv('RD26.214'),
    inv('PX25.903'),
    inv('PX26.903'),
    inv('HWM26GT0417'),
    inv('HWM26GU0417'),
    inv('FR ALC26/87'),
    inv('020.001-26.00000512'),
    inv('020.001-26.00000513'),
    inv('Q4471/03'),
    inv('0665210834'),
    inv('B-00012-00004417'),
    inv('MT5520-26'),
    inv('MT5531-26'),
    inv('PZ 118/2026'),
    inv('0117/RTM-FAK/IX/2025'),
    inv('0118/RTM-FAK/IX/2025'),
    inv('K205518.01'),
    inv('30712B'),
    inv('5520318-2605'),
    inv('5520318-2606'),
    inv('TRK-00418'),
    inv('K4/26P03'),
  ],
  deliveries: [{ id: 'DN-7704', invoiceNumber: 'NF 9.312', sku: 'BOX-1', quantity: 10, deliveredDate: '2026-03-03' }],
}

let db: Db
let store: ReturnType<typeof createStore>
beforeAll(async () => {
  db = await memoryDb()
  store = createStore(db)
  const r = await store.imports.importLedger(ledger, actor)
  if (!r.ok) throw new Error(r.error.message)
})
afterAll(() => db.close())

const found = async (message: string) =>
  (await findLedgerReferences(message, store.ledger)).map((r) => `${r.kind}:${r.invoices.join('+')}@${r.text}`)

describe('identifiers the ledger knows, however they are typed', () => {
  it.each([
    ['they were charged twice, on 9.311 and on 9.312', ['invoice:NF 9.311@9.311', 'invoice:NF 9.312@9.312']],
    ['nota NF 9.311 has the wrong box price', ['invoice:NF 9.311@NF 9.311']],
    ['the boxes on nf9311 came crushed', ['invoice:NF 9.311@nf9311']],
    ['see 2025/0044 for the freight', ['invoice:KQ-2025/0044@2025/0044']],
    ['KQ 2025 0044 is the one', ['invoice:KQ-2025/0044@KQ 2025 0044']],
    ['the late fee on 77/25 again', ['invoice:RT 0077/25@77/25']],
    ['IN 7731 bills the pallets twice', ['invoice:KTR-IN-007731@IN 7731']],
    ['the crane hire on 4410-NB is wrong', ['invoice:4410-NB@4410-NB']],
    ['LX26-0311-B. lids short', ['invoice:LX26-0311-B@LX26-0311-B']],
    ['QH538 (March) bills the lids twice', ['invoice:27QH00538@QH538']],
  ])('%s', async (message, expected) => {
    expect(await found(message)).toEqual(expected)
  })

  it('takes series letters and a serial typed in lower case, without the padding', async () => {
    expect(await found('trk-418 bills the lids twice')).toEqual(['invoice:TRK-00418@trk-418'])
  })

  it('takes an identifier with letters in it before a currency code as the identifier', async () => {
    expect(await found('the meal rate on K4/26P03 SAR 38.50 is wrong')).toEqual(['invoice:K4/26P03@K4/26P03'])
  })

  it('names a PO and a delivery without a PO or delivery word', async () => {
    expect(await found('short on the LM-0412 boxes')).toEqual(['po:SV-88310+SV-88311@LM-0412'])
    expect(await found('driver left DN-7704 at the wrong dock')).toEqual(['delivery:NF 9.312@DN-7704'])
  })

  it('never takes money, a bare count or a date for an identifier', async () => {
    expect(await found('they want R$ 9.311 back')).toEqual([])
    expect(await found('a credit of 9.311,00 on the boxes')).toEqual([])
    expect(await found('we sent 88310 boxes')).toEqual([])
    expect(await found('delivered on 2026-03-03')).toEqual([])
    expect(await found('we sent 4410 NB boxes')).toEqual([])
    expect(await found('QH539 is not ours')).toEqual([])
  })

  it('takes no ending that stops inside a number', async () => {
    expect(await found('about 9.31 and SV-8831')).toEqual([])
  })
})

describe('the reader, told where the identifiers are', () => {
  const read = async (message: string) => {
    const references = (await findLedgerReferences(message, store.ledger)).map((r) => ({
      index: r.index,
      length: r.length,
      ...(r.kind === 'po' ? { poNumber: r.id } : { invoiceNumber: r.invoices[0]! }),
    }))
    return understand(message, { today: '2026-04-01', customers: [], hasDispute: false, references }).facts
  }

  it('reads a number with a case ending joined to it ("-es", "-nál") as that invoice', async () => {
    expect((await read('a 27QH00538-as számlán két doboz hiányzik')).invoiceRefs).toEqual(['27QH00538'])
    expect((await read('KQ-2025/0044-nál a fuvardíj duplán szerepel')).invoiceRefs).toEqual(['KQ-2025/0044'])
  })

  it('reads a number written with a dot as the invoice, never as a price', async () => {
    const f = await read('cobraram duas vezes, a 9.311 e a 9.312, a segunda está duplicada')
    expect(f.invoiceRefs).toEqual(['NF 9.311', 'NF 9.312'])
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.amount).toBeUndefined()
  })

  it('reads a PO named without a PO word as the PO of the claim', async () => {
    const f = await read('the LM-0412 boxes were crushed, 4 of them')
    expect(f.poNumber).toBe('LM-0412')
    expect(f.invoiceRefs).toEqual([])
  })
})

describe('a number of the ledger’s own series that names no invoice', () => {
  it('is an unknown invoice, never a figure nor another invoice', async () => {
    expect(await found('KQ-2025/0099 has the wrong box price')).toEqual(['invoice:KQ-2025/0099@KQ-2025/0099'])
    expect(await found('they query SV-88999, 4.00 a box too much')).toEqual(['invoice:SV-88999@SV-88999'])
    const refs = await findLedgerReferences('KQ-2025/0099 has the wrong box price', store.ledger)
    expect(refs[0]?.unknown).toBe(true)
  })

  it('is one written as an account’s number of five digits and more, then a serial', async () => {
    const refs = await findLedgerReferences('they query 5520318-2604, install fee?', store.ledger)
    expect(refs.map((r) => [r.text, r.unknown])).toEqual([['5520318-2604', true]])
  })

  it('is one written in digits alone, in three parts and more of the ledger’s shape', async () => {
    const refs = await findLedgerReferences('please check tax invoice 020.001-26.00000577, the price', store.ledger)
    expect(refs.map((r) => [r.text, r.unknown])).toEqual([['020.001-26.00000577', true]])
    expect(await found('two parts only, 26.00000577, is no series of ours')).toEqual([])
  })

  it('is one whose short serial, not padded with zeros, has grown by a digit', async () => {
    expect(await found('they contest FR ALC26/131, two tests never done')).toEqual([
      'invoice:FR ALC26/131@FR ALC26/131',
    ])
    expect(await found('FR ALC26/1310 is the one')).toEqual([])
  })

  it('needs the series: another year, other letters or another length of digits is not one', async () => {
    expect(await found('KQ-2024/0099 has the wrong box price')).toEqual([])
    expect(await found('payment ref HFS0528 came in')).toEqual([])
    expect(await found('SV-889990 boxes')).toEqual([])
  })
})

describe('a number typed whole with characters no window keeps', () => {
  it('is one reference over the whole number, so both invoices of a list are read', async () => {
    const message =
      'Two bills for one job:\n a) BL(S)-7730/04, 40.00\n b) BL(S)-7731/02, 40.00\nthe second is the repeat'
    expect(await found(message)).toEqual(['invoice:BL(S)-7730/04@BL(S)-7730/04', 'invoice:BL(S)-7731/02@BL(S)-7731/02'])
    const refs = await findLedgerReferences(message, store.ledger)
    const u = understand(message, {
      today: '2026-04-10',
      customers: [],
      hasDispute: false,
      references: refs.map((r) => ({ index: r.index, length: r.length, invoiceNumber: r.invoices[0]! })),
    })
    expect(u.facts.invoiceRefs).toEqual(['BL(S)-7730/04', 'BL(S)-7731/02'])
  })
})

describe('series letters and a serial, the year between them dropped', () => {
  it('name the one invoice of that series and serial, and none where two years carry it', async () => {
    expect(await found('pls check rd214, the crane hours look off')).toEqual(['invoice:RD26.214@rd214'])
    expect(await found('px903 has the wrong rate')).toEqual([])
  })
})

describe('series letters and a serial run into the year before them', () => {
  it('name the one invoice whose last runs they are', async () => {
    expect(await found('GT0417 bills 40 trays, we got 36')).toEqual(['invoice:HWM26GT0417@GT0417'])
  })
})

describe('numbers said without the series letter or the zero padding', () => {
  it.each([
    // The series letter run into the number, left off.
    ['Frau Roth says 4471/03 repeats the earlier partial invoice', ['invoice:Q4471/03@4471/03']],
    // A carrier's number after its word, three capitals that are no currency.
    ['the reweigh on PRO 665210834 is wrong', ['invoice:0665210834@665210834']],
  ])('%j', async (message, refs) => {
    expect(await found(message)).toEqual(refs)
  })
  it('leaves a figure after a currency code money', async () => {
    expect(await found('they paid USD 665210834')).toEqual([])
  })
})

describe('a message with many figures and words before its numbers', () => {
  it('still reads each number run into its series letters', async () => {
    const refs = await found(
      'Apart from the QH538 SMS query which AP is handling, we looked again at QH541 (bulk re-screen). You billed 0.31m names. The file we sent had 0.26m names only, so we query the extra 50k names @ $0.05 = $2,500. We paid QH541 in full already.',
    )
    expect(refs).toContain('invoice:27QH00538@QH538')
    expect(refs).toContain('invoice:27QH00541@QH541')
  })
})

describe('every part of a number typed without its zeros', () => {
  it.each([
    ['the shortage on B 12-4417 again', ['invoice:B-00012-00004417@B 12-4417']],
    ['they paid 12-4417 short', ['invoice:B-00012-00004417@12-4417']],
  ])('%j', async (message, refs) => {
    expect(await found(message)).toEqual(refs)
  })
})

describe("a number of the ledger's series whose serial is not its last part", () => {
  it('names no invoice, and is said to be unknown', async () => {
    const refs = await findLedgerReferences('they dispute MT5597-26, the price is wrong', store.ledger)
    expect(refs.map((r) => [r.text, r.unknown])).toEqual([['MT5597-26', true]])
  })
  it('is unknown with its year written whole too', async () => {
    const refs = await findLedgerReferences('on PZ 240/2026 you charged 30 hours', store.ledger)
    expect(refs.map((r) => [r.text, r.unknown])).toEqual([['PZ 240/2026', true]])
  })
  it('still names the invoice it is', async () => {
    expect(await found('they dispute MT5531-26, the price is wrong')).toEqual(['invoice:MT5531-26@MT5531-26'])
  })
})

describe('numbers of many parts, a series letter said apart, a shipment suffix left off', () => {
  it.each([
    // Five parts: a serial, the series, a month in Roman numerals and the year.
    ['the lids on 0117/RTM-FAK/IX/2025 are short', ['invoice:0117/RTM-FAK/IX/2025@0117/RTM-FAK/IX/2025']],
    // A branch letter a transcription writes after a space.
    ['invoice 30712 B has the old price', ['invoice:30712B@30712 B']],
    // The series letter and serial of a number whose shipment suffix nobody says.
    ['on K 205518 the valves are wrong', ['invoice:K205518.01@K 205518']],
  ])('%j', async (message, expected) => {
    expect(await found(message)).toEqual(expected)
  })
  it('never takes two capitals after a space, nor a series that goes on, for a part of one', async () => {
    expect(await found('we sent 30712 BX boxes')).toEqual([])
    expect((await found('K-2051/0099 is wrong')).filter((r) => r.includes('K205518'))).toEqual([])
  })
})
