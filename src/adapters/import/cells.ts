/**
 * Reading one CSV cell as a value of the ledger: dates, quantities and amounts as ERP exports write
 * them ("$1,234.50", "(50.00)", "1/26/2013", "2011-10-06 16:20:00"). Each reader returns a value or
 * the problem in words, so the caller can name the row and column.
 */
import { type Decimal, decimal, decimalToString, minorDigits, money, multiply, toDecimal } from '../../core/money.ts'

export type Cell<T> = { ok: true; value: T } | { ok: false; problem: string }

const ok = <T>(value: T): Cell<T> => ({ ok: true, value })
const bad = <T>(problem: string): Cell<T> => ({ ok: false, problem })

export type DateOrder = 'mdy' | 'dmy' | 'ymd'

const pad = (n: number): string => String(n).padStart(2, '0')

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

/** "2013-01-26", "2011-10-06 16:20:00", "1/26/2013" (mdy) or "26/01/2013" (dmy); a time of day is dropped. */
export function readDate(text: string, order: DateOrder = 'mdy'): Cell<string> {
  const s = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s)
  const slash = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+(?: ?[AP]M)?)?$/i.exec(s)
  let y: number
  let m: number
  let d: number
  if (iso) {
    y = Number(iso[1])
    m = Number(iso[2])
    d = Number(iso[3])
  } else if (slash && order !== 'ymd') {
    const a = Number(slash[1])
    const b = Number(slash[2])
    const yy = Number(slash[3])
    y = (slash[3] ?? '').length === 2 ? 2000 + yy : yy
    m = order === 'mdy' ? a : b
    d = order === 'mdy' ? b : a
  } else {
    return bad(`expected a date like ${order === 'dmy' ? '"26/01/2013"' : '"1/26/2013"'} or "2013-01-26", got "${s}"`)
  }
  if (!isCalendarDate(y, m, d)) return bad(`"${s}" is not a calendar date`)
  return ok(`${y}-${pad(m)}-${pad(d)}`)
}

/** A plain decimal from a cell: currency symbols, spaces and thousands commas dropped, "(5.00)" is -5.00. */
export function readDecimal(text: string): Cell<Decimal> {
  let s = text.trim().replace(/[\s$£€¥,]/g, '')
  let neg = false
  if (/^\(.*\)$/.test(s)) {
    neg = true
    s = s.slice(1, -1)
  }
  if (s.startsWith('-')) {
    neg = !neg
    s = s.slice(1)
  }
  if (s.startsWith('.')) s = `0${s}`
  if (!/^\d+(\.\d+)?$/.test(s)) return bad(`expected a number like "1,234.50", got "${text.trim()}"`)
  const d = decimal(s)
  return ok(neg ? { int: -d.int, scale: d.scale } : d)
}

/** An amount of money as the ledger writes it: exactly the currency's minor digits, never rounded. */
export function readAmount(text: string, currency: string): Cell<string> {
  const d = readDecimal(text)
  if (!d.ok) return d
  const amount = exactAmount(d.value, currency)
  if (amount === null) {
    return bad(`${currency} has ${minorDigits(currency)} decimal digits; "${text.trim()}" has more`)
  }
  return ok(amount)
}

/** The decimal as an amount of the currency ("4.5" → "4.50"), or null when it has more decimals than allowed. */
export function exactAmount(d: Decimal, currency: string): string | null {
  const digits = minorDigits(currency)
  const shift = digits - d.scale
  if (shift >= 0) return toDecimal(money(d.int * 10n ** BigInt(shift), currency))
  const div = 10n ** BigInt(-shift)
  return d.int % div === 0n ? toDecimal(money(d.int / div, currency)) : null
}

/**
 * quantity × unit price rounded half-up once to the currency's minor digits: the product's single
 * rounding rule (money.ts), applied to a price that may carry more decimals than the currency.
 */
export function lineAmount(quantity: Decimal, unitPrice: Decimal, currency: string): string {
  const digits = minorDigits(currency)
  const factor = { int: quantity.int, scale: quantity.scale + unitPrice.scale - digits }
  return toDecimal(multiply(money(unitPrice.int, currency), factor))
}

export function readQuantity(text: string): Cell<Decimal> {
  if (text.trim() === '') return bad('is empty')
  return readDecimal(text)
}

export function decimalToNumber(d: Decimal): number {
  return Number(decimalToString(d))
}

export function negate(d: Decimal): Decimal {
  return { int: -d.int, scale: d.scale }
}
