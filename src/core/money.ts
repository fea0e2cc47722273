/**
 * Money: exact amounts as integer minor units (bigint) with an ISO 4217 code. Never a float.
 *
 * Rounding rule of the whole product, stated once: any product of an amount with a quantity or a
 * rate (line net = quantity × unit price, line tax = net × rate, late fee = balance × percent) is
 * rounded ONCE, half-up (away from zero at .5), to the currency's minor digits, per line.
 * Amounts that cross a boundary (JSON, SQL, the model) are decimal strings such as "1007.75".
 */

/** ISO 4217 minor digits that differ from 2. `Intl` reports some of these wrongly, so we keep our own. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
}

export interface Money {
  readonly minor: bigint
  readonly currency: string
}

export type MoneyError =
  | { code: 'invalid_currency'; message: string }
  | { code: 'invalid_amount'; message: string }
  | { code: 'too_many_decimals'; message: string }

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MoneyError }

const CURRENCY_RE = /^[A-Z]{3}$/
const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2
}

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_RE.test(code)
}

export function money(minor: bigint, currency: string): Money {
  return { minor, currency }
}

export function zero(currency: string): Money {
  return { minor: 0n, currency }
}

/** Parses a decimal string in a currency; more decimals than the currency allows is an error, never rounded. */
export function parseMoney(text: string, currency: string): Parsed<Money> {
  if (!isCurrencyCode(currency)) {
    return { ok: false, error: { code: 'invalid_currency', message: `"${currency}" is not an ISO 4217 code` } }
  }
  const m = DECIMAL_RE.exec(text.trim())
  if (!m) {
    return {
      ok: false,
      error: { code: 'invalid_amount', message: `expected a decimal string like "12.50", got "${text}"` },
    }
  }
  const digits = minorDigits(currency)
  const frac = (m[3] ?? '').replace(/0+$/, '')
  if (frac.length > digits) {
    return {
      ok: false,
      error: { code: 'too_many_decimals', message: `${currency} has ${digits} decimal digits; "${text}" has more` },
    }
  }
  const minor = BigInt((m[2] ?? '0') + frac.padEnd(digits, '0'))
  return { ok: true, value: { minor: m[1] ? -minor : minor, currency } }
}

