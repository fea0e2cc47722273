/**
 * The HTTP adapter's one place where coded errors become status codes and JSON bodies. No stack
 * trace ever leaves the server.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { formatPath } from '../../core/ledger.ts'
import { unstorableInput } from './limits.ts'

export interface ApiError {
  code: string
  message: string
  field?: string
}

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_json: 400,
  invalid_ledger: 422,
  unauthorized: 401,
  forbidden: 403,
  read_only: 403,
  self_approval: 403,
  approval_limit_exceeded: 403,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  last_key: 409,
  role_mismatch: 409,
  ambiguous_invoice: 409,
  amount_exceeds_invoice: 422,
  amount_exceeds_balance: 422,
  credit_exceeds_supported: 422,
  idempotency_key_reused: 422,
  host_not_allowed: 403,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
}

export function statusFor(code: string): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? (code.endsWith('_not_found') ? 404 : 400)
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json({ error }, statusFor(error.code))
}

/** 429 with Retry-After, the JSON error body saying when to come back. */
export function tooManyRequests(c: Context, retryAfterSeconds: number, why: string): Response {
  c.header('Retry-After', String(retryAfterSeconds))
  return errorResponse(c, { code: 'rate_limited', message: `${why} Retry in ${retryAfterSeconds} s.` })
}

export function zodError(error: z.ZodError): ApiError {
  const first = error.issues[0]
  return {
    code: 'invalid_input',
    message: error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '),
    ...(first ? { field: formatPath(first.path) } : {}),
  }
}

/** Parses a JSON body against a schema; the error names the field. */
export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return { ok: false, response: errorResponse(c, { code: 'invalid_json', message: 'the body is not valid JSON' }) }
  }
  // Postgres cannot store NUL, and a walk should not recurse a hostile nesting: 400 naming the field.
  const unstorable = unstorableInput(body)
  if (unstorable) return { ok: false, response: errorResponse(c, unstorable) }
  const r = schema.safeParse(body)
  return r.success ? { ok: true, value: r.data } : { ok: false, response: errorResponse(c, zodError(r.error)) }
}

const NUMERIC_PARAMS = new Set(['limit', 'offset'])
const BOOLEAN_PARAMS = new Set(['unappliedOnly'])

/** Query strings are text; the tools' schemas want numbers and booleans for a few known keys. */
export function queryInput(c: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(c.req.query())) {
    if (NUMERIC_PARAMS.has(k) && /^\d+$/.test(v)) out[k] = Number(v)
    else if (BOOLEAN_PARAMS.has(k)) out[k] = v === 'true' || v === '1'
    else out[k] = v
  }
  return out
}
