/** Small helpers turning SQL rows into the ledger's shapes: nulls become absent, NUMERIC text tidied. */
import { minorDigits } from '../../core/money.ts'

type Row = Record<string, unknown>

/** A NUMERIC amount written with its currency's digits: "12.5000" → "12.50", JPY "1200.0000" → "1200". */
export function amount(raw: unknown, currency: string): string {
  const text = String(raw)
  const [int = '0', frac = ''] = text.split('.')
  const digits = minorDigits(currency)
  const trimmed = frac.replace(/0+$/, '')
  const kept = trimmed.length > digits ? trimmed : trimmed.padEnd(digits, '0')
  return kept ? `${int}.${kept}` : int
}

/** A rate or other plain decimal without trailing zeros: "0.08250000" → "0.0825". */
export function plainDecimal(raw: unknown): string {
  const text = String(raw)
  if (!text.includes('.')) return text
  return text.replace(/0+$/, '').replace(/\.$/, '')
}

export const num = (raw: unknown): number => Number(raw)

/** Copies the listed keys whose values are not null, so optional fields stay absent. */
export function present<T extends object>(entries: Record<string, unknown>): T {
  const out: Row = {}
  for (const [k, v] of Object.entries(entries)) if (v !== null && v !== undefined) out[k] = v
  return out as T
}

export const opt = <T>(v: T | null | undefined, f: (x: T) => unknown): unknown =>
  v === null || v === undefined ? undefined : f(v)

export interface PageArgs {
  limit: number
  offset: number
}

export function pageArgs(p: { limit?: number; offset?: number } = {}): PageArgs {
  const limit = Math.min(Math.max(Math.trunc(p.limit ?? 50), 1), 500)
  const offset = Math.max(Math.trunc(p.offset ?? 0), 0)
  return { limit, offset }
}

/** Builds "WHERE a = $1 AND b = $2" from optional conditions, numbering parameters as it goes. */
export class Where {
  readonly params: unknown[] = []
  readonly #parts: string[] = []

  add(sqlWithQ: string, ...values: unknown[]): this {
    let text = sqlWithQ
    for (const v of values) {
      this.params.push(v)
      text = text.replace('?', `$${this.params.length}`)
    }
    this.#parts.push(text)
    return this
  }

  when(cond: unknown, sqlWithQ: string, ...values: unknown[]): this {
    return cond === undefined || cond === null || cond === '' ? this : this.add(sqlWithQ, ...values)
  }

  get sql(): string {
    return this.#parts.length ? `WHERE ${this.#parts.join(' AND ')}` : ''
  }

  /** The next placeholder number, for LIMIT/OFFSET after the conditions. */
  next(value: unknown): string {
    this.params.push(value)
    return `$${this.params.length}`
  }
}

/** Normalises an invoice number for look-ups: lower-case alphanumerics only. */
export const numberKey = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '')
