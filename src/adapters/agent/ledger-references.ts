/**
 * The ledger's own identifiers in a message, found by asking the ledger rather than by a pattern:
 * every ledger writes its numbers its own way ("NF 7.318", "KLM-2025/0417", "WRX-58013"), and people
 * type them whole, by their ending ("a 7.318", "2025/0417"), by the PO ("QB-4471") or the delivery.
 * Runs before the message is read, so a number that is an identifier is never read as a price, a
 * count or an amount.
 *
 * A run of letters and digits joined by single separators is tried whole and by its trailing parts:
 * - the whole of an invoice number, a PO number or a delivery id (its letters and digits, however
 *   separated) names that document;
 * - the ending of one invoice number only, typed as the ledger writes it (leading zeros may be dropped),
 *   with at least four digits and a separator or letter in it ("7.318" of "NF 7.318", "63/25" of
 *   "RT-0063/25"), or a series word and a number the ledger zero-pads ("IN 7731" of "KTR-IN-007731", "QH583" of "27QH00583"),
 *   names that invoice. A lone run
 *   of digits ("12405", "1500") is left to the reader's lone-number candidates, which weigh the words
 *   around it (it may be a count) and which the ledger then checks.
 * Money is never an identifier: a figure after a currency sign or code, or with decimals, is skipped.
 */
import type { KeyedReference, LedgerRepository } from '../../services/ports.ts'
import currencies from './nlu/data/currencies.json' with { type: 'json' }

export interface LedgerReference {
  /** Where the identifier is in the message, and its text as typed. */
  index: number
  length: number
  text: string
  kind: KeyedReference['kind']
  /** The identifier as the ledger writes it (invoice number, PO number or delivery id). */
  id: string
  /** The invoices it names: one for an invoice or a delivery, every invoice on a PO; for a number
   *  of the ledger's series that names no invoice, that number as typed. */
  invoices: string[]
  /** A number in the ledger's own series that names no invoice: said to be unknown, never read as a
   *  figure or as another invoice. */
  unknown?: true
}

const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')
const digits = (s: string): number => (s.match(/\d/g) ?? []).length

/** Letters-and-digits chunks with their positions. */
const CHUNK = /[\p{L}\p{N}]+/gu
/** What may join two chunks of one identifier: one separator, maybe with spaces round a dash or slash. */
const JOIN = /^(?:[-/._]| ?[-/] ?| )$/
/** A currency sign or code just before: the figure is money. */
const MONEY_BEFORE = /(?:[$€£¥₹₩₺₱]|\b(?:R\$|US\$|([A-Z]{3})|Rs\.?|kr|Kč|zł|Ft|lei|RM|KSh))\s*$/
/** Decimals, a percent sign or a currency after: the figure is money or a rate. */
const MONEY_AFTER = /^(?:[.,]\d{1,2}(?!\d)|\s*%|\s*(?:[$€£¥₹]|\b(?:([A-Z]{3})|reais|euros?|dollars?|dirhams?)\b))/
/** Parts of one identifier: five in "0117/RTM-FAK/IX/2025" (a serial, the series, the month in Roman numerals, the year). */
const MAX_PARTS = 6
/** Parts that may be joined by spaces ("KQ 2025 0044"); more are joined by the separators typed. */
const SPACED_PARTS = 4
/** Series letters run into a serial of three digits or more, typed without the ledger's padding ("QH583"). */
const SERIES_AND_SERIAL = /^\p{L}{1,4}\d{3,}$/u
const MAX_KEYS = 60

interface Window {
  index: number
  length: number
  text: string
  key: string
  /** With its number zero-padded ("IN 7731" → in07731, in007731…): a series the ledger pads. */
  padded: string[]
}

const PADDED_TO = 8

/** Runs of letters and of digits: "QH583" → QH, 583; "KTR-IN-007731" → KTR, IN, 007731. */
const runs = (s: string): string[] => s.match(/\p{L}+|\p{N}+/gu) ?? []

/** "IN 7731", "QH583" also as in07731 … in00007731, when letters come before the final number. */
function paddedKeys(chunks: readonly string[]): string[] {
  if (chunks.length === 1 && !SERIES_AND_SERIAL.test(chunks[0]!)) return []
  const parts = runs(chunks.join(' '))
  const last = parts.at(-1) ?? ''
  if (parts.length < 2 || !/^\d+$/.test(last) || !parts.slice(0, -1).some((c) => /\p{L}/u.test(c))) return []
  const head = key(parts.slice(0, -1).join(''))
  const out: string[] = []
  for (let n = last.length + 1; n <= PADDED_TO; n++) out.push(`${head}${last.padStart(n, '0')}`)
  return out
}

