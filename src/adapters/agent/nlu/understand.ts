/**
 * The embedded engine's `Understand`: one message in, the intent and the stated facts out. A pasted
 * customer email is read as the customer's claim; any request inside it is reported, never obeyed.
 */
import type { StatedFacts, Understand, UnderstandContext, Understanding } from '../understanding.ts'
import { readCustomerEmail } from './customer-email.ts'
import { ORDER_WORDS_BEFORE, poStandIn } from './invoice-refs.ts'
import { asciiDigits, cjkCompoundAmounts, hanCountsAsDigits } from './numbers.ts'
import { classifyTurn } from './turn-intent.ts'

const canonical = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')
/** A lower-case ending of up to four letters joined to a number by a hyphen: Hungarian's and others' case endings. */
const CASE_ENDING = /^-\p{Ll}{1,4}(?![\p{L}\p{N}])/u

/**
 * The ledger's identifiers in the text become stand-ins every rule reads as an invoice or a PO
 * ("a 7.318" is not a price of 7,318; "QB-4471" is not a count), and the facts name the real
 * documents again afterwards.
 */
function withReferences(
  text: string,
  references: NonNullable<UnderstandContext['references']>,
): { text: string; restore: (facts: StatedFacts) => StatedFacts; restoreText: (s: string) => string } {
  const stand = new Map<string, { invoiceNumber?: string; poNumber?: string }>()
  const typedAs = new Map<string, string>()
  let out = ''
  let at = 0
  for (const [i, r] of [...references].sort((a, b) => a.index - b.index).entries()) {
    if (r.index < at) continue
    // A stand-in of the typed shape (slashes or not) with no word like "INV" in it, so the reason
    // model reads it as it reads any reference, and the figure rules as nothing but a reference.
    // A PO reads as "PO <number>", with the PO word said once: after "pedido" or "PO" only the number.
    const slashed = text.slice(r.index, r.index + r.length).includes('/')
    const poWordBefore = ORDER_WORDS_BEFORE.test(text.slice(Math.max(0, r.index - 40), r.index))
    const id = !r.invoiceNumber
      ? `${poWordBefore ? '' : 'PO '}${poStandIn(i)}`
      : slashed
        ? `QX/97/${1001 + i}`
        : `QX-${1001 + i}`
    stand.set(canonical(id), r)
    stand.set(canonical(id.replace(/^PO /, '')), r)
    typedAs.set(id, text.slice(r.index, r.index + r.length))
    out += `${text.slice(at, r.index)}${id}`
    at = r.index + r.length
    // "a 7102233-as számlán": a case ending joined to the number is no part of it (the ledger knows
    // the number without it), so the reader sees the reference on its own.
    if (CASE_ENDING.test(text.slice(at))) {
      out += ' '
      at += 1
    }
  }
  out += text.slice(at)
  const invoiceOf = (ref: string): string => stand.get(canonical(ref))?.invoiceNumber ?? ref
  const restoreText = (s: string): string => {
    let t = s
    for (const [id, original] of typedAs) t = t.split(id).join(original)
    return t
  }
  const restore = (facts: StatedFacts): StatedFacts => {
    // A PO the ledger knows is the PO of the claim, said with a PO word or not ("the QB-4471 delivery").
    const po = facts.poNumber
      ? stand.get(canonical(facts.poNumber))
      : [...stand.values()].find((r) => r.poNumber && !r.invoiceNumber)
    const refs = [...new Set(facts.invoiceRefs.map(invoiceOf))]
    return {
      ...facts,
      invoiceRefs: refs,
      ...(facts.invoiceCandidates ? { invoiceCandidates: facts.invoiceCandidates.map(invoiceOf) } : {}),
      ...(facts.relatedInvoiceRef ? { relatedInvoiceRef: invoiceOf(facts.relatedInvoiceRef) } : {}),
      ...(po?.poNumber ? { poNumber: po.poNumber } : {}),
      // "EFT ref HC-01": a payment's reference that quotes a document is read as typed.
      ...(facts.paymentReference ? { paymentReference: restoreText(facts.paymentReference) } : {}),
    }
  }
  return { text: out, restore, restoreText }
}

const LPO = /(?<![\w.-])L\.?P\.?O\.?(?![\w-])/g
/** North America's autumn ("since last fall", "the fall term", "fall 2026"): a season, no
 *  goods dropped. The word is blanked, so no damage or count reader takes it for one. */
const SEASON_FALL =
  /(?<=\b(?:this|last|next|early|late|in the|during the|over the|since|by|until|the)\s+)fall(?=\s+\d{4}\b|\s*(?:[.,;!?)]|$)|\s+(?:season|semester|term|quarter|about|re\b|for|with|and|but|so|when|too|already|alone)\b)|\bfall(?=\s+(?:19|20)\d\d\b)/gi

export const understand: Understand = (input: string, context: UnderstandContext): Understanding => {
  // Digits of any script ("١٥٠"), and counts in Chinese numerals ("九十六本"), are read as ASCII ones; an
  // LPO (the "local purchase order" of the Gulf, East and South Asia) is a PO. Positions do not move.
  // A case ending written onto a figure in another script ("413-ზე", "1-12-ны") is set off from it.
  const typed = cjkCompoundAmounts(hanCountsAsDigits(asciiDigits(input)))
    .replace(LPO, (m) => `${' '.repeat(m.length - 2)}PO`)
    .replace(SEASON_FALL, '    ')
    .replace(/(?<=\d)-(?=[^\P{L}\p{Script=Latin}])/gu, ' ')
  if (!context.references?.length) return read(typed, context)
  const { text, restore, restoreText } = withReferences(typed, context.references)
  const u = read(text, context)
  const email = u.email && {
    summary: restoreText(u.email.summary),
    embeddedInstructions: u.email.embeddedInstructions.map(restoreText),
  }
  return { ...u, facts: restore(u.facts), ...(email ? { email } : {}), references: context.references }
}

function read(text: string, context: UnderstandContext): Understanding {
  const email = readCustomerEmail(text, context)
  if (email) {
    return {
      // Whatever the email asks for, the specialist's intent is to have the claim looked at.
      intent: context.hasDispute ? 'provide_info' : 'new_dispute',
      facts: email.facts,
      email: { summary: email.summary, embeddedInstructions: email.embeddedInstructions },
    }
  }
  const turn = classifyTurn(text, context)
  return { intent: turn.intent, facts: turn.facts, ...(turn.tone ? { tone: turn.tone } : {}) }
}
