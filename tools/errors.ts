/**
 * Every error code a caller can get back, declared once with what each adapter does with it: the
 * HTTP status, the hint MCP and LangChain add for a model, and the question the embedded engine asks
 * to get past it. `ToolError.code` is this union, so returning a code without a row fails `tsc`, and
 * no adapter keeps a table of its own.
 */
import { z } from 'zod'
import type { QuestionTopic } from '../src/core/prompts.ts'

/** The statuses the API answers with (Hono's ContentfulStatusCode accepts each). */
type HttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 501 | 503

interface ErrorRow {
  http: HttpStatus
  /** What a model should do next (MCP and LangChain tool results); empty when the message says it. */
  hint: string
  /**
   * The question the engine asks when an investigation is refused with this code; `field` lets
   * the input the error names decide (an invoice, an amount, a deadline).
   */
  ask: QuestionTopic | 'field'
}

const NOT_FOUND_HINT = 'Check the identifier, or search first.'
const FIX_FIELD_HINT = 'Fix the named field and call the tool again.'
const ASK_LEAD_HINT =
  'Tell the user this needs a lead (or finance controller) and offer to prepare the request for them.'

const TABLE = {
  // The input
  invalid_input: { http: 400, hint: FIX_FIELD_HINT, ask: 'field' },
  invalid_json: { http: 400, hint: 'Send the arguments as one JSON object.', ask: 'field' },
  invalid_claim: { http: 400, hint: FIX_FIELD_HINT, ask: 'field' },
  invalid_percent: { http: 400, hint: 'Give a percentage the goodwill policy allows.', ask: 'amount' },
  invalid_ledger: { http: 422, hint: 'Fix each listed path in the ledger and import it again.', ask: 'field' },
  payload_too_large: { http: 413, hint: 'Send less at once.', ask: 'field' },
  unknown_tool: { http: 400, hint: 'Call only the tools listed for this user.', ask: 'reason' },
  // Who is asking
  unauthorized: { http: 401, hint: 'Configure a valid API key.', ask: 'reason' },
  forbidden: { http: 403, hint: ASK_LEAD_HINT, ask: 'reason' },
  read_only: { http: 403, hint: 'The key is read-only: tell the user to configure one that may write.', ask: 'reason' },
  self_approval: { http: 403, hint: 'Another lead must approve it; tell the user.', ask: 'reason' },
  approval_limit_exceeded: { http: 403, hint: ASK_LEAD_HINT, ask: 'reason' },
  host_not_allowed: { http: 403, hint: '', ask: 'reason' },
  // Records that are not there
  not_found: { http: 404, hint: NOT_FOUND_HINT, ask: 'field' },
  invoice_not_found: { http: 404, hint: NOT_FOUND_HINT, ask: 'invoice' },
  customer_not_found: { http: 404, hint: NOT_FOUND_HINT, ask: 'invoice' },
  contract_not_found: { http: 404, hint: NOT_FOUND_HINT, ask: 'invoice' },
  dispute_not_found: { http: 404, hint: NOT_FOUND_HINT, ask: 'invoice' },
  session_not_found: { http: 404, hint: 'Start a new conversation (leave sessionId out).', ask: 'invoice' },
  // The record's state
  illegal_transition: { http: 409, hint: 'Read the dispute first; its status does not allow this.', ask: 'reason' },
  conflict: { http: 409, hint: 'Read the record again and decide with its current state.', ask: 'reason' },
  last_key: { http: 409, hint: 'Create another key first.', ask: 'reason' },
  role_mismatch: { http: 409, hint: '', ask: 'reason' },
  ambiguous_invoice: { http: 409, hint: 'Ask the user which of the candidates is meant.', ask: 'invoice' },
  // The figures
  amount_exceeds_invoice: { http: 422, hint: 'Ask for the disputed amount: at most the invoice total.', ask: 'amount' },
  amount_exceeds_balance: { http: 422, hint: 'Ask for a smaller amount: at most the open balance.', ask: 'amount' },
  credit_exceeds_supported: { http: 422, hint: 'Credit at most the remaining amount, or escalate.', ask: 'amount' },
  idempotency_key_reused: { http: 422, hint: 'Use a new idempotency key for a different request.', ask: 'reason' },
  // Ours
  rate_limited: { http: 429, hint: 'Wait as long as the message says, then try once more.', ask: 'reason' },
  internal_error: { http: 500, hint: 'Do not retry the same call in a loop; tell the user it failed.', ask: 'reason' },
  unavailable: {
    http: 503,
    hint: 'Tell the user what the message says is missing; the other formats work.',
    ask: 'reason',
  },
} as const satisfies Record<string, ErrorRow>

export type ErrorCode = keyof typeof TABLE
export const ERROR_CODES = Object.keys(TABLE) as [ErrorCode, ...ErrorCode[]]
/** For schemas that describe an error body (OpenAPI, the dashboard's client). */
export const ErrorCodeSchema = z.enum(ERROR_CODES)

export const errorRow = (code: ErrorCode): ErrorRow => TABLE[code]
export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(TABLE, code)

/** A refused tool call as text a model can act on (MCP and LangChain tool results). */
export function errorTextForModel(tool: string, error: { code: ErrorCode; message: string; field?: string }): string {
  const field = error.field ? ` (field: ${error.field})` : ''
  const { hint } = errorRow(error.code)
  return `${tool} failed: ${error.code}${field}: ${error.message}${hint ? `\n${hint}` : ''}`
}

/** Which question gets an investigation past a refusal: the row's topic, or the input it names. */
export function questionTopicOf(error: { code: ErrorCode; field?: string }): QuestionTopic {
  const { ask } = errorRow(error.code)
  if (ask !== 'field') return ask
  const field = error.field ?? ''
  if (/invoice/i.test(field)) return 'invoice'
  if (/amount|quantity|price/i.test(field)) return 'amount'
  if (/deadline/i.test(field)) return 'deadline'
  return 'reason'
}
