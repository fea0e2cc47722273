/**
 * The HTTP surface's size and shape limits: body caps per route class (413 with the JSON error
 * body), and the checks that keep input Postgres cannot store (NUL) or a walk cannot survive (deep
 * nesting) from ever reaching the database, as a 400 naming the field instead of a 500.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { formatPath } from '../../core/ledger.ts'
import { unstorablePath } from '../../../tools/call-tool.ts'
import type { ApiError } from './errors.ts'

export const KB = 1024
export const MB = 1024 * KB

/** Chat turns and the small REST writes (a note, a decision, a credit memo request). */
export const API_BODY_LIMIT = 64 * KB
export const MCP_BODY_LIMIT = 1 * MB
/** A ledger import; config can raise it. */
export const DEFAULT_IMPORT_BODY_LIMIT = 32 * MB

/** Ids in paths (disputes, invoices, credit memo requests, eval runs). */
export const MAX_ID_LENGTH = 100

export function limitBody(maxSize: number, refuse: (c: Context, maxSize: number) => Response): MiddlewareHandler {
  return bodyLimit({ maxSize, onError: (c) => refuse(c, maxSize) })
}

export const tooLarge = (maxSize: number): ApiError => ({
  code: 'payload_too_large',
  message: `The body is larger than ${maxSize.toLocaleString('en-US')} bytes; send less.`,
})

/** Input Postgres cannot store (NUL) or nested beyond reason, as a 400 naming the field; null when fine. */
export function unstorableInput(value: unknown): ApiError | null {
  const found = unstorablePath(value)
  if (!found) return null
  const field = found.path.length ? formatPath(found.path) : 'body'
  return { code: 'invalid_input', message: `${field}: ${found.problem}`, field }
}

/** A path segment that names a record: bounded, printable. */
export const IdParam = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH, `at most ${MAX_ID_LENGTH} characters`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')

export function idParam(c: Context, name: string): { ok: true; value: string } | { ok: false; error: ApiError } {
  const r = IdParam.safeParse(c.req.param(name))
  if (r.success) return { ok: true, value: r.data }
  return {
    ok: false,
    error: { code: 'invalid_input', message: `${name}: ${r.error.issues[0]?.message ?? 'invalid'}`, field: name },
  }
}

/** limit/offset from a query string, bounded (never beyond what a Postgres bigint or a page holds). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
})

/** The limits an operator may change (config.ts reads them from the environment). */
export interface HttpLimits {
  importBodyBytes: number
  chatPerMinute: number
  mcpPerMinute: number
  authFailuresPerMinute: number
  mcpSessionsPerKey: number
}

export const DEFAULT_LIMITS: HttpLimits = {
  importBodyBytes: DEFAULT_IMPORT_BODY_LIMIT,
  chatPerMinute: 60,
  mcpPerMinute: 600,
  authFailuresPerMinute: 10,
  mcpSessionsPerKey: 8,
}
