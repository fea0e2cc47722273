/**
 * The demo ledger grown to a company's size (`npm run bench:scale`: 100,000 customers and 1,000,000
 * invoices): the demo itself (its planted defects and past disputes, so the bench's turns are the
 * demo's), then ordinary customers billed the demo's way, handed out in chunks of whole customers so
 * a caller imports a million invoices without ever holding them. Deterministic: each added customer
 * draws from its own stream and takes a fixed slice of the invoice numbers, so the records are the
 * same whatever the chunk size, and a chunk can be rebuilt without the ones before it.
 */
import { addDays } from '../core/dates.ts'
import type { Customer, Ledger, PastDispute } from '../core/ledger.ts'
import { LEDGER_FORMAT } from '../core/ledger.ts'
import { goodsOrder, isActive, MONTHS_OF_HISTORY, monthEnd, monthStart, serviceInvoice, settle } from './billing.ts'
import { makePlan, SEGMENTS } from './customers.ts'
import { type Demo, generateDemo, ledgerRecords } from './generate.ts'
import type { Plan, World } from './model.ts'
import { oneDispute } from './past-disputes.ts'
import { Rng } from './prng.ts'
import { INDUSTRY_NOUNS, PEOPLE, SUFFIXES } from './words.ts'

export interface ScaleOptions {
  seed?: number
  today?: string
  /** Customers in all, the demo's included. */
  customers: number
  /** Invoices in all, the demo's included. */
  invoices: number
  /** Added customers per chunk (default 1,000: about 10,000 invoices at the full size). */
  chunkCustomers?: number
  /** Share of an added customer's older invoices that were disputed and resolved (default 0.01). */
  pastDisputeShare?: number
  /** The demo of this seed and day when the caller has it already (it takes seconds to generate). */
  demo?: Demo
}

export interface Scale {
  /** The demo, imported first: its manifest names the invoices the bench disputes. */
  demo: Demo
  /** Customers and invoices the chunks add: the totals asked for, less the demo's. */
  added: { customers: number; invoices: number }
  /** Ledgers of whole customers with everything that points at them; no company, no policy. */
  chunks(): Generator<Ledger>
}

/** Added invoices are numbered from here: 7 digits, after the demo's 6, in one series per customer. */
export const FIRST_SCALE_INVOICE = 2_000_000

export function generateScale(options: ScaleOptions): Scale {
  const { seed = 42, today = '2026-11-23', chunkCustomers = 1_000, pastDisputeShare = 0.01 } = options
  const demo = options.demo ?? generateDemo({ seed, today })
  const customers = options.customers - demo.ledger.customers.length
  const invoices = options.invoices - demo.ledger.invoices.length
  if (customers < 0 || invoices < 0 || (customers === 0 && invoices > 0))
    throw new Error(
      `a scale ledger needs at least the demo's ${demo.ledger.customers.length} customers and ${demo.ledger.invoices.length} invoices`,
    )
  // Not forked from the demo's streams: growing the ledger leaves the demo byte for byte as it was.
  const root = new Rng(seed).fork('scale')
  const names = new Set(demo.ledger.customers.map((c) => c.name))
  /** The first added invoice number of customer j, so its share is quota(j + 1) - quota(j). */
  const quota = (j: number) => Math.floor((j * invoices) / customers)
  return {
    demo,
    added: { customers, invoices },
    *chunks() {
      for (let from = 0; from < customers; from += chunkCustomers) {
        const chunk = emptyChunk()
        for (let j = from; j < Math.min(customers, from + chunkCustomers); j++) {
          const one = addedCustomer(root.fork(`customer ${j}`), today, j, names, pastDisputeShare)
          one.bill(quota(j + 1) - quota(j), FIRST_SCALE_INVOICE + quota(j))
          one.into(chunk)
        }
        yield chunk
      }
    },
  }
}

type Chunk = Ledger & Required<Pick<Ledger, 'contracts' | 'purchaseOrders' | 'deliveries' | 'serviceLogs'>>

function emptyChunk(): Chunk {
  return {
    format: LEDGER_FORMAT,
    customers: [],
    contracts: [],
    purchaseOrders: [],
    invoices: [],
    deliveries: [],
    serviceLogs: [],
    payments: [],
    pastDisputes: [],
  }
}

const ONSETS = 'Kal Ves Dor Mar Tal Bren Cor Fen Hal Jor Lin Mor Nor Pel Quin Ros Sel Tor Val Wyn Ys Zan Ash Bel'
const MIDDLES = ' er an el in or'
const ENDINGS =
  'dale more wick ton ford brook field mont haven ley stead worth by gate hurst mere ridge shaw thorpe vale'