function windows(message: string): Window[] {
  const chunks = [...message.matchAll(CHUNK)].map((m) => ({ index: m.index, text: m[0] }))
  const out: Window[] = []
  for (let end = 0; end < chunks.length; end++) {
    const last = chunks[end]!
    // An identifier ends in digits, or in a short series suffix joined by a separator ("5120-NW",
    // "TKX26-0218-B": a plant's or branch's letters after the number), never in a word; one capital
    // after a space too, as a transcription writes a branch letter said after the digits ("30712 B").
    if (!/\d/.test(last.text)) {
      const before = chunks[end - 1]
      const gap = before ? message.slice(before.index + before.text.length, last.index) : ''
      const spaced = gap === ' ' && /^\p{Lu}$/u.test(last.text)
      if (!before || !/\d/.test(before.text) || last.text.length > 3 || !(/^[-/._]$/.test(gap) || spaced)) continue
    }
    // The identifier ends at a chunk boundary: "7.318" in "7.318,00" is not one.
    for (let start = end; start >= 0 && end - start < MAX_PARTS; start--) {
      const first = chunks[start]!
      // A word of letters the key cannot hold ("заказу CAC-PO-0412") is not part of the identifier.
      if (!key(first.text)) continue
      if (start < end) {
        const gap = message.slice(chunks[start]!.index + chunks[start]!.text.length, chunks[start + 1]!.index)
        // Beyond four parts, only a separator typed ("0117/RTM-FAK/IX/2025"): words in a row are prose.
        if (!JOIN.test(gap) || (end - start >= SPACED_PARTS && !/^[-/._]$/.test(gap))) break
      }
      const text = message.slice(first.index, last.index + last.text.length)
      const k = key(text)
      const parts = chunks.slice(start, end + 1).map((c) => c.text)
      if (k.length >= 3 && digits(text) >= 3)
        out.push({ index: first.index, length: text.length, text, key: k, padded: paddedKeys(parts) })
    }
  }
  return out
}

const ISO_CODES = new Set(currencies.codes)
function isMoney(message: string, w: Window): boolean {
  const before = message.slice(Math.max(0, w.index - 6), w.index)
  const after = message.slice(w.index + w.length, w.index + w.length + 12)
  // Three capitals are a currency only when they are one's code ("PRO 781204429" is a carrier's number).
  const code = (x: RegExpExecArray | null) => x !== null && (!x[1] || ISO_CODES.has(x[1]))
  // A currency after an identifier with letters in it ("Q3/26P11 SAR 41.20") starts the next figure.
  return code(MONEY_BEFORE.exec(before)) || (!/\p{L}/u.test(w.text) && code(MONEY_AFTER.exec(after)))
}

/** "IN 7731" is how "KTR-IN-007731" ends, "QH583" how "27QH00583" ends, run by run: letters equal,
 *  numbers equal in value. */
function endsByRuns(number: string, typed: string): boolean {
  const n = runs(number)
  const t = runs(typed)
  if (t.length < 2 || t.length > n.length) return false
  const tail = n.slice(n.length - t.length)
  return t.every((c, i) => {
    const m = tail[i]!
    return /^\d+$/.test(c) && /^\d+$/.test(m) ? BigInt(c) === BigInt(m) : c.toLowerCase() === m.toLowerCase()
  })
}

/** How many runs of digits a number holds ("A 7-31829" → 2). */
const numberRuns = (s: string): number => (s.match(/\d+/g) ?? []).length

/** The serial of a series and serial run together ("rd214" → 214), as a key. */
const serialKey = (typed: string): string => key(runs(typed).at(-1) ?? '')

/** "rd214" names "RD26.214": the number begins with the typed letters and its last run of digits is
 *  the typed serial, whatever the number holds between (a year). */
function seriesAndSerial(number: string, typed: string): boolean {
  const [letters, serial] = runs(typed)
  const own = runs(number)
  const last = own.at(-1)
  return (
    own.length >= 3 &&
    own[0]!.toLowerCase() === letters!.toLowerCase() &&
    last !== undefined &&
    /^\d+$/.test(last) &&
    BigInt(last) === BigInt(serial!)
  )
}

/** "7.318" is how "NF 7.318" ends, from a boundary of the ledger's own writing. */
function endsAsWritten(number: string, typed: string): boolean {
  const n = number.toUpperCase().replace(/\s+/g, ' ')
  const t = typed.toUpperCase().replace(/\s+/g, ' ')
  if (!n.endsWith(t) || n.length === t.length) return n === t
  // From a boundary, or after zeros the typist dropped ("63/25" of "RT-0063/25"), or after the series
  // letters run into the number, which people leave off ("2615/02" of "P2615/02").
  const left = n.slice(0, n.length - t.length)
  return /(?:^|[^\p{L}\p{N}])0*$/u.test(left) || (/^\p{L}{1,3}$/u.test(left) && /[^\p{L}\p{N}]/u.test(t))
}

