/**
 * Invoice references as people type them: "INV-1001", "INV1001", "inv 1002", "invoice 0451",
 * "#1002", "the 1002 invoice", "RE-2026-0102". Returned raw and normalised; the caller resolves them
 * against the ledger (an exact number, else a unique suffix). PO numbers are not invoices and are
 * skipped. A bare number ("the fee on 55310") is only a candidate (`bare`): the caller keeps
 * it when the ledger resolves it to exactly one invoice.
 */
import vocab from './data/vocab.json' with { type: 'json' }
import { glossToEnglish } from './gloss.ts'

export interface InvoiceRef {
  /** The words as typed ("inv 1002"). */
  raw: string
  /** Upper-cased reference to look up ("INV-1002", "INV1001", "1002", "0451"). */
  normalized: string
  /** `full` when it carries a prefix like INV-, `suffix` when only digits were given after invoice
   *  words, `bare` for a lone number that may be an invoice (a candidate to try against the ledger). */
  kind: 'full' | 'suffix' | 'bare'
  index: number
  /** Characters the reference takes in the text from `index`. */
  length: number
}

export interface InvoiceMentions {
  /** Disputed invoice first, then any others in the order they appear. */
  refs: InvoiceRef[]
  /** The original of a duplicate ("INV-7 repeats INV-6" → INV-6). */
  related?: InvoiceRef
}

