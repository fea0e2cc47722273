/**
 * Every fact one message states, gathered into the conversation's StatedFacts: invoices, amounts,
 * quantities, unit price, dates, PO, ERP, teams, the customer and the reason. What was SAID, never
 * a figure the product decides.
 */
import type { StatedFacts } from '../understanding.ts'
import { findAmounts } from './amounts.ts'
import { classifyReason, type ReasonResult } from './classify-reason.ts'
import { type CustomerLike, matchCustomer } from './customer-match.ts'
import { findDeadline, findPaymentDate } from './dates.ts'
import { invoiceMentions } from './invoice-refs.ts'
import { findErp, findFeeType, findPaymentReference, findPoNumber, findTeams } from './mentions.ts'
import { findQuantities } from './quantities.ts'

export interface FactsContext {
  today: string
  customers?: readonly CustomerLike[]
}

export interface ExtractedFacts {
  facts: StatedFacts
  reason: ReasonResult
}

/** Below this a customer match is a guess not worth acting on. */
const CUSTOMER_MIN_SCORE = 0.8
/** A reason the model alone proposes is taken as stated only above this. */
const REASON_MIN_CONFIDENCE = 0.6

export function extractFacts(text: string, context: FactsContext): ExtractedFacts {
  const invoices = invoiceMentions(text)
  const facts: StatedFacts = { invoiceRefs: invoices.refs.map((r) => r.normalized) }
  if (invoices.related) facts.relatedInvoiceRef = invoices.related.normalized

  const refSpans = [...invoices.refs, ...(invoices.related ? [invoices.related] : [])].map((r) => ({
    index: r.index,
    length: r.normalized.length,
  }))
  const po = findPoNumber(text)
  if (po) {
    facts.poNumber = po
    const at = text.toUpperCase().indexOf(po)
    if (at >= 0) refSpans.push({ index: at, length: po.length })
  }
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}(?:\/\d{4})?\b/g)) {
    refSpans.push({ index: m.index, length: m[0].length })
  }
  const amounts = findAmounts(text, refSpans)
  const amount = amounts.find((a) => a.role === 'amount')
  if (amount) facts.amount = { value: amount.value, ...(amount.currency ? { currency: amount.currency } : {}) }
  const unitPrice = amounts.find((a) => a.role === 'unit_price')
  if (unitPrice) facts.expectedUnitPrice = unitPrice.value

  // Invoice, PO and date figures are not quantities: hide them before counting units.
  const masked = [...invoices.refs, ...(invoices.related ? [invoices.related] : [])]
    .map((r) => r.raw)
    .concat(po ? [po] : [])
    .reduce((t, raw) => t.split(raw).join('it'), text)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, 'then')
  const q = findQuantities(masked)
  if (q.quantityReceived !== undefined) facts.quantityReceived = q.quantityReceived
  if (q.quantityAffected !== undefined) facts.quantityAffected = q.quantityAffected
  if (q.productWords) facts.productWords = q.productWords

  const deadline = findDeadline(text, context.today)
  if (deadline) facts.deadline = deadline
  const paymentDate = findPaymentDate(text, context.today)
  if (paymentDate) facts.paymentDate = paymentDate
  const paymentReference = findPaymentReference(text)
  if (paymentReference) facts.paymentReference = paymentReference
  const feeType = findFeeType(text)
  if (feeType) facts.feeType = feeType
  const erp = findErp(text)
  if (erp) facts.erp = erp
  const teams = findTeams(text)
  if (teams.length) facts.teams = teams

  const customer = context.customers?.length ? matchCustomer(text, context.customers) : null
  if (customer && customer.score >= CUSTOMER_MIN_SCORE) {
    facts.customerId = customer.id
    facts.customerText = customer.matched
  }

  const reason = classifyReason(text)
  // A model-only guess on a short aside ("actually it's 45 units") must not overwrite a stated reason.
  if (reason.code && (reason.matchedPattern || reason.confidence >= REASON_MIN_CONFIDENCE))
    facts.reason = { code: reason.code, confidence: reason.confidence, evidence: reason.evidence }
  return { facts, reason }
}

/** Whether the facts carry anything about a dispute (not just chit-chat). */
export function hasDisputeFacts(f: StatedFacts): boolean {
  return Boolean(
    f.invoiceRefs.length ||
      f.relatedInvoiceRef ||
      f.reason ||
      f.amount ||
      f.quantityReceived !== undefined ||
      f.quantityAffected !== undefined ||
      f.expectedUnitPrice ||
      f.customerId ||
      f.deadline ||
      f.paymentDate ||
      f.erp ||
      f.poNumber ||
      f.teams?.length,
  )
}
