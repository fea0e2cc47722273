/** The embedded engine's language understanding: what the conversation engine and the evals call. */
export { findAmounts, type AmountMention } from './amounts.ts'
export { BANKING77_TO_REASON } from './banking77.ts'
export { classifyReason, type ReasonResult } from './classify-reason.ts'
export { type CustomerEmail, looksLikeEmail, readCustomerEmail } from './customer-email.ts'
export { type CustomerMatch, matchCustomer } from './customer-match.ts'
export { findDates, findDeadline, findPaymentDate } from './dates.ts'
export { extractFacts } from './facts.ts'
export { findInvoiceRefs, type InvoiceMentions, type InvoiceRef, invoiceMentions } from './invoice-refs.ts'
export { findErp, findFeeType, findPoNumber, findTeams } from './mentions.ts'
export { findQuantities, type QuantityFacts } from './quantities.ts'
export {
  type CfpbRow,
  cfpbReasonTable,
  evaluateReasons,
  formatReasonReport,
  type ReasonsEvaluation,
} from './reasons-eval.ts'
export { classifyTurn, type TurnContext, type TurnResult } from './turn-intent.ts'
export { understand } from './understand.ts'
