/**
 * Currencies (DOMAIN.md): policy amounts are in the company currency; an invoice in another currency
 * is compared with them after conversion at the ledger's `fxRates`, the latest rate for that
 * currency on or before the invoice date, multiplied exactly and rounded half-up ONCE to the company
 * currency's minor unit. Figures shown to the customer stay in the invoice currency.
 */
import type { FxRate } from './ledger.ts'
import { decimal, type Money, minorDigits, multiply, toDecimal } from './money.ts'

/** The rate in force on `date`: the latest one for `currency` dated on or before it. */
export function rateOn(rates: readonly FxRate[], currency: string, date: string): FxRate | null {
  let best: FxRate | null = null
  for (const r of rates) {
    if (r.currency !== currency || r.date > date) continue
    if (!best || r.date > best.date) best = r
  }
  return best
}

/**
 * `m` × `rate` in `target`, rounded once: minor_target = minor_source × rate × 10^(dt − ds), half-up.
 * The rate's own decimals and the two currencies' digits fold into one scale, so nothing is rounded
 * before the end.
 */
export function convert(m: Money, rate: string, target: string): Money {
  const r = decimal(rate)
  const scale = r.scale + minorDigits(m.currency) - minorDigits(target)
  return multiply({ minor: m.minor, currency: target }, { int: r.int, scale })
}

/** How the invoice's amounts are read against the policy. */
export type PolicyCurrency =
  | { kind: 'same'; currency: string }
  | { kind: 'converted'; currency: string; from: string; rate: string; rateDate: string }
  | { kind: 'no_rate'; currency: string; from: string; on: string }

export function policyCurrency(
  invoiceCurrency: string,
  companyCurrency: string,
  rates: readonly FxRate[],
  invoiceDate: string,
): PolicyCurrency {
  if (invoiceCurrency === companyCurrency) return { kind: 'same', currency: companyCurrency }
  const r = rateOn(rates, invoiceCurrency, invoiceDate)
  return r
    ? { kind: 'converted', currency: companyCurrency, from: invoiceCurrency, rate: r.rate, rateDate: r.date }
    : { kind: 'no_rate', currency: companyCurrency, from: invoiceCurrency, on: invoiceDate }
}

/** An invoice amount in the policy's currency; null when no rate was available. */
export function inPolicyCurrency(m: Money, pc: PolicyCurrency): Money | null {
  if (pc.kind === 'same') return m
  if (pc.kind === 'no_rate') return null
  return convert(m, pc.rate, pc.currency)
}

/** "13000 JPY = 87.10 USD at 0.0067 (rate of 2026-01-01)", or just "250.00 USD" without conversion. */
export function describeInPolicy(m: Money, pc: PolicyCurrency): string {
  const own = `${toDecimal(m)} ${m.currency}`
  if (pc.kind !== 'converted') return own
  const c = convert(m, pc.rate, pc.currency)
  return `${own} = ${toDecimal(c)} ${c.currency} at ${pc.rate} (rate of ${pc.rateDate})`
}

export function noRateDetail(pc: Extract<PolicyCurrency, { kind: 'no_rate' }>): string {
  return `no ${pc.from}→${pc.currency} exchange rate on or before ${pc.on} in the ledger: the policy amounts (in ${pc.currency}) could not be checked`
}
