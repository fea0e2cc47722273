/** SQL rows → the ledger's types (src/core/ledger.ts). One place, so every read looks the same. */
import type {
  Contract,
  CreditMemo,
  Customer,
  Delivery,
  FxRate,
  Invoice,
  PastDispute,
  Payment,
  PurchaseOrder,
  ServiceLog,
} from '../../core/ledger.ts'
import { amount, num, opt, plainDecimal, present } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: rows are untyped by nature; each mapper names its columns.
type Row = Record<string, any>

export const customerOf = (r: Row): Customer =>
  present<Customer>({
    id: r.id,
    name: r.name,
    segment: r.segment,
    industry: r.industry,
    accountManager: r.account_manager,
    email: r.email,
    strategic: r.strategic,
    taxExempt: r.tax_exempt,
  })

export const contractOf = (r: Row, prices: Row[]): Contract =>
  present<Contract>({
    id: r.id,
    customerId: r.customer_id,
    startDate: r.start_date,
    endDate: r.end_date,
    currency: r.currency,
    paymentTermsDays: r.payment_terms_days,
    poRequired: r.po_required,
    // null is meaningful ("no late-fee clause"), so it is kept when stored as JSON null.
    lateFee: r.late_fee === null ? undefined : r.late_fee,
    prices: prices.map((p) =>
      present({ sku: p.sku, description: p.description, unitPrice: amount(p.unit_price, r.currency), unit: p.unit }),
    ),
    notes: r.notes,
  })

export const purchaseOrderOf = (r: Row, lines: Row[], home: string): PurchaseOrder =>
  present<PurchaseOrder>({
    number: r.number,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    currency: r.currency,
    status: r.status,
    lines: lines.map((l) =>
      present({
        sku: l.sku,
        description: l.description,
        quantity: num(l.quantity),
        unitPrice: amount(l.unit_price, r.currency ?? home),
      }),
    ),
  })

export const invoiceOf = (r: Row, lines: Row[], fees: Row[]): Invoice =>
  present<Invoice>({
    number: r.number,
    customerId: r.customer_id,
    contractId: r.contract_id,
    poNumber: r.po_number,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    servicePeriodStart: r.service_period_start,
    servicePeriodEnd: r.service_period_end,
    currency: r.currency,
    status: r.status,
    lines: lines.map((l) =>
      present({
        line: l.line,
        sku: l.sku,
        description: l.description,
        quantity: num(l.quantity),
        unitPrice: amount(l.unit_price, r.currency),
        taxRate: opt(l.tax_rate, plainDecimal),
      }),
    ),
    fees: fees.length
      ? fees.map((f) => present({ type: f.type, description: f.description, amount: amount(f.amount, r.currency) }))
      : undefined,
    total: amount(r.given_total ?? r.computed_total, r.currency),
  })

export const deliveryOf = (r: Row): Delivery =>
  present<Delivery>({
    id: r.id,
    invoiceNumber: r.invoice_number,
    poNumber: r.po_number,
    sku: r.sku,
    quantity: num(r.quantity),
    damagedQuantity: opt(r.damaged_quantity, num),
    deliveredDate: r.delivered_date,
    proofOfDelivery: r.proof_of_delivery,
  })

export const serviceLogOf = (r: Row): ServiceLog =>
  present<ServiceLog>({
    id: r.id,
    customerId: r.customer_id,
    invoiceNumber: r.invoice_number,
    sku: r.sku,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    quantity: num(r.quantity),
    status: r.status,
    notes: r.notes,
  })

export const paymentOf = (r: Row, remittance: Row[] = []): Payment =>
  present<Payment>({
    id: r.id,
    customerId: r.customer_id,
    invoiceNumber: r.invoice_number,
    amount: amount(r.amount, r.currency),
    currency: r.currency,
    date: r.date,
    method: r.method,
    reference: r.reference,
    remittance: remittance.length
      ? remittance.map((m) =>
          present({
            invoiceNumber: m.invoice_number,
            paid: amount(m.paid, r.currency),
            deducted: opt(m.deducted, (v) => amount(v, r.currency)),
            reasonText: m.reason_text,
          }),
        )
      : undefined,
  })