const PATTERNS: { re: RegExp; kind: InvoiceRef['kind'] }[] = [
  // Prefixed numbers: INV-1001, INV1001, INV 1001, inv-2026-0451, SI-2001. "SI" is a word in many
  // languages ("si 40" is "not 40" in Swahili, "if" in Spanish): in lower case only joined to its number.
  { re: /\b(INV[-_/ ]?\d[\w/-]*\d|INV[-_/ ]?\d)\b/gi, kind: 'full' },
  // "BILL-1161" is a number; "bill 1161" is the English word for an invoice, read as "invoice 1161".
  { re: /\b(BILL[-_/ ]?\d[\w/-]*\d|[Bb]ill[-_/]\d[\w/-]*\d)\b/g, kind: 'full' },
  { re: /\b(SI[-_/ ]?\d[\w/-]*\d|SI[-_/ ]?\d|si[-_/]?\d[\w/-]*\d)\b/g, kind: 'full' },
  // "invoice 0451", "invoice #1002", "invoice no. 1002", "inv. 1002"; the word in the languages
  // customers write in ("fattura 418", "faktura nr. 1185", "Rechnung 2291", "factura n.º 77"), maybe
  // with the kind of invoice after it ("factura de exportación 881", "factura electrónica 77"). Not a
  // day before a month ("the bill 18 Oct" is a date), nor a figure grouped or with decimals ("the whole
  // invoice 7,260 rand" is its amount).
  {
    re: /\b(?:inv(?:oice)?|(?<!\b(?:will|to|we|they|i|you|can|could|should|would|shall|must|not|'ll|n't|and|or)\s+)bill|faktura(?:nr|nummer)?|fattura|factura|facture|fatura|factuur|rechnung(?:snummer|snr)?|faktury|lasku)\.?(?:\s+(?:de\s+|d['’])?(?:exportaci[óo]n|exportation|export|electr[óo]nica|[ée]lectronique|proforma|final|comercial|commerciale|fiscal))?\s*(?:no\.?|nr\.?|n[.º°]+|number|num\.?|n[úu]mero|numéro|nummer)?\s*[#:]?\s*((?:[A-Z]{1,5}[-_/]?)?\d[\w/-]*)(?![\w/-])(?![.,]\d)(?!\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi,
    kind: 'suffix',
  },
  // The word shortened ("fact. 6083", "fac 0957", "fatt. 118", "Rg. 1846"): only before three digits or
  // more, so "the fact 3 …" is no invoice.
  {
    re: /\b(?:fact|fac|fatt|fakt|rg)\.?\s*(?:no\.?|nr\.?|n[.º°]+)?\s*[#:]?\s*((?:[A-Z]{1,5}[-_/]?)?\d{3,}[\w/-]*)(?![\w/-])/gi,
    kind: 'suffix',
  },
  // "#1002" (not "PO #778")
  { re: /(?<!\bp\.?o\.?\s?)#\s?(\d{3,})\b/gi, kind: 'suffix' },
  // "the 1002 invoice"
  { re: /\b(\d{3,})\s+invoice\b/gi, kind: 'suffix' },
  // Any ledger's numbering: upper-case letters, a dash or slash, digits ("RE-2026-0102", "CI/7731").
  // A year or series may come first ("2026/INV/00972", "26-SI-0417").
  { re: /(?<![\w-])((?:\d{2,4}[-/])?[A-Z]{1,5}(?:[-/][A-Z]{0,3}\d{2,})+)(?![\w-])/g, kind: 'full' },
]

/** Prefixes of codes that are not invoices ("PO-778", "SKU-12", "ACH-5512"), from vocab.json. */
const NOT_INVOICE = new RegExp(`^(?:${(vocab.notInvoicePrefixes as string[]).join('|')})[-/]`, 'i')

/** Words that introduce a customer's order number, in the languages our customers write in. */
/** How understand.ts writes a PO the ledger knows into the text it reads ("1003-97", after a PO word). */
export const poStandIn = (i: number): string => `${1001 + i}-97`
/** Such a stand-in with its PO word: a PO named by its number, which says where the charge was ordered,
 *  never that a PO is missing (facts.ts leaves it out of the reason's reading). */
export const PO_STAND_IN = /(?:\b(?:PO|P\.O\.)\s*)?(?<![\w-])1\d{3}-97(?![\w-])/g

export const ORDER_WORDS_BEFORE =
  /(?:\bp\.?\s?o\.?|\bpurchase order|\border|\bbestell(?:ung|nummer)?|\bpedido|\bencomenda|\bcommande|\bbestelnummer|\binkooporder|\bordine|\bzamówieni[ae]|\bobjednávk[ay]|\bsipariş|\btilaus|\bbeställning|\bbestilling)(?:\s*(?:number|no\.?|nr\.?|n[ºo°]\.?|num\.?|#))?\s*[:#]?\s*$/i

/** Words that introduce the number of a support ticket, a case or a quotation, never an invoice ("Portal
 *  ticket #TK-6629", "your quotation QT-77-410"). */
const TICKET_WORDS_BEFORE =
  /\b(?:ticket|case|caso|incidencia|incidente|chamado|protocolo|reclamo|tiquete|vorgang|ärende|sag|tiketti|quotation|quote|offerte|devis|angebot|cotizaci[oó]n|preventivo|or[cç]amento|tilbud|offert)(?:\s*(?:number|no\.?|nr\.?|n[ºo°]\.?|#))?\s*[:#]?\s*$/i

export function findInvoiceRefs(text: string): InvoiceRef[] {
  const found: InvoiceRef[] = []
  for (const { re, kind } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = m[1]!
      if (NOT_INVOICE.test(value)) continue
      // "PO VDZ-26-0431", "Bestellnummer 4500-77": the customer's order number, not our invoice.
      // "ticket #TK-6629": a support case's number, not our invoice.
      const before = text.slice(Math.max(0, m.index! + m[0].indexOf(value) - 40), m.index! + m[0].indexOf(value))
      if (ORDER_WORDS_BEFORE.test(before) || TICKET_WORDS_BEFORE.test(before)) continue
      const index = m.index! + m[0].indexOf(value)
      if (found.some((f) => overlaps(f.index, f.length, index, value.length))) continue
      // "your invoice 60 crates, we counted 57": the invoice word, then a count of things.
      if (kind === 'suffix' && countAfterInvoiceWord(value, text.slice(index + value.length))) continue
      const normalized = value.toUpperCase().replace(/\s+/g, '')
      const isFull = /^[A-Z]/.test(normalized)
      found.push({
        raw: m[0].trim(),
        normalized,
        kind: isFull ? 'full' : kind === 'full' ? 'full' : 'suffix',
        index,
        length: value.length,
      })
    }
  }
  const unique: InvoiceRef[] = []
  for (const f of found.sort((a, b) => a.index - b.index)) {
    if (!unique.some((u) => canonical(u.normalized) === canonical(f.normalized))) unique.push(f)
  }
  return unique
}

const canonical = (s: string): string => s.replace(/[^A-Z0-9]/g, '')
const overlaps = (a: number, al: number, b: number, bl: number): boolean => a < b + bl && b < a + al

// "a copy of" is a duplicate only when the invoice is said to be one ("INV-7 is a copy of INV-6"): "they
// need a copy of INV-6 again" asks for the document.
const DUPLICATE_OF =
  /(?:\b(?:is|was|looks like|seems to be)?\s*(?:a\s+)?(?:duplicate|dupe|dup|repeat|double(?:[- ]?up)?)|\b(?:is|was|'s|looks like|seems to be|just)\s+(?:an?\s+)?(?:exact\s+|carbon\s+)?copy)\s+(?:of|for)\s*$/i
const DUPLICATES =
  /\b(?:duplicates|repeats|copies|double[- ]?bills|bills twice|is the same as|same as|already (?:billed|invoiced) (?:on|as|in))\s*$/i

/** "the tax on X is 15 % whereas on your invoice Y it was 10 %": Y is what X is compared with, not a
 *  second invoice disputed (a lone number, "whereas the 2026 contract", is no invoice compared). */
const COMPARED_WITH = /\b(?:whereas|compared (?:to|with)|unlike|versus|vs\.?|than (?:on|in))\b[^.;]*$/i
/** Unless the first is said to be in order ("X is fine whereas Y overcharges": Y is the one disputed). */
const FIRST_IN_ORDER = /\b(?:fine|ok|okay|correct|right|paid|settled|in order)\b/i
const comparedWith = (between: string): boolean => {
  const glossed = glossToEnglish(between)
  return COMPARED_WITH.test(glossed) && !FIRST_IN_ORDER.test(glossed)
}

/**
 * Which invoice is disputed and which is the original: in "X is a duplicate of Y" the customer
 * disputes X; Y stays. The disputed one comes first in `refs`.
 */
export function invoiceMentions(text: string, bare: readonly InvoiceRef[] = []): InvoiceMentions {
  const refs = [...findInvoiceRefs(text), ...bare].sort((a, b) => a.index - b.index)
  const only = refs[0]
  if (refs.length === 1 && only && isOriginal(text, only)) return { refs: [], related: only }
  for (let i = 1; i < refs.length; i++) {
    const prev = refs[i - 1]!
    const ref = refs[i]!
    const between = text.slice(prev.index + prev.length, ref.index).replace(/(?:invoice|inv\.?)?\s*#?\s*$/i, '')
    const compared = ref.kind !== 'bare' && comparedWith(text.slice(prev.index + prev.length, ref.index))
    if (isOriginal(text, ref) || DUPLICATES.test(between.trim()) || compared) {
      const rest = refs.filter((r) => r !== ref)
      return { refs: [prev, ...rest.filter((r) => r !== prev)], related: ref }
    }
  }
  return { refs }
}

/** Words after a reference that say it stands: "0712 is the right one", "X is correct", "X stays". */
const KEPT_AFTER =
  /^\s*(?:is|was|'s)\s+(?:the\s+)?(?:right|correct|good|valid|real|genuine|original|proper)(?:\s+(?:one|invoice|bill))?\b|^\s*(?:is|was|'s)\s+(?:fine|ok|okay|correct)\b|^\s*(?:stands|stays|can stay)\b/i
/** Words before a reference that keep it: "keep 0712", "leave INV-7 as it is". */
const KEPT_BEFORE = /\b(?:keep|keeping|leave|retain)\s+(?:invoice\s+|inv\.?\s*|#\s*)?$/i

/** Whether the words around a reference call it the original of a duplicate ("a duplicate of X",
 *  "X is the right one", "keep X"): the invoice that stays, not the one disputed. */
export function isOriginal(text: string, ref: Pick<InvoiceRef, 'index' | 'length'>): boolean {
  const before = text.slice(0, ref.index).replace(/[#\s]*(?:invoice|inv\.?)?\s*[#]?\s*$/i, '')
  if (DUPLICATE_OF.test(before)) return true
  // "X is the right one" keeps X only beside a request to cancel another; in a correction ("sorry,
  // wrong number, X is the right one") X is the invoice disputed.
  const kept = KEPT_BEFORE.test(text.slice(0, ref.index)) || KEPT_AFTER.test(text.slice(ref.index + ref.length))
  return kept && CANCEL_OTHER.test(text) && !CORRECTION.test(text)
}

const CANCEL_OTHER = /\b(?:cancel\w*|void\w*|revers\w*|credit\w*|annul\w*|drop|remove)\b/i
const CORRECTION = /\bwrong (?:number|invoice|ref\w*)\b|\bsorry\b|\bI meant\b|\bI mean\b|\bcorrection\b|\btypo\b/i

/** Words before a number that make it a count, not an invoice ("received 450", "billed 500", "nur 950"). */
const COUNT_BEFORE = new RegExp(
  String.raw`(?:\b(?:${(vocab.countWordsBefore as string[]).join('|')})|\d\s+(?:of|out of)(?:\s+the)?)\s*$`,
  'i',
)
/** Words a lone invoice number is followed by; any other word after it makes it a count ("100 pipe"). */
const INVOICE_FOLLOWERS = new Set(vocab.invoiceNumberFollowers as string[])
const UNITS = new Set(vocab.countUnits as string[])
/** Verbs that end in s: "718233 does not match", "40019 has the wrong rate" name an invoice, not a count. */
const VERBS = new Set(['does', 'has', 'was', 'is', 'says', 'shows', 'lists', 'looks', 'seems', 'includes', 'charges'])

/** "300 bolts", "450 ft": a figure followed by a unit or a plural noun counts things. "40019 waived",
 *  "30113 double bills", "718233 does not match": an invoice. */
function countOfThings(after: string): boolean {
  const next = /^\s*([A-Za-z][\w']*)/.exec(after)?.[1]?.toLowerCase()
  return (
    next !== undefined && !INVOICE_FOLLOWERS.has(next) && !VERBS.has(next) && (/[^s]s$/.test(next) || UNITS.has(next))
  )
}

/** Short words of the languages customers write in that end like an English plural ("la fact. 6083
 *  nos cobraron", "facture 118 dans", "factura 31 tres"): no count of things. */
const NOT_PLURALS = /^(?:\p{L}{1,3}|dans|sous|sans|chez|plus|tres|seis|this|thus|unless|always|perhaps)$/u

/** "your invoice 60 crates, we counted 57": after the invoice word, a figure written without a
 *  leading zero and followed by a unit or a plural noun is the count the invoice bills, not its number. */
const countAfterInvoiceWord = (value: string, after: string): boolean => {
  const next = /^\s*(\p{L}+)/u.exec(after)?.[1]?.toLowerCase()
  return (
    /^[1-9]\d{0,3}$/.test(value) &&
    next !== undefined &&
    /^[a-z]+$/.test(next) &&
    !NOT_PLURALS.test(next) &&
    countOfThings(after)
  )
}

/** "600, 600 and 540 pieces", "40, 40 i 35 komada": a list of figures whose last one counts things
 *  is a list of counts, every figure of it. */
const LIST_OF_FIGURES = /(?:\d+\s*,\s*)*\d+\s*,?\s*(?:and|&|\+|i|y|et|und|e|og|och|en|ja|és|a)\s+\d+\s+(\p{L}+)/giu
function countLists(text: string): { index: number; length: number }[] {
  return [...text.matchAll(LIST_OF_FIGURES)]
    .filter((m) => {
      const word = glossToEnglish(m[1]!).toLowerCase()
      return UNITS.has(word) || UNITS.has(m[1]!.toLowerCase()) || /[^s]s$/.test(word)
    })
    .map((m) => ({ index: m.index, length: m[0].length }))
}

/**
 * Lone 3–7 digit numbers that may be invoice numbers ("the $12 fee on 55310", "re 0101"):
 * not money, not a date, not a count of something, outside the given spans (references, amounts,
 * dates, PO and payment references). Candidates only: the ledger decides.
 */
export function bareInvoiceNumbers(text: string, skip: readonly { index: number; length: number }[]): InvoiceRef[] {
  const out: InvoiceRef[] = []
  let lastCount = -1
  const counted = countLists(text)
  for (const m of text.matchAll(/(?<![\w.,/$€£¥-])(\d{3,7})(?![\w%/-]|[.,]\d)/g)) {
    const index = m.index
    const value = m[1]!
    if ([...skip, ...counted].some((s) => overlaps(s.index, s.length, index, value.length))) continue
    const before = text.slice(Math.max(0, index - 30), index)
    // Count words in any language the glossary knows ("au primit 900": received 900); and the figure
    // a count is set against ("900 frames, not 1000") is a count too.
    const glossed = glossToEnglish(before)
    const againstCount =
      lastCount >= 0 && /\bnot\s*$/i.test(glossed) && !/\d/.test(text.slice(lastCount, index).replace(/^\d+/, ''))
    if (COUNT_BEFORE.test(before) || COUNT_BEFORE.test(glossed) || againstCount) {
      lastCount = index
      continue
    }
    if (countOfThings(text.slice(index + value.length))) continue
    out.push({ raw: value, normalized: value, kind: 'bare', index, length: value.length })
  }
  return out
}