type Span = { index: number; length: number }
const overlaps = (a: Span, b: Span): boolean => b.index < a.index + a.length && a.index < b.index + b.length

/** Letters, and each run of digits by its length: "FT 2026/0499" and "FT 2026/0407" both read "ft 4 4". */
export const shape = (s: string): string =>
  (s.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []).map((t) => (/^\p{N}+$/u.test(t) ? String(t.length) : t)).join(' ')

/** Whether a typed number is of an invoice number's series: the same shape, or, where a short serial is
 *  not padded with zeros ("FR ALC26/87"), one that has grown by a digit ("FR ALC26/131"). */
function sameSeries(number: string, typed: string): boolean {
  if (shape(number) === shape(typed)) return true
  const serial = /(\d+)$/
  const [a, b] = [serial.exec(number)?.[1], serial.exec(typed)?.[1]]
  const grown =
    a !== undefined && b !== undefined && a.length <= 3 && b.length === a.length + 1 && !/^0/.test(a) && !/^0/.test(b)
  return grown && shape(number.replace(serial, '')) === shape(typed.replace(serial, ''))
}

/** Letters, a serial of three digits or more, then the year ("RX4164-26", "CMA 231/2026"). */
const YEAR_AFTER_SERIAL = /^\p{L}+[\s-]?\d{3,}[^\p{L}\p{N}](?:\d{2}|20\d{2})$/u

/**
 * Numbers typed in the ledger's own series that name no invoice ("FT 2026/0499" where the series ends
 * at 0421): the series word first (or three parts and more), then digits; the ledger holds an invoice whose key starts with all
 * but the last run of digits and whose number has the same letters and lengths of digit runs. Such a
 * number is an invoice nobody can find, not a figure, and never another invoice described instead.
 */
async function unknownInSeries(
  all: readonly Window[],
  kept: readonly LedgerReference[],
  ledger: Pick<LedgerRepository, 'invoicesStartingWith'>,
): Promise<LedgerReference[]> {
  const typed = all
    // The series word first ("FT 2026/0499"), or a number of three parts and more in the ledger's own
    // shape ("010.000-26.00000503" beside 010.000-26.00000436), or an account's number of five digits
    // and more before the serial ("7730112-2603" beside 7730112-2605).
    .filter(
      (w) =>
        (/^\p{L}/u.test(w.text) || runs(w.text).length >= 3 || /^\d{5,}\D+\d/.test(w.text)) &&
        /\d{2,}$/.test(w.text) &&
        !kept.some((k) => overlaps(w, k)),
    )
    // The series is what comes before the last digits ("FT 2026/" of "FT 2026/0499"), or the letters
    // alone where the serial is not last ("RX" of "RX4164-26", the year's two digits after it).
    .flatMap((w) => [
      { w, prefix: key(w.text.replace(/\d+$/, '')), year: undefined },
      ...(YEAR_AFTER_SERIAL.test(w.text)
        ? [{ w, prefix: key(/^\p{L}+/u.exec(w.text)?.[0] ?? ''), year: runs(w.text).at(-1) }]
        : []),
    ])
    .filter((t) => t.prefix.length > 0)
  if (!typed.length) return []
  const series = await ledger.invoicesStartingWith(typed.map((t) => t.prefix))
  return typed
    .filter(({ w, prefix, year }) =>
      series.some(
        (s) =>
          s.prefix === prefix && sameSeries(s.number, w.text) && (year === undefined || runs(s.number).at(-1) === year),
      ),
    )
    .sort((a, b) => b.w.length - a.w.length)
    .filter((t, i, ts) => !ts.slice(0, i).some((x) => overlaps(t.w, x.w)))
    .map(({ w }) => ({
      index: w.index,
      length: w.length,
      text: w.text,
      kind: 'invoice',
      id: w.text,
      invoices: [w.text],
      unknown: true,
    }))
}