/** Like parseMoney for values already validated (ledger import did it); throws on a bug. */
export function moneyOf(text: string, currency: string): Money {
  const r = parseMoney(text, currency)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** "1007.75", "-3.50", "1000" for JPY. */
export function toDecimal(m: Money): string {
  const digits = minorDigits(m.currency)
  const neg = m.minor < 0n
  const abs = (neg ? -m.minor : m.minor).toString().padStart(digits + 1, '0')
  const int = abs.slice(0, abs.length - digits)
  const frac = abs.slice(abs.length - digits)
  return `${neg ? '-' : ''}${int}${digits ? `.${frac}` : ''}`
}

/** One formatter per locale and currency: building one costs far more than formatting with it. */
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>()

/** Display form: "$1,007.75" (en-US), "10.770,00 €" (de-DE), "¥1,000" (JPY). */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const key = `${locale} ${m.currency}`
  let fmt = MONEY_FORMATS.get(key)
  if (!fmt) {
    const digits = minorDigits(m.currency)
    fmt = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    MONEY_FORMATS.set(key, fmt)
  }
  // Intl v3 formats a decimal string exactly, so no float ever sees the amount.
  return fmt.format(toDecimal(m) as unknown as number)
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`)
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { minor: a.minor + b.minor, currency: a.currency }
}

export function sub(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return { minor: a.minor - b.minor, currency: a.currency }
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce(add, zero(currency))
}

export function cmp(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b)
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0
}

export function min(a: Money, b: Money): Money {
  return cmp(a, b) <= 0 ? a : b
}

export function max(a: Money, b: Money): Money {
  return cmp(a, b) >= 0 ? a : b
}

export function isZero(m: Money): boolean {
  return m.minor === 0n
}

/** Whether a decimal string ("0", "0.00", "0.000") is zero, whatever the currency's digits. */
export function isZeroAmount(text: string): boolean {
  return decimal(text).int === 0n
}

/** Clamp into [0, cap]. */
export function clamp(m: Money, cap: Money): Money {
  return min(max(m, zero(m.currency)), cap)
}

/** An exact decimal: value = int / 10^scale. Used for quantities and rates, never for money at rest. */
export interface Decimal {
  readonly int: bigint
  readonly scale: number
}

/** Parses "0.0825", "42", "1.5" or a JS number of a quantity (its shortest decimal form). */
export function decimal(value: string | number): Decimal {
  let text = typeof value === 'number' ? numberToPlain(value) : value.trim()
  const m = DECIMAL_RE.exec(text)
  if (!m) throw new Error(`not a decimal: ${String(value)}`)
  const frac = m[3] ?? ''
  text = `${m[1] ?? ''}${m[2] ?? '0'}${frac}`
  return { int: BigInt(text), scale: frac.length }
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`)
  const s = String(n)
  if (!/e/i.test(s)) return s
  // Exponent form (1e-7, 1e21): expand exactly through toFixed/toLocaleString-free arithmetic.
  const [mant = '0', expText = '0'] = s.toLowerCase().split('e')
  const exp = Number(expText)
  const neg = mant.startsWith('-')
  const [ip = '0', fp = ''] = mant.replace('-', '').split('.')
  const digits = ip + fp
  const point = ip.length + exp
  const out =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`
  return (neg ? '-' : '') + out
}

/** round(int / 10^shift) half-up (away from zero), the single rounding primitive of the product. */
function roundHalfUp(int: bigint, shift: number): bigint {
  if (shift <= 0) return int * 10n ** BigInt(-shift)
  const div = 10n ** BigInt(shift)
  const neg = int < 0n
  const abs = neg ? -int : int
  const q = abs / div
  const r = abs % div
  const rounded = r * 2n >= div ? q + 1n : q
  return neg ? -rounded : rounded
}

/** amount × factor, rounded half-up to the currency's minor units. */
export function multiply(m: Money, factor: Decimal): Money {
  return { minor: roundHalfUp(m.minor * factor.int, factor.scale), currency: m.currency }
}

/** amount × percent / 100, rounded half-up (late fees are stated in percent). */
export function percentOf(m: Money, percent: Decimal): Money {
  return multiply(m, { int: percent.int, scale: percent.scale + 2 })
}

/** amount × numerator / denominator, rounded half-up: pro-rating by days or units. */
export function prorate(m: Money, numerator: bigint, denominator: bigint): Money {
  if (denominator === 0n) throw new Error('prorate by zero')
  const n = m.minor * numerator
  const neg = n < 0n !== denominator < 0n
  const a = n < 0n ? -n : n
  const d = denominator < 0n ? -denominator : denominator
  const q = a / d + ((a % d) * 2n >= d ? 1n : 0n)
  return { minor: neg ? -q : q, currency: m.currency }
}

export function decimalToString(d: Decimal): string {
  const neg = d.int < 0n
  const abs = (neg ? -d.int : d.int).toString().padStart(d.scale + 1, '0')
  const int = abs.slice(0, abs.length - d.scale)
  const frac = abs.slice(abs.length - d.scale).replace(/0+$/, '')
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`
}

export function decimalCmp(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale)
  const x = a.int * 10n ** BigInt(scale - a.scale)
  const y = b.int * 10n ** BigInt(scale - b.scale)
  return x < y ? -1 : x > y ? 1 : 0
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return { int: a.int * 10n ** BigInt(scale - a.scale) - b.int * 10n ** BigInt(scale - b.scale), scale }
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  return decimalSub(a, { int: -b.int, scale: b.scale })
}

/** Exact sum of quantities (JS numbers as the ledger stores them). */
export function sumQuantities(values: readonly number[]): Decimal {
  return values.map((v) => decimal(v)).reduce(decimalAdd, { int: 0n, scale: 0 })
}

/** An amount in a currency from a policy figure, rounded half-up to the currency's minor digits. */
export function moneyRounded(text: string, currency: string): Money {
  return multiply({ minor: 10n ** BigInt(minorDigits(currency)), currency }, decimal(text))
}

/** A rate as people read it: "0.0875" → "8.75%", "0.19" → "19%". Exact: the decimal point moves two places. */
export function ratePercent(rate: string): string {
  const d = decimal(rate)
  const shifted: Decimal =
    d.scale >= 2 ? { int: d.int, scale: d.scale - 2 } : { int: d.int * 10n ** BigInt(2 - d.scale), scale: 0 }
  return `${decimalToString(shifted)}%`
}
