/**
 * ERP invoice/payment exports (NetSuite, QuickBooks or a custom mapping) → a v1 ledger. One row is one
 * invoice line; rows sharing an invoice number become one invoice. Payment rows (a Type of "Payment",
 * or QuickBooks' Payment column) become payments. Every problem is collected, named by row and
 * column, and returned at once; nothing is guessed silently.
 */
import { invoiceFigures } from '../../core/invoice-math.ts'
import {
  type Customer,
  type Invoice,
  LEDGER_FORMAT,
  type Ledger,
  type Payment,
  type Remittance,
} from '../../core/ledger.ts'
import { add, moneyOf, toDecimal, zero } from '../../core/money.ts'
import { checkedLedger, readCsv, type CsvIssue } from './csv-rows.ts'
import { rowReader } from './row-reader.ts'
import {
  type ColumnMapping,
  dateOrderOf,
  detectMapping,
  missingRequired,
  PRESETS,
  parseMapping,
  resolveColumns,
  type ResolvedColumns,
} from './mappings.ts'

export type { CsvIssue } from './csv-rows.ts'

export interface CsvImportOptions {
  /** 'auto' (default) detects the layout from the header row; a preset name, a mapping, or mapping JSON. */
  mapping?: 'auto' | 'netsuite' | 'quickbooks' | ColumnMapping | string
  /** Currency of rows without a currency column; USD when not given. */
  currency?: string
  /** The company whose books these are; absent, the ledger names none (an export does not say). */
  companyName?: string
}

export interface CsvImportReport {
  mapping: string
  rows: number
  invoices: number
  lines: number
  customers: number
  payments: number
  /** Rows deliberately not imported (other transaction types), with the reason. */
  skipped: CsvIssue[]
}

export type CsvImportResult = { ok: true; ledger: Ledger; report: CsvImportReport } | { ok: false; errors: CsvIssue[] }

function chooseMapping(
  option: CsvImportOptions['mapping'],
  headers: string[],
): { ok: true; mapping: ColumnMapping; columns: ResolvedColumns } | { ok: false; errors: CsvIssue[] } {
  const fail = (message: string) => ({ ok: false as const, errors: [{ row: 1, column: null, message }] })
  if (option === undefined || option === 'auto') {
    const d = detectMapping(headers)
    return d.ok ? d : fail(d.message)
  }
  let mapping: ColumnMapping
  if (typeof option === 'string' && PRESETS[option]) mapping = PRESETS[option]
  else {
    const p = parseMapping(option)
    if (!p.ok) return { ok: false, errors: p.errors.map((message) => ({ row: 0, column: null, message })) }
    mapping = p.mapping
  }
  const columns = resolveColumns(mapping, headers)
  const missing = missingRequired(columns)
  if (missing.length > 0) {
    return fail(
      `the ${mapping.name} mapping finds no column for ${missing.join(', ')} in the headers (${headers.join(', ')})`,
    )
  }
  return { ok: true, mapping, columns }
}

/** A stable customer id from a name when the export has no id column. */
export function customerIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toUpperCase()
    .slice(0, 56)
  return `CUST-${slug || 'UNNAMED'}`
}

interface InvoiceDraft {
  invoice: Invoice
  firstRow: number
  openBalance?: { value: string; row: number }
}