/** An invented place-like word ("Kalerbrook"): 2,880 of them, so 100,000 names stay distinct. */
function placeWord(rng: Rng): string {
  return `${rng.pick(ONSETS.split(' '))}${rng.pick(MIDDLES.split(' '))}${rng.pick(ENDINGS.split(' '))}`
}

function addedCustomer(rng: Rng, today: string, j: number, names: Set<string>, pastShare: number) {
  const industries = Object.keys(INDUSTRY_NOUNS)
  const industry = rng.pick(industries)
  const segment = rng.weighted(SEGMENTS.map(([s, n]) => [s, n] as const))
  let name = ''
  do {
    const suffix = rng.pick(SUFFIXES)
    name = `${placeWord(rng)} ${rng.pick(INDUSTRY_NOUNS[industry] ?? ['Group'])}${suffix ? ` ${suffix}` : ''}`
  } while (names.has(name))
  names.add(name)
  const key = `S${String(j + 1).padStart(6, '0')}`
  const strategic = segment === 'enterprise' ? rng.chance(0.5) : segment === 'mid_market' && rng.chance(0.1)
  const taxExempt = industry === 'healthcare' ? rng.chance(0.6) : rng.chance(0.06)
  const customer: Customer = {
    id: `CUS-${key}`,
    name,
    segment,
    industry,
    accountManager: rng.pick(PEOPLE),
    email: `ap@${name
      .toLowerCase()
      .replace(/[^a-z]+/g, '')
      .slice(0, 20)}.example`,
    ...(strategic ? { strategic: true } : {}),
    ...(taxExempt ? { taxExempt: true } : {}),
  }
  // One PO series per customer: initials, as the demo has them, would repeat across 100,000 customers.
  const plan: Plan = { ...makePlan(rng, today, customer, j + 1), poPrefix: `PO-${key}` }
  const world: World = {
    rng,
    today,
    plans: [plan],
    drafts: [],
    purchaseOrders: [],
    deliveries: [],
    serviceLogs: [],
    payments: [],
    manifest: [],
    counters: new Map(),
  }
  const past: PastDispute[] = []
  return {
    bill(count: number, firstNumber: number) {
      billCustomer(world, plan, count)
      for (const inv of world.drafts) settle(world, inv)
      world.drafts.sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0))
      world.drafts.forEach((inv, k) => {
        inv.number = `INV-${firstNumber + k}`
      })
      const cutoff = addDays(today, -130)
      for (const inv of world.drafts)
        if (inv.issueDate < cutoff && rng.chance(pastShare))
          past.push({ id: `DSP-${key}-${past.length + 1}`, ...oneDispute(world, plan, inv) })
    },
    into(chunk: Chunk) {
      chunk.customers.push(customer)
      chunk.contracts.push(plan.contract)
      const records = ledgerRecords(world)
      // billing.ts numbers these records from one series per world: here, one per customer.
      const own = <T extends { id: string }>(r: T): T => ({ ...r, id: r.id.replace(/^([A-Z]+)-/, `$1-${key}-`) })
      chunk.invoices.push(...records.invoices)
      chunk.purchaseOrders.push(...records.purchaseOrders)
      chunk.deliveries.push(...records.deliveries.map(own))
      chunk.serviceLogs.push(...records.serviceLogs.map(own))
      chunk.payments?.push(...records.payments.map(own))
      chunk.pastDisputes?.push(...past)
    },
  }
}

/**
 * `count` invoices spread over the months the contract was active: a service invoice at most once a
 * month (two in one month would be a duplicate billing), goods orders on any day of a month.
 */
function billCustomer(world: World, plan: Plan, count: number): void {
  const { rng, today } = world
  const lastDay = addDays(today, -2)
  const months: string[] = []
  for (let k = MONTHS_OF_HISTORY - 1; k >= 0; k--) {
    const start = monthStart(today, k)
    if (isActive(plan, start) && start <= lastDay) months.push(start)
  }
  const services = plan.items.filter((i) => i.kind === 'service')
  const goods = plan.items.filter((i) => i.kind === 'goods')
  let serviceMonths = rng.shuffle(months)
  for (let n = 0; n < count; n++) {
    const service = services.length > 0 && (goods.length === 0 || (serviceMonths.length > 0 && rng.chance(0.35)))
    if (service) {
      // A services-only customer with more invoices than months starts the months over.
      if (!serviceMonths.length) serviceMonths = rng.shuffle(months)
      const start = serviceMonths.pop() as string
      const skus = services.slice(0, 2).map((s) => s.sku)
      serviceInvoice(world, plan, start, monthEnd(start), skus)
      continue
    }
    const start = rng.pick(months)
    const day = addDays(start, rng.int(0, 27))
    goodsOrder(world, plan, day <= lastDay && isActive(plan, day) ? day : start, goods)
  }
}
