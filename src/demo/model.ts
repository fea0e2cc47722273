/**
 * The generator's working state. Invoices are drafts whose numbers are given at the end, in issue
 * order, so planted duplicates get numbers a real ERP would have given them; records that point at
 * an invoice hold the draft itself until then.
 */
import type {
  Classification,
  Contract,
  Customer,
  Delivery,
  Invoice,
  Payment,
  PurchaseOrder,
  ReasonCode,
  ServiceLog,
} from '../core/ledger.ts'
import type { Rng } from './prng.ts'
import type { CatalogItem } from './words.ts'

export interface Plan {
  customer: Customer
  contract: Contract
  items: CatalogItem[]
  taxRate: string | undefined
  poPrefix: string
  /** Goods orders a month on average. */
  ordersPerMonth: number
  /** Days past the due date this customer usually pays (negative: early). */
  paysLate: readonly [number, number]
}

export type Linked<T extends { invoiceNumber?: unknown }> = Omit<T, 'invoiceNumber'> & { inv: Invoice | null }

export interface ManifestEntry {
  invoiceNumber: string
  reasonCode: ReasonCode
  expected: {
    classification: Classification
    /** What the evidence shows is not owed, when the customer disputes `disputedAmount`. */
    supportedAmount: string
    disputedAmount: string
    action: string
  }
  /** The line or fee the defect sits on, when it sits on one. */
  line?: number
  sku?: string
  /** The planted defect in words, for whoever writes an eval from it. */
  note: string
}

export interface World {
  rng: Rng
  today: string
  plans: Plan[]
  drafts: Invoice[]
  purchaseOrders: PurchaseOrder[]
  deliveries: Linked<Delivery>[]
  serviceLogs: Linked<ServiceLog>[]
  /** `remit` names the invoice in the payment's reference without applying the payment to it. */
  payments: (Linked<Payment> & { remit?: Invoice })[]
  manifest: (Omit<ManifestEntry, 'invoiceNumber'> & { inv: Invoice })[]
  counters: Map<string, number>
}

export function nextId(world: World, prefix: string, start: number, width = 5): string {
  const n = world.counters.get(prefix) ?? start
  world.counters.set(prefix, n + 1)
  return `${prefix}${String(n).padStart(width, '0')}`
}
