/** Customers and their contracts: segments, industries, strategic accounts, tax exemptions, terms. */
import { addDays } from '../core/dates.ts'
import type { Contract, Customer } from '../core/ledger.ts'
import { money, toDecimal } from '../core/money.ts'
import type { Plan } from './model.ts'
import type { Rng } from './prng.ts'
import {
  CATALOG,
  type CatalogItem,
  INDUSTRY_NOUNS,
  INDUSTRY_SKUS,
  NAME_FIRST,
  PEOPLE,
  SUFFIXES,
  TAX_RATES,
} from './words.ts'

export const SEGMENTS = [
  ['enterprise', 14],
  ['mid_market', 22],
  ['smb', 28],
] as const

export const usd = (cents: number | bigint): string => toDecimal(money(BigInt(cents), 'USD'))

export function makePlans(rng: Rng, today: string): Plan[] {
  const industries = Object.keys(INDUSTRY_NOUNS)
  const usedNames = new Set<string>()
  const plans: Plan[] = []
  let n = 0
  for (const [segment, count] of SEGMENTS) {
    for (let i = 0; i < count; i++) {
      n++
      const industry = industries[(n * 3 + rng.int(0, 1)) % industries.length] ?? 'retail'
      let name = ''
      do {
        const suffix = rng.pick(SUFFIXES)
        name = `${rng.pick(NAME_FIRST)} ${rng.pick(INDUSTRY_NOUNS[industry] ?? ['Group'])}${suffix ? ` ${suffix}` : ''}`
      } while (usedNames.has(name))
      usedNames.add(name)
      const id = `CUS-${1000 + n * 7}`
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '')
      const strategic = segment === 'enterprise' ? rng.chance(0.5) : segment === 'mid_market' && rng.chance(0.1)
      const taxExempt = industry === 'healthcare' ? rng.chance(0.6) : rng.chance(0.06)
      const customer: Customer = {
        id,
        name,
        segment,
        industry,
        accountManager: rng.pick(PEOPLE),
        email: `ap@${slug.slice(0, 20)}.example`,
        ...(strategic ? { strategic: true } : {}),
        ...(taxExempt ? { taxExempt: true } : {}),
      }
      plans.push(makePlan(rng, today, customer, n))
    }
  }
  return plans
}

export function makePlan(rng: Rng, today: string, customer: Customer, n: number): Plan {
  const skus = INDUSTRY_SKUS[customer.industry ?? 'retail'] ?? []
  const wanted = rng.shuffle(skus).slice(0, rng.int(3, Math.min(5, skus.length)))
  const items: CatalogItem[] = CATALOG.filter((c) => wanted.includes(c.sku))
  const discount =
    customer.segment === 'enterprise' ? rng.int(8, 18) : customer.segment === 'mid_market' ? rng.int(3, 10) : 0
  const startDate = addDays(today, -rng.int(600, 900))
  // About one contract in ten has ended a few months ago: the customer was not renewed.
  const ended = n % 9 === 4
  const endDate = ended
    ? addDays(today, -rng.int(70, 140))
    : rng.chance(0.5)
      ? addDays(today, rng.int(60, 500))
      : undefined
  const lateFee = rng.weighted([
    [{ percentPerMonth: '1.5', graceDays: 10 }, 3],
    [{ percentPerMonth: '2', graceDays: 0 }, 1],
    [{ percentPerMonth: '1', graceDays: 15 }, 1],
    [null, 4],
  ] as const)
  const contract: Contract = {
    id: `CT-${customer.id.slice(4)}`,
    customerId: customer.id,
    startDate,
    ...(endDate ? { endDate } : {}),
    currency: 'USD',
    paymentTermsDays: rng.pick(customer.segment === 'enterprise' ? [30, 45, 60] : [15, 30, 30]),
    poRequired: customer.segment === 'enterprise' ? rng.chance(0.8) : rng.chance(0.2),
    lateFee: lateFee ? { ...lateFee } : null,
    prices: items.map((it) => ({
      sku: it.sku,
      description: it.description,
      unitPrice: usd(Math.round((it.cents * (100 - discount)) / 100)),
      ...(it.unit ? { unit: it.unit } : {}),
    })),
    ...(discount ? { notes: `${discount}% off list on all catalogue items` } : {}),
  }
  const words = customer.name.replace(/[^A-Za-z ]/g, '').split(' ')
  return {
    customer,
    contract,
    items,
    taxRate: customer.taxExempt ? undefined : rng.pick(TAX_RATES),
    poPrefix: `PO-${words
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 3)
      .toUpperCase()}`,
    ordersPerMonth: customer.segment === 'enterprise' ? 2.4 : customer.segment === 'mid_market' ? 1.5 : 1,
    paysLate: rng.weighted([
      [[-5, 3], 4],
      [[-2, 12], 3],
      [[5, 40], 1],
    ] as const),
  }
}

export function priceOf(plan: Plan, sku: string): string {
  const p = plan.contract.prices.find((x) => x.sku === sku)
  if (!p) throw new Error(`no contract price for ${sku}`)
  return p.unitPrice
}