export function csvToLedger(text: string, options: CsvImportOptions = {}): CsvImportResult {
  const table = readCsv(text)
  if (!table.ok) return table
  const chosen = chooseMapping(options.mapping, table.headers)
  if (!chosen.ok) return chosen
  const { mapping, columns } = chosen
  const errors: CsvIssue[] = []
  const skipped: CsvIssue[] = []
  const customers = new Map<string, Customer>()
  const drafts = new Map<string, InvoiceDraft>()
  const payments: Payment[] = []
  const defaultCurrency = options.currency ?? 'USD'

  for (const row of table.rows) {
    const r = rowReader(row, columns, { dateOrder: dateOrderOf(mapping), taxCodes: mapping.taxCodes ?? {} }, errors)
    const type = r.text('type').toLowerCase()
    const isPayment = /payment/.test(type)
    if (type && !isPayment && !/invoice|^inv$/.test(type)) {
      skipped.push({
        row: row.row,
        column: columns.type?.header ?? null,
        message: `transaction type "${r.text('type')}" is not imported`,
      })
      continue
    }
    const customerName = r.text('customer') || r.text('customerId')
    const customerId = r.text('customerId') || (customerName ? customerIdFromName(customerName) : '')
    if (!customerId) r.problem(columns.customer ? 'customer' : 'customerId', 'is empty: every row needs its customer')
    else if (!customers.has(customerId)) customers.set(customerId, { id: customerId, name: customerName })
    const currency = r.text('currency').toUpperCase() || defaultCurrency
    const date = r.date('date', true)

    if (isPayment) {
      const amount = r.amount(columns.paymentAmount ? 'paymentAmount' : 'amount', currency, true)
      const remittance = remittanceOf(r, currency, amount)
      if (!date || !amount || !customerId || remittance === null) continue
      payments.push({
        id: r.text('invoiceNumber') || `PAY-${row.row}`,
        customerId,
        invoiceNumber: r.text('appliedTo') || null,
        amount: amount.replace(/^-/, ''),
        currency,
        date,
        method: r.text('type') || undefined,
        reference: r.text('paymentReference') || r.text('poNumber') || undefined,
        ...(remittance ? { remittance: [remittance] } : {}),
      })
      continue
    }

    const number = r.text('invoiceNumber')
    if (!number) r.problem('invoiceNumber', 'is empty: every invoice line needs its invoice number')
    const dueDate = r.dueDate(date)
    const line = r.line(currency)
    const paid = columns.paymentAmount ? r.amount('paymentAmount', currency, false) : undefined
    const open = columns.openBalance ? r.amount('openBalance', currency, false) : undefined
    if (!number || !customerId || !date || !dueDate || !line) continue

    let draft = drafts.get(number)
    if (!draft) {
      const po = r.text('poNumber')
      draft = {
        firstRow: row.row,
        invoice: { number, customerId, poNumber: po || null, issueDate: date, dueDate, currency, lines: [] },
      }
      drafts.set(number, draft)
    } else {
      const inv = draft.invoice
      const clash = (field: 'customer' | 'customerId' | 'date' | 'dueDate' | 'currency', was: string, now: string) => {
        if (was !== now) r.problem(field, `invoice ${number} has "${was}" on row ${draft?.firstRow}, "${now}" here`)
      }
      clash(columns.customer ? 'customer' : 'customerId', inv.customerId, customerId)
      clash('date', inv.issueDate, date)
      clash('dueDate', inv.dueDate, dueDate)
      clash('currency', inv.currency, currency)
    }
    draft.invoice.lines.push({ ...line, line: draft.invoice.lines.length + 1 })
    if (open && !draft.openBalance) draft.openBalance = { value: open, row: row.row }
    if (paid && moneyOf(paid, currency).minor !== 0n && !payments.some((p) => p.invoiceNumber === number)) {
      const ref = r.text('paymentReference')
      payments.push({
        id: `PAY-${number}${ref ? `-${ref}` : ''}`.slice(0, 64),
        customerId,
        invoiceNumber: number,
        amount: paid.replace(/^-/, ''),
        currency,
        date,
        reference: ref || undefined,
      })
    }
  }

  // Where a customer has payments the export applies to no invoice, which invoices they paid is unknown.
  const unapplied = new Set(payments.filter((p) => !p.invoiceNumber).map((p) => p.customerId))
  const invoices = [...drafts.values()].map((d) => finishInvoice(d, payments, unapplied))
  if (errors.length > 0) return { ok: false, errors }
  const company = options.companyName
    ? { company: { name: options.companyName, currency: defaultCurrency, erp: mapping.name } }
    : {}
  const ledger = {
    format: LEDGER_FORMAT,
    ...company,
    customers: [...customers.values()],
    invoices,
    payments,
  }
  const parsed = checkedLedger(ledger)
  if (!parsed.ok) return parsed
  return {
    ok: true,
    ledger: parsed.ledger,
    report: {
      mapping: mapping.name,
      rows: table.rows.length,
      invoices: invoices.length,
      lines: invoices.reduce((n, i) => n + i.lines.length, 0),
      customers: customers.size,
      payments: payments.length,
      skipped,
    },
  }
}

/**
 * Total from the lines (the one rounding rule); status from the export's open balance, else from
 * payments. An open balance lower than the payments explain means the ERP knows of payments the
 * export does not list: one payment `PAY-<invoice>-BALANCE` stands for them, so the stored balance is
 * the ERP's; a later export with another balance changes that payment's amount on re-import. Not
 * when the customer has payments the export leaves unapplied: those may be the ones.
 */
function finishInvoice(draft: InvoiceDraft, payments: Payment[], unapplied: ReadonlySet<string>): Invoice {
  const inv = draft.invoice
  const total = invoiceFigures(inv).total
  const paid = payments
    .filter((p) => p.invoiceNumber === inv.number && p.currency === inv.currency)
    .reduce((s, p) => add(s, moneyOf(p.amount, inv.currency)), zero(inv.currency))
  let open = { minor: total.minor - paid.minor, currency: inv.currency }
  if (draft.openBalance) {
    const exported = moneyOf(draft.openBalance.value, inv.currency)
    const unlisted = open.minor - exported.minor
    if (unlisted > 0n && !unapplied.has(inv.customerId)) {
      payments.push({
        id: `PAY-${inv.number}-BALANCE`.slice(0, 64),
        customerId: inv.customerId,
        invoiceNumber: inv.number,
        amount: toDecimal({ minor: unlisted, currency: inv.currency }),
        currency: inv.currency,
        date: inv.issueDate,
        reference: `open balance ${draft.openBalance.value} in the export (row ${draft.openBalance.row})`,
      })
    }
    open = exported
  }
  const status = open.minor <= 0n ? 'paid' : open.minor >= total.minor ? 'open' : 'partially_paid'
  return { ...inv, status, total: toDecimal(total) }
}

/**
 * The remittance line of a payment row that deducted something from the invoice it is applied to
 * (DOMAIN.md, Deductions): undefined when nothing was deducted, null after recording a problem.
 */
function remittanceOf(
  r: ReturnType<typeof rowReader>,
  currency: string,
  paid: string | undefined,
): Remittance | undefined | null {
  const deducted = r.amount('deductedAmount', currency, false)?.replace(/^-/, '')
  if (!deducted || moneyOf(deducted, currency).minor === 0n) return undefined
  const invoiceNumber = r.text('appliedTo')
  if (!invoiceNumber) {
    r.problem('appliedTo', 'is empty: a deduction needs the invoice it was taken from')
    return null
  }
  const reasonText = [r.text('deductionCode'), r.text('deductionReason')].filter(Boolean).join(' ')
  return {
    invoiceNumber,
    paid: (paid ?? '0').replace(/^-/, ''),
    deducted,
    ...(reasonText ? { reasonText } : {}),
  }
}
