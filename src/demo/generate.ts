/**
 * The demo ledger: a deterministic company with eighteen months of billing, planted defects of every
 * reason (with a manifest evals can be written from) and a history of resolved disputes. Same seed,
 * same ledger, byte for byte; nothing reads the clock.
 */
import { invoiceFigures } from '../core/invoice-math.ts'
import { type Invoice, LEDGER_FORMAT, type Ledger, type Payment } from '../core/ledger.ts'
import { moneyOf, toDecimal } from '../core/money.ts'
import { DEFAULT_POLICY } from '../core/policy.ts'
import { billAll } from './billing.ts'
import { makePlans } from './customers.ts'
import { plantDefects } from './defects.ts'
import type { ManifestEntry, World } from './model.ts'
import { pastDisputes } from './past-disputes.ts'
import { Rng } from './prng.ts'

export type { ManifestEntry } from './model.ts'

export interface DemoOptions {
  seed?: number
  /** The demo's today, "YYYY-MM-DD": the newest invoices are a few days older. */
  today?: string
}

export interface Demo {
  ledger: Ledger
  manifest: ManifestEntry[]
}

export const FIRST_INVOICE_NUMBER = 100234

export function generateDemo({ seed = 42, today = '2026-11-23' }: DemoOptions = {}): Demo {
  const rng = new Rng(seed)
  const world: World = {
    rng: rng.fork('billing'),
    today,
    plans: makePlans(rng.fork('customers'), today),
    drafts: [],
    purchaseOrders: [],
    deliveries: [],
    serviceLogs: [],
    payments: [],
    manifest: [],
    counters: new Map(),
  }
  billAll(world)
  world.rng = rng.fork('defects')
  plantDefects(world)
  numberInvoices(world.drafts)
  world.rng = rng.fork('disputes')
  const disputes = pastDisputes(world)

  const { invoices, purchaseOrders, deliveries, serviceLogs, payments } = ledgerRecords(world)
  const ledger: Ledger = {
    format: LEDGER_FORMAT,
    company: { name: 'Meridian Industrial Supply Co.', currency: 'USD', erp: 'NetSuite' },
    // The demo company runs on DOMAIN.md's default policy, written out so the ledger file shows it.
    policy: { ...DEFAULT_POLICY, approvalLimits: { ...DEFAULT_POLICY.approvalLimits } },
    customers: world.plans.map((p) => p.customer),
    contracts: world.plans.map((p) => p.contract),
    purchaseOrders,
    invoices,
    deliveries,
    serviceLogs,
    payments,
    pastDisputes: disputes,
  }
  const manifest = world.manifest.map(({ inv, ...m }) => ({ invoiceNumber: inv.number, ...m }))
  return { ledger, manifest }
}

export function generateDemoLedger(options: DemoOptions = {}): Ledger {
  return generateDemo(options).ledger
}

/**
 * The world's drafts and the records pointing at them as ledger records: invoices with their status
 * from the payments, purchase orders closed once billed and paid, payments in date order.
 */
export function ledgerRecords(
  world: World,
): Pick<Required<Ledger>, 'invoices' | 'purchaseOrders' | 'deliveries' | 'serviceLogs' | 'payments'> {
  const link = <T extends { inv: Invoice | null }>({ inv, ...rest }: T) => ({
    ...rest,
    ...(inv ? { invoiceNumber: inv.number } : {}),
  })
  // An unapplied remittance names the invoice only in its reference: cash application never matched it.
  const payments: Payment[] = world.payments.map(({ remit, inv, ...p }) =>
    remit
      ? { ...p, invoiceNumber: null, reference: `Remittance for ${remit.number}` }
      : { ...p, ...(inv ? { invoiceNumber: inv.number } : {}) },
  )
  const invoices = world.drafts.map((inv) => withStatus(inv, payments))
  return {
    invoices,
    purchaseOrders: world.purchaseOrders.map((po) => closeIfBilled(po, invoices)),
    deliveries: world.deliveries.map(link),
    serviceLogs: world.serviceLogs.map(link),
    payments: payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  }
}

/** ERP numbering: sequential in issue order. */
function numberInvoices(drafts: Invoice[]): void {
  const order = drafts.map((inv, i) => [inv, i] as const)
  order.sort(([a, i], [b, j]) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : i - j))
  drafts.length = 0
  order.forEach(([inv], k) => {
    inv.number = `INV-${FIRST_INVOICE_NUMBER + k}`
    drafts.push(inv)
  })
}

function withStatus(inv: Invoice, payments: { invoiceNumber?: string | null; amount: string }[]): Invoice {
  const total = invoiceFigures(inv).total
  const paid = payments
    .filter((p) => p.invoiceNumber === inv.number)
    .reduce((s, p) => s + moneyOf(p.amount, 'USD').minor, 0n)
  const status = paid === 0n ? 'open' : paid >= total.minor ? 'paid' : 'partially_paid'
  return { ...inv, status, total: toDecimal(total) }
}

function closeIfBilled<T extends { number: string }>(po: T, invoices: Invoice[]): T & { status: 'open' | 'closed' } {
  const inv = invoices.find((i) => i.poNumber === po.number)
  return { ...po, status: inv?.status === 'paid' ? 'closed' : 'open' }
}
