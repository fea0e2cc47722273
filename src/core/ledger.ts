/**
 * The ledger import format (`dispute-desk.ledger/v1`), declared once with zod. This schema is the
 * source of truth: the JSON Schema in shared/contract mirrors it, import validates with it, and the
 * core's types are inferred from it.
 */
import { z } from 'zod'
import { minorDigits } from './money.ts'

import { REASON_CODES } from './reason-codes.ts'

export { REASON_CODES }
export const ReasonCode = z.enum(REASON_CODES)
export type ReasonCode = z.infer<typeof ReasonCode>

export const CLASSIFICATIONS = ['valid', 'partial', 'invalid', 'needs_info'] as const
export const Classification = z.enum(CLASSIFICATIONS)
export type Classification = z.infer<typeof Classification>

export const ACTIONS = [
  'credit_memo',
  'cancel_and_rebill',
  'apply_payment',
  'no_adjustment',
  'request_information',
  'write_off',
  'goodwill_credit',
] as const
export const Action = z.enum(ACTIONS)
export type Action = z.infer<typeof Action>

const got = (input: unknown): string => (input === undefined ? 'nothing' : JSON.stringify(input))

export const Id = z
  .string({ error: (i) => `expected an id string, got ${got(i.input)}` })
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
export const IsoDate = z
  .string({ error: (i) => `expected a date "YYYY-MM-DD", got ${got(i.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'not a calendar date')
export const CurrencyCode = z
  .string({ error: (i) => `expected an ISO 4217 code like "USD", got ${got(i.input)}` })
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"')
export const Amount = z
  .string({ error: (i) => `expected a decimal string like "12.50", got ${got(i.input)}` })
  .regex(/^-?\d+(\.\d{1,4})?$/, 'expected a decimal string like "12.50"')
export const Quantity = z
  .number({ error: (i) => `expected a number of units, got ${got(i.input)}` })
  .min(0, 'must not be negative')
  .refine(Number.isFinite, 'must be finite')
const Rate = z
  .string({ error: (i) => `expected a fraction string like "0.0825", got ${got(i.input)}` })
  .regex(/^\d+(\.\d+)?$/, 'expected a fraction string like "0.0825"')

export const Policy = z.strictObject({
  escalationAmount: Amount.optional(),
  escalationDaysPastDue: z.number().int().min(0).optional(),
  repeatDisputeCount: z.number().int().min(1).optional(),
  repeatDisputeWindowDays: z.number().int().min(1).optional(),
  legalEscalationAmount: Amount.optional(),
  writeOffBelow: Amount.optional(),
  resolutionSlaBusinessDays: z.number().int().min(1).optional(),
  /** Company holidays skipped when counting business days, besides weekends. */
  holidays: z.array(IsoDate).optional(),
  /** A country, optionally with a region (GB, US-NY, DE-BY), whose public holidays are skipped too. */
  holidayCalendar: z
    .string({ error: (i) => `expected a country code like "GB" or "US-NY", got ${got(i.input)}` })
    .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, 'expected a country code like "GB" or "US-NY"')
    .optional(),
  approvalLimits: z
    .strictObject({ specialist: Amount.optional(), lead: Amount.optional(), finance_controller: Amount.optional() })
    .optional(),
})
export type PolicyInput = z.infer<typeof Policy>

/** 1 unit of `currency` is `rate` units of the company currency from `date` on. */
export const FxRate = z.strictObject({
  currency: CurrencyCode,
  rate: z
    .string({ error: (i) => `expected a decimal rate like "0.0067", got ${got(i.input)}` })
    .regex(/^\d+(\.\d{1,10})?$/, 'expected a decimal rate like "0.0067" (at most 10 decimals)'),
  date: IsoDate,
})
export type FxRate = z.infer<typeof FxRate>

export const Customer = z.strictObject({
  id: Id,
  name: z.string().min(1),
  segment: z.string().optional(),
  industry: z.string().optional(),
  accountManager: z.string().optional(),
  email: z.string().optional(),
  strategic: z.boolean().optional(),
  taxExempt: z.boolean().optional(),
})
export type Customer = z.infer<typeof Customer>

export const PriceLine = z.strictObject({
  sku: z.string().min(1),
  description: z.string().optional(),
  unitPrice: Amount,
  unit: z.string().optional(),
})
export type PriceLine = z.infer<typeof PriceLine>

export const Contract = z.strictObject({
  id: Id,
  customerId: Id,
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  currency: CurrencyCode,
  paymentTermsDays: z.number().int().min(0),
  poRequired: z.boolean().optional(),
  lateFee: z
    .strictObject({ percentPerMonth: Amount, graceDays: z.number().int().min(0).optional() })
    .nullable()
    .optional(),
  prices: z.array(PriceLine),
  notes: z.string().optional(),
})
export type Contract = z.infer<typeof Contract>

export const PurchaseOrder = z.strictObject({
  number: Id,
  customerId: Id,
  issueDate: IsoDate,
  currency: CurrencyCode.optional(),
  status: z.enum(['open', 'closed', 'cancelled']).optional(),
  lines: z.array(
    z.strictObject({
      sku: z.string().min(1),
      description: z.string().optional(),
      quantity: Quantity,
      unitPrice: Amount,
    }),
  ),
})
export type PurchaseOrder = z.infer<typeof PurchaseOrder>

export const InvoiceLine = z.strictObject({
  line: z.number().int().min(1),
  sku: z.string().min(1),
  description: z.string().optional(),
  quantity: Quantity,
  unitPrice: Amount,
  taxRate: Rate.optional(),
})
export type InvoiceLine = z.infer<typeof InvoiceLine>

export const FEE_TYPES = ['late_fee', 'freight', 'service_fee', 'other'] as const
export const Fee = z.strictObject({
  type: z.enum(FEE_TYPES),
  description: z.string().optional(),
  amount: Amount,
})
export type Fee = z.infer<typeof Fee>

export const Invoice = z.strictObject({
  number: Id,
  customerId: Id,
  contractId: z.string().nullable().optional(),
  poNumber: z.string().nullable().optional(),
  issueDate: IsoDate,
  dueDate: IsoDate,
  servicePeriodStart: IsoDate.optional(),
  servicePeriodEnd: IsoDate.optional(),
  currency: CurrencyCode,
  status: z.enum(['open', 'paid', 'partially_paid', 'void']).optional(),
  lines: z.array(InvoiceLine).min(1, 'an invoice needs at least one line'),
  fees: z.array(Fee).optional(),
  total: Amount.optional(),
})
export type Invoice = z.infer<typeof Invoice>

export const Delivery = z.strictObject({
  id: Id,
  invoiceNumber: z.string().optional(),
  poNumber: z.string().optional(),
  sku: z.string().min(1),
  quantity: Quantity,
  damagedQuantity: Quantity.optional(),
  deliveredDate: IsoDate,
  proofOfDelivery: z.string().optional(),
})
export type Delivery = z.infer<typeof Delivery>

export const ServiceLog = z.strictObject({
  id: Id,
  customerId: Id,
  invoiceNumber: z.string().optional(),
  sku: z.string().min(1),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  quantity: Quantity,
  status: z.enum(['rendered', 'partial', 'not_rendered']),
  notes: z.string().optional(),
})
export type ServiceLog = z.infer<typeof ServiceLog>

export const Remittance = z.strictObject({
  invoiceNumber: z.string(),
  paid: Amount,
  deducted: Amount.optional(),
  /** As the customer wrote it: 'SHORT 4 CTNS', 'PRICE DIFF', '12 DAMAGED'. */
  reasonText: z.string().optional(),
})
export type Remittance = z.infer<typeof Remittance>

export const Payment = z.strictObject({
  id: Id,
  customerId: Id,
  invoiceNumber: z.string().nullable().optional(),
  amount: Amount,
  currency: CurrencyCode,
  date: IsoDate,
  method: z.string().optional(),
  reference: z.string().optional(),
  /** The customer's remittance advice: what was paid and deducted on each invoice, in their words. */
  remittance: z.array(Remittance).optional(),
})
export type Payment = z.infer<typeof Payment>

export const CreditMemo = z.strictObject({
  number: Id,
  invoiceNumber: z.string(),
  amount: Amount,
  date: IsoDate,
  reason: z.string().optional(),
})
export type CreditMemo = z.infer<typeof CreditMemo>

export const PastDispute = z.strictObject({
  id: Id,
  customerId: Id,
  invoiceNumber: z.string().optional(),
  openedDate: IsoDate,
  resolvedDate: IsoDate.optional(),
  reasonCode: ReasonCode,
  description: z.string().min(1),
  disputedAmount: Amount,
  classification: Classification.optional(),
  action: Action.optional(),
  creditedAmount: Amount.optional(),
  rootCause: z.string().optional(),
  department: z.string().optional(),
  escalated: z.boolean().optional(),
  csat: z.number().int().min(1).max(5).optional(),
})
export type PastDispute = z.infer<typeof PastDispute>

export const LEDGER_FORMAT = 'dispute-desk.ledger/v1'

const LedgerShape = z.strictObject({
  format: z.literal(LEDGER_FORMAT, { error: `expected "${LEDGER_FORMAT}"` }),
  company: z
    .strictObject({ name: z.string().min(1), currency: CurrencyCode.optional(), erp: z.string().optional() })
    .optional(),
  policy: Policy.optional(),
  fxRates: z.array(FxRate).optional(),
  customers: z.array(Customer),
  contracts: z.array(Contract).optional(),
  purchaseOrders: z.array(PurchaseOrder).optional(),
  invoices: z.array(Invoice),
  deliveries: z.array(Delivery).optional(),
  serviceLogs: z.array(ServiceLog).optional(),
  payments: z.array(Payment).optional(),
  creditMemos: z.array(CreditMemo).optional(),
  pastDisputes: z.array(PastDispute).optional(),
})
export type Ledger = z.infer<typeof LedgerShape>

/**
 * The currency policy amounts are stated in: `company.currency`, else the currency of the ledger's
 * invoices (the most frequent, when they differ), else USD.
 */
export function homeCurrency(ledger: Pick<Ledger, 'company' | 'invoices'>): string {
  if (ledger.company?.currency) return ledger.company.currency
  const counts = new Map<string, number>()
  for (const inv of ledger.invoices) counts.set(inv.currency, (counts.get(inv.currency) ?? 0) + 1)
  let best = 'USD'
  let n = 0
  for (const [cur, c] of counts) if (c > n) [best, n] = [cur, c]
  return best
}

type Path = (string | number)[]
type AddIssue = (path: Path, message: string) => void

function checkDigits(add: AddIssue, path: Path, amount: string | undefined, currency: string): void {
  if (amount === undefined) return
  const frac = (amount.split('.')[1] ?? '').replace(/0+$/, '')
  const digits = minorDigits(currency)
  if (frac.length > digits) add(path, `${currency} has ${digits} decimal digits; "${amount}" has more`)
}

/**
 * Cross-record rules the JSON Schema cannot say: amounts fit their currency's minor digits. Totals
 * and references are checked by the import (they need the core's arithmetic and the database).
 */
function checkCurrencies(ledger: Ledger, add: AddIssue): void {
  const home = homeCurrency(ledger)
  const policy = ledger.policy
  for (const key of ['escalationAmount', 'legalEscalationAmount', 'writeOffBelow'] as const) {
    checkDigits(add, ['policy', key], policy?.[key], home)
  }
  for (const key of ['specialist', 'lead', 'finance_controller'] as const) {
    checkDigits(add, ['policy', 'approvalLimits', key], policy?.approvalLimits?.[key], home)
  }
  ledger.contracts?.forEach((c, i) => {
    c.prices.forEach((p, j) => checkDigits(add, ['contracts', i, 'prices', j, 'unitPrice'], p.unitPrice, c.currency))
  })
  ledger.purchaseOrders?.forEach((po, i) => {
    po.lines.forEach((l, j) =>
      checkDigits(add, ['purchaseOrders', i, 'lines', j, 'unitPrice'], l.unitPrice, po.currency ?? home),
    )
  })
  const invoiceCurrency = new Map<string, string>()
  ledger.invoices.forEach((inv, i) => {
    invoiceCurrency.set(inv.number, inv.currency)
    inv.lines.forEach((l, j) => checkDigits(add, ['invoices', i, 'lines', j, 'unitPrice'], l.unitPrice, inv.currency))
    inv.fees?.forEach((f, j) => checkDigits(add, ['invoices', i, 'fees', j, 'amount'], f.amount, inv.currency))
    checkDigits(add, ['invoices', i, 'total'], inv.total, inv.currency)
  })
  ledger.payments?.forEach((p, i) => {
    checkDigits(add, ['payments', i, 'amount'], p.amount, p.currency)
    p.remittance?.forEach((r, j) => {
      checkDigits(add, ['payments', i, 'remittance', j, 'paid'], r.paid, p.currency)
      checkDigits(add, ['payments', i, 'remittance', j, 'deducted'], r.deducted, p.currency)
    })
  })
  ledger.creditMemos?.forEach((cm, i) => {
    checkDigits(add, ['creditMemos', i, 'amount'], cm.amount, invoiceCurrency.get(cm.invoiceNumber) ?? home)
  })
  ledger.pastDisputes?.forEach((d, i) => {
    const cur = (d.invoiceNumber && invoiceCurrency.get(d.invoiceNumber)) || home
    checkDigits(add, ['pastDisputes', i, 'disputedAmount'], d.disputedAmount, cur)
    checkDigits(add, ['pastDisputes', i, 'creditedAmount'], d.creditedAmount, cur)
  })
}

export const LedgerSchema = LedgerShape.superRefine((ledger, ctx) =>
  checkCurrencies(ledger, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
)

/** One validation problem, with the path written as people read it: `invoices[3].lines[0].unitPrice`. */
export interface FieldError {
  path: string
  message: string
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out || '(root)'
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
}

export type LedgerParse = { ok: true; ledger: Ledger } | { ok: false; errors: FieldError[] }

/** Validates a parsed JSON value as a ledger, reporting every error at once. */
export function parseLedger(value: unknown): LedgerParse {
  const r = LedgerSchema.safeParse(value)
  return r.success ? { ok: true, ledger: r.data } : { ok: false, errors: fieldErrors(r.error) }
}