export async function findLedgerReferences(
  message: string,
  ledger: Pick<LedgerRepository, 'referencesByKey' | 'invoicesStartingWith'>,
): Promise<LedgerReference[]> {
  const all = windows(message).filter((w) => !isMoney(message, w))
  // Whole keys first, then the padded forms of separated numbers ("KX 4402"), then those of letters run
  // into digits ("QH583"): a long message's keys are cut at MAX_KEYS, the likeliest kept. Of separated
  // numbers, those of two parts come first: "looked at CV481" is seldom a number, "KX 4402" often is.
  const runTogether = (w: Window) => !/[^\p{L}\p{N}]/u.test(w.text)
  const parts = (w: Window) => w.text.split(/[^\p{L}\p{N}]+/u).length
  const separated = all.filter((w) => !runTogether(w))
  const keys = [
    ...new Set([
      ...all.map((w) => w.key),
      ...separated.filter((w) => parts(w) <= 2).flatMap((w) => w.padded),
      ...all.filter(runTogether).flatMap((w) => w.padded),
      ...separated.filter((w) => parts(w) > 2).flatMap((w) => w.padded),
      ...all.filter((w) => SERIES_AND_SERIAL.test(w.text)).map((w) => serialKey(w.text)),
      // "A 7-31829" of "A-00007-00031829": every part typed without its zeros; the serial finds the candidates.
      ...separated.filter((w) => numberRuns(w.text) >= 2).map((w) => serialKey(w.text)),
    ]),
  ].slice(0, MAX_KEYS)
  if (!keys.length) return []
  const found = await ledger.referencesByKey(keys)
  const byKey = new Map<string, KeyedReference[]>()
  for (const f of found) byKey.set(f.key, [...(byKey.get(f.key) ?? []), f])

  const hits: LedgerReference[] = []
  for (const w of all) {
    const refs = byKey.get(w.key) ?? []
    const whole = refs.filter((r) => key(r.id) === w.key)
    const wholeInvoice = whole.find((r) => r.kind === 'invoice')
    const pick = (kind: KeyedReference['kind'], rs: KeyedReference[]): LedgerReference => ({
      index: w.index,
      length: w.length,
      text: w.text,
      kind,
      id: rs[0]!.id,
      invoices: [...new Set(rs.map((r) => r.invoiceNumber))],
    })
    if (wholeInvoice) hits.push(pick('invoice', [wholeInvoice]))
    else if (whole.some((r) => r.kind === 'delivery'))
      hits.push(
        pick(
          'delivery',
          whole.filter((r) => r.kind === 'delivery'),
        ),
      )
    else if (whole.some((r) => r.kind === 'po') && digits(w.text) >= 3 && w.key.length >= 4)
      hits.push(
        pick(
          'po',
          whole.filter((r) => r.kind === 'po'),
        ),
      )
    else if (
      (digits(w.text) >= 4 && /[^\d]/.test(w.text)) ||
      // "PRO 781204429" of 0781204429: a number of digits alone, too long to be a count, said without
      // its zero padding.
      (/^\d{6,}$/.test(w.text) && refs.some((r) => r.kind === 'invoice' && r.id.replace(/^0+/, '') === w.text)) ||
      SERIES_AND_SERIAL.test(w.text) ||
      // "k2 41" of "G26K2-0041": a series with its own digit, and a serial the ledger pads.
      (digits(w.text) >= 3 && /^\p{L}+\d+[\s-]+\d+$/u.test(w.text)) ||
      // "trk-418" of "TRK-00418": series letters, a separator and a serial the ledger pads, typed in lower
      // case (which the invoice-number pattern does not take for a reference); the ledger decides.
      /^\p{L}{2,}[-/. ]\d{3,}$/u.test(w.text)
    ) {
      // Only a structured ending ("7.318", "2025/0417", "NF 7.318"): a lone run of digits may be a
      // count ("1500 cans"), and the reader's candidates weigh the words around it.
      const ending = refs.filter((r) => r.kind === 'invoice' && endsAsWritten(r.id, w.text))
      // Unique among the few the ledger returned for this ending (it returns up to four).
      if (ending.length === 1 && refs.filter((r) => r.kind === 'invoice').length === 1)
        hits.push(pick('invoice', ending))
      else if (!ending.length && (/\p{L}/u.test(w.text) || numberRuns(w.text) >= 2)) {
        // A series word and a number the ledger pads ("IN 7731" of "KTR-IN-007731"), or one it runs into
        // its year ("QX0417" of "ABC26QX0417"): the typed runs are the number's last runs.
        const ranInto = SERIES_AND_SERIAL.test(w.text) ? refs : []
        const padded = [...w.padded.flatMap((k) => byKey.get(k) ?? []), ...ranInto].filter((r) => r.kind === 'invoice')
        const fits = [...new Map(padded.filter((r) => endsByRuns(r.id, w.text)).map((r) => [r.id, r])).values()]
        if (fits.length === 1) hits.push(pick('invoice', fits))
        else if (!fits.length) {
          // The series letters and the serial, the year between dropped ("rd214" of "RD26.214"); or every
          // part of a number typed without the zeros the ledger pads it with ("A 7-31829").
          const serial = (byKey.get(serialKey(w.text)) ?? []).filter((r) => r.kind === 'invoice')
          const named = [
            ...new Map(
              serial
                .filter((r) =>
                  SERIES_AND_SERIAL.test(w.text) ? seriesAndSerial(r.id, w.text) : endsByRuns(r.id, w.text),
                )
                .map((r) => [r.id, r]),
            ).values(),
          ]
          if (named.length === 1) hits.push(pick('invoice', named))
        }
      }
    }
  }
  // The longest hit wins where hits overlap ("NF 7.318" over "7.318"); then in the order typed.
  const kept: LedgerReference[] = []
  for (const h of hits.sort((a, b) => b.length - a.length || a.index - b.index)) {
    if (!kept.some((k) => overlaps(k, h))) kept.push(h)
  }
  kept.push(...(await startsOfNumbers(message, all, kept, ledger)))
  kept.push(...(await unknownInSeries(all, kept, ledger)))
  return kept.map((k) => typedWhole(message, k)).sort((a, b) => a.index - b.index)
}

