/**
 * The HTTP adapter's one place where coded errors become status codes and JSON bodies. No stack
 * trace ever leaves the server.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { type ErrorCode, errorRow } from '../../../tools/errors.ts'
import { formatPath } from '../../core/ledger.ts'
import { unstorableInput } from './limits.ts'

export interface ApiError {
  code: ErrorCode
  message: string
  field?: string
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json({ error }, errorRow(error.code).http satisfies ContentfulStatusCode)
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
