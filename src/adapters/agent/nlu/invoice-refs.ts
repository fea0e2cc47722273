/**
 * Invoice references as people type them: "INV-1001", "INV1001", "inv 1002", "invoice 0451",
 * "#1002", "the 1002 invoice". Returned raw and normalised; the caller resolves them against the
 * ledger (an exact number, else a unique suffix). PO numbers are not invoices and are skipped.
 */

export interface InvoiceRef {
  /** The words as typed ("inv 1002"). */
  raw: string
  /** Upper-cased reference to look up ("INV-1002", "INV1001", "1002", "0451"). */
  normalized: string
  /** `full` when it carries a prefix like INV-, `suffix` when only digits were given. */
  kind: 'full' | 'suffix'
  index: number
}

export interface InvoiceMentions {
  /** Disputed invoice first, then any others in the order they appear. */
  refs: InvoiceRef[]
  /** The original of a duplicate ("INV-2002 is a duplicate of INV-2001" → INV-2001). */
  related?: InvoiceRef
}

const PATTERNS: { re: RegExp; kind: InvoiceRef['kind'] }[] = [
  // Prefixed numbers: INV-1001, INV1001, INV 1001, inv-2026-0451, SI-2001.
  { re: /\b((?:INV|SI|BILL)[-_/ ]?\d[\w/-]*\d|(?:INV|SI)[-_/ ]?\d)\b/gi, kind: 'full' },
  // "invoice 0451", "invoice #1002", "invoice no. 1002", "inv. 1002"
  {
    re: /\binv(?:oice)?\.?\s*(?:no\.?|nr\.?|number|num\.?)?\s*[#:]?\s*((?:[A-Z]{1,5}[-_/]?)?\d[\w/-]*)/gi,
    kind: 'suffix',
  },
  // "#1002" (not "PO #778")
  { re: /(?<!\bp\.?o\.?\s?)#\s?(\d{3,})\b/gi, kind: 'suffix' },
  // "the 1002 invoice"
  { re: /\b(\d{3,})\s+invoice\b/gi, kind: 'suffix' },
]

export function findInvoiceRefs(text: string): InvoiceRef[] {
  const found: InvoiceRef[] = []
  for (const { re, kind } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = m[1]!
      const index = m.index! + m[0].indexOf(value)
      if (found.some((f) => overlaps(f.index, f.normalized.length, index, value.length))) continue
      const normalized = value.toUpperCase().replace(/\s+/g, '')
      const isFull = /^[A-Z]/.test(normalized)
      found.push({ raw: m[0].trim(), normalized, kind: isFull ? 'full' : kind === 'full' ? 'full' : 'suffix', index })
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

const DUPLICATE_OF =
  /\b(?:is|was|looks like|seems to be)?\s*(?:a\s+)?(?:duplicate|dupe|copy|repeat|double)\s+(?:of|for)\s*$/i
const DUPLICATES =
  /\b(?:duplicates|repeats|copies|is the same as|same as|already (?:billed|invoiced) (?:on|as|in))\s*$/i

/**
 * Which invoice is disputed and which is the original: in "X is a duplicate of Y" the customer
 * disputes X; Y stays. The disputed one comes first in `refs`.
 */
export function invoiceMentions(text: string): InvoiceMentions {
  const refs = findInvoiceRefs(text)
  const only = refs[0]
  if (refs.length === 1 && only && isOriginal(text, only)) return { refs: [], related: only }
  for (let i = 1; i < refs.length; i++) {
    const prev = refs[i - 1]!
    const ref = refs[i]!
    const between = text.slice(
      prev.index + prev.normalized.length,
      ref.index - (ref.raw.length - ref.normalized.length),
    )
    if (isOriginal(text, ref) || DUPLICATES.test(between.trim())) {
      const rest = refs.filter((r) => r !== ref)
      return { refs: [prev, ...rest.filter((r) => r !== prev)], related: ref }
    }
  }
  return { refs }
}

/** Whether the words before a reference call it the original of a duplicate ("a duplicate of X"). */
function isOriginal(text: string, ref: InvoiceRef): boolean {
  const before = text.slice(0, ref.index).replace(/[#\s]*(?:invoice|inv\.?)?\s*[#]?\s*$/i, '')
  return DUPLICATE_OF.test(before)
}