/**
 * An invoice's ending found where the message types its number whole, with characters no window
 * keeps ("BL(S)-7730/04"): the reference spans the whole number, so nothing of it is left around it
 * for other readings (a stand-in glued to "BL(S)-" reads as no reference at all).
 */
function typedWhole(message: string, ref: LedgerReference): LedgerReference {
  if (ref.kind !== 'invoice') return ref
  const id = ref.id.toUpperCase()
  const typed = ref.text.toUpperCase()
  if (!id.endsWith(typed) || id === typed) return ref
  const head = id.length - typed.length
  const start = ref.index - head
  if (start < 0 || message.slice(start, ref.index).toUpperCase() !== id.slice(0, head)) return ref
  if (start > 0 && /[\p{L}\p{N}]/u.test(message[start - 1]!)) return ref
  return { ...ref, index: start, length: ref.length + head, text: message.slice(start, ref.index + ref.length) }
}

/**
 * Numbers typed as the start of the ledger's own ("127/2026" of "127/2026/QX88K12PL", a fiscal code
 * after the serial that nobody reads out; "K 205518" of "K205518.01", a shipment's suffix left off): a
 * structured window (four digits or more and a separator, or series letters and the serial) that names
 * no invoice by its ending, where exactly one invoice begins with it and goes on after a separator.
 * The longest such window wins where they overlap.
 */
/** Series letters, then a serial of four digits or more ("K 205518", "K205518"). */
const SERIES_THEN_SERIAL = /^\p{L}{1,4}[\s.-]?\d{4,}$/u

/** Whether `number` begins with the runs typed, joined as it joins them or as typed ("K 205518" of
 *  "K205518.01"), and goes on after a separator. */
function startsByRuns(number: string, typed: string): boolean {
  const n = number.toUpperCase()
  let at = 0
  for (const run of runs(typed.toUpperCase())) {
    const found = n.indexOf(run, at)
    if (found < 0 || /[\p{L}\p{N}]/u.test(n.slice(at, found))) return false
    at = found + run.length
  }
  return at > 0 && at < n.length && /^[^\p{L}\p{N}]/u.test(n.slice(at))
}

async function startsOfNumbers(
  message: string,
  all: readonly Window[],
  kept: readonly LedgerReference[],
  ledger: Pick<LedgerRepository, 'invoicesStartingWith'>,
): Promise<LedgerReference[]> {
  const typed = all.filter(
    (w) =>
      digits(w.text) >= 4 &&
      ((/^\d/.test(w.text) && /[^\d]/.test(w.text)) ||
        // The series and serial typed whole: not the start of a longer number typed ("AB-2025/0099").
        (SERIES_THEN_SERIAL.test(w.text) && !/^[-/._]\d/.test(message.slice(w.index + w.length)))) &&
      !kept.some((k) => overlaps(w, k)),
  )
  if (!typed.length) return []
  const starting = await ledger.invoicesStartingWith(typed.map((w) => w.key))
  const out: LedgerReference[] = []
  for (const w of typed.sort((a, b) => b.length - a.length)) {
    const numbers = starting.filter((s) => s.prefix === w.key).map((s) => s.number)
    const fits = numbers.filter((n) => startsByRuns(n, w.text))
    if (numbers.length === 1 && fits.length === 1 && !out.some((o) => overlaps(o, w)))
      out.push({ index: w.index, length: w.length, text: w.text, kind: 'invoice', id: fits[0]!, invoices: [fits[0]!] })
  }
  return out
}