export const fxRateOf = (r: Row): FxRate => ({ currency: r.currency, rate: plainDecimal(r.rate), date: r.date })

export const creditMemoOf = (r: Row): CreditMemo =>
  present<CreditMemo>({
    number: r.number,
    invoiceNumber: r.invoice_number,
    amount: amount(r.amount, r.currency ?? 'USD'),
    date: r.date,
    reason: r.reason,
  })

export const pastDisputeOf = (r: Row): PastDispute =>
  present<PastDispute>({
    id: r.id,
    customerId: r.customer_id,
    invoiceNumber: r.invoice_number,
    openedDate: r.opened_date,
    resolvedDate: r.resolved_date,
    reasonCode: r.reason_code,
    description: r.description,
    disputedAmount: amount(r.disputed_amount, r.currency ?? 'USD'),
    classification: r.classification,
    action: r.action,
    creditedAmount: opt(r.credited_amount, (v) => amount(v, r.currency ?? 'USD')),
    rootCause: r.root_cause,
    department: r.department,
    escalated: r.escalated,
    csat: r.csat,
  })

/**
 * The columns the mappers above read, by table: plain, and NUMERIC (sent as text, as the text
 * protocol gives them: a JSON number is a double, NUMERIC(20, 4) has more digits). The reads that
 * bring rows as JSON (the customer history, invoice records, contracts with their prices) build each
 * object from these with `jsonRow`. ledger-reads.test.ts checks every column of these tables is
 * here or among the ones no mapper reads, so a column a migration adds is not silently left out.
 */
export const MAPPED_COLUMNS = {
  purchase_orders: { plain: ['number', 'customer_id', 'issue_date', 'currency', 'status'], numeric: [] },
  purchase_order_lines: { plain: ['sku', 'description'], numeric: ['quantity', 'unit_price'] },
  deliveries: {
    plain: ['id', 'invoice_number', 'po_number', 'sku', 'delivered_date', 'proof_of_delivery'],
    numeric: ['quantity', 'damaged_quantity'],
  },
  service_logs: {
    plain: ['id', 'customer_id', 'invoice_number', 'sku', 'period_start', 'period_end', 'status', 'notes'],
    numeric: ['quantity'],
  },
  payments: {
    plain: ['id', 'customer_id', 'invoice_number', 'currency', 'date', 'method', 'reference'],
    numeric: ['amount'],
  },
  payment_remittances: { plain: ['invoice_number', 'reason_text'], numeric: ['paid', 'deducted'] },
  // The currency is the invoice's, joined in.
  credit_memos: { plain: ['number', 'invoice_number', 'currency', 'date', 'reason'], numeric: ['amount'] },
  invoices: {
    plain: [
      'number',
      'customer_id',
      'contract_id',
      'po_number',
      'issue_date',
      'due_date',
      'service_period_start',
      'service_period_end',
      'currency',
      'status',
    ],
    numeric: ['given_total', 'computed_total'],
  },
  invoice_lines: { plain: ['line', 'sku', 'description'], numeric: ['quantity', 'unit_price', 'tax_rate'] },
  invoice_fees: { plain: ['type', 'description'], numeric: ['amount'] },
  contract_prices: { plain: ['sku', 'description', 'unit'], numeric: ['unit_price'] },
} satisfies Record<string, { plain: string[]; numeric: string[] }>

/**
 * A row of `table` (as `alias`) as a `json_build_object` of its mapped columns; `more` adds pairs
 * (nested lists). Aggregated with `json_agg`, not `to_jsonb(row)` patched with `||` as `jsonb`:
 * jsonb sorts and deduplicates every object's keys and is printed again as text at the end.
 */
export const jsonRow = (table: keyof typeof MAPPED_COLUMNS, alias: string, more: string[] = []) => {
  const { plain, numeric } = MAPPED_COLUMNS[table] as { plain: string[]; numeric: string[] }
  return `json_build_object(${[
    ...plain.map((c) => `'${c}', ${alias}.${c}`),
    ...numeric.map((c) => `'${c}', ${alias}.${c}::text`),
    ...more,
  ].join(', ')})`
}
