/**
 * The error table is the one declaration of error codes: every code the source returns has a row,
 * and every row is a code the source returns.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ErrorCodeSchema, errorRow, questionTopicOf } from './errors.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

/** The folders whose coded results reach a caller (the core's reason and escalation codes do not). */
const RETURNING = ['tools', 'src/services', 'src/adapters/http', 'src/adapters/store', 'src/adapters/mcp']
/** Coded values that are not caller-facing errors: a zod issue kind, start-up failures (data folder, stdio key). */
const NOT_ERRORS = new Set(['custom', 'locked', 'data_folder_locked', 'invalid_api_key'])

const literalCodes = (files: string[]): Map<string, string> => {
  const found = new Map<string, string>()
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const m of text.matchAll(/(?:\bcode: |\bfail\()'([a-z_]+)'/g)) found.set(m[1] as string, file)
  }
  return found
}

describe('the error table', () => {
  it('has a row for every code the tools, services, store and API adapters return', () => {
    const codes = literalCodes(RETURNING.flatMap(sources))
    expect(codes.size).toBeGreaterThan(20)
    const missing = [...codes].filter(([code]) => !NOT_ERRORS.has(code) && !ErrorCodeSchema.safeParse(code).success)
    expect(missing).toEqual([])
  })

  it('has no row for a code nothing returns', () => {
    const used = literalCodes([...sources('src'), ...sources('tools')].filter((f) => f !== 'tools/errors.ts'))
    expect(ErrorCodeSchema.options.filter((code) => !used.has(code))).toEqual([])
  })

  it.each([
    [{ code: 'invoice_not_found' as const, field: 'disputeId' }, 404, 'invoice'],
    [{ code: 'ambiguous_invoice' as const }, 409, 'invoice'],
    [{ code: 'amount_exceeds_invoice' as const, field: 'disputedAmount' }, 422, 'amount'],
    [{ code: 'invalid_claim' as const, field: 'quantityReceived' }, 400, 'amount'],
    [{ code: 'invalid_claim' as const, field: 'invoiceNumber' }, 400, 'invoice'],
    [{ code: 'invalid_input' as const, field: 'deadline' }, 400, 'deadline'],
    [{ code: 'forbidden' as const }, 403, 'reason'],
    [{ code: 'internal_error' as const }, 500, 'reason'],
  ])('gives %o status %i and asks about the %s', (error, status, topic) => {
    expect(errorRow(error.code).http).toBe(status)
    expect(questionTopicOf(error)).toBe(topic)
  })
})
