/**
 * The IBM "Accounts Receivable" sample (countryCode, customerID, PaperlessDate, invoiceNumber,
 * InvoiceDate, DueDate, InvoiceAmount, Disputed, SettledDate, PaperlessBill, DaysToSettle, DaysLate)
 * → a ledger. The rules, stated in docs/import.md:
 * - each row is one invoice of one line (SKU "INVOICE-AMOUNT") at the invoice amount, no tax;
 * - a settled row is paid in full on its settled date: one payment applied to it;
 * - a disputed row is also a past dispute: the data does not say why, so the reason is `other`; it
 *   was opened on the invoice date (the earliest it can have been raised) and resolved on the
 *   settled date, for the full invoice amount; the outcome is unknown and left out.
 * The file carries no currency; USD unless the caller says otherwise.
 */
import {
  type Customer,
  type Invoice,
  LEDGER_FORMAT,
  type Ledger,
  type PastDispute,
  type Payment,
} from '../../core/ledger.ts'
import { readAmount, readDate } from './cells.ts'
import { type CsvIssue, checkedLedger, readCsv } from './csv-rows.ts'

const HEADERS = [
  'countryCode',
  'customerID',
  'invoiceNumber',
  'InvoiceDate',
  'DueDate',
  'InvoiceAmount',
  'Disputed',
  'SettledDate',
  'PaperlessBill',
  'DaysToSettle',
  'DaysLate',
] as const
type Header = (typeof HEADERS)[number]

export interface IbmReport {
  rows: number
  invoices: number
  customers: number
  payments: number
  disputed: number
  pastDisputes: number
}

export type IbmResult = { ok: true; ledger: Ledger; report: IbmReport } | { ok: false; errors: CsvIssue[] }

export function ibmToLedger(text: string, options: { currency?: string; companyName?: string } = {}): IbmResult {
  const currency = options.currency ?? 'USD'
  const table = readCsv(text)
  if (!table.ok) return table
  const col = Object.fromEntries(HEADERS.map((h) => [h, table.headers.indexOf(h)])) as Record<Header, number>
  const absent = HEADERS.filter((h) => col[h] === -1)
  if (absent.length > 0) {
    return { ok: false, errors: [{ row: 1, column: null, message: `missing columns: ${absent.join(', ')}` }] }
  }
  const errors: CsvIssue[] = []
  const customers = new Map<string, Customer>()
  const invoices: Invoice[] = []
  const payments: Payment[] = []
  const disputes: PastDispute[] = []
  const seen = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const cell = (h: Header) => (cells[col[h]] ?? '').trim()
    const problem = (h: Header, message: string) => errors.push({ row, column: h, message })
    const required = (h: Header): string | undefined => {
      const v = cell(h)
      if (!v) problem(h, 'is empty')
      return v || undefined
    }
    const date = (h: Header, optional = false): string | undefined => {
      if (optional && !cell(h)) return undefined
      const v = required(h)
      if (v === undefined) return undefined
      const d = readDate(v, 'mdy')
      if (!d.ok) problem(h, d.problem)
      return d.ok ? d.value : undefined
    }
    const number = required('invoiceNumber')
    const customerId = required('customerID')
    const issueDate = date('InvoiceDate')
    const dueDate = date('DueDate')
    const settled = date('SettledDate', true)
    const amountText = required('InvoiceAmount')
    const amount = amountText === undefined ? undefined : readAmount(amountText, currency)
    if (amount && !amount.ok) problem('InvoiceAmount', amount.problem)
    const disputed = cell('Disputed').toLowerCase()
    if (disputed !== 'yes' && disputed !== 'no')
      problem('Disputed', `expected "Yes" or "No", got "${cell('Disputed')}"`)
    if (number && seen.has(number))
      problem('invoiceNumber', `invoice ${number} already appears on row ${seen.get(number)}`)
    if (!number || !customerId || !issueDate || !dueDate || !amount?.ok) continue
    seen.set(number, row)
    if (!customers.has(customerId)) {
      customers.set(customerId, { id: customerId, name: `Customer ${customerId} (country ${cell('countryCode')})` })
    }
    invoices.push({
      number,
      customerId,
      issueDate,
      dueDate,
      currency,
      status: settled ? 'paid' : 'open',
      lines: [{ line: 1, sku: 'INVOICE-AMOUNT', description: 'Invoice amount', quantity: 1, unitPrice: amount.value }],
      total: amount.value,
    })
    if (settled) {
      payments.push({
        id: `PAY-${number}`,
        customerId,
        invoiceNumber: number,
        amount: amount.value,
        currency,
        date: settled,
        reference: number,
      })
    }
    if (disputed === 'yes') {
      disputes.push({
        id: `DSP-${number}`,
        customerId,
        invoiceNumber: number,
        openedDate: issueDate,
        ...(settled ? { resolvedDate: settled } : {}),
        reasonCode: 'other',
        description: describe(number, amount.value, currency, issueDate, dueDate, settled, cell),
        disputedAmount: amount.value,
      })
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  const parsed = checkedLedger({
    format: LEDGER_FORMAT,
    company: { name: options.companyName ?? 'IBM Accounts Receivable sample', currency },
    customers: [...customers.values()],
    invoices,
    payments,
    pastDisputes: disputes,
  })
  if (!parsed.ok) return parsed
  return {
    ok: true,
    ledger: parsed.ledger,
    report: {
      rows: table.rows.length,
      invoices: invoices.length,
      customers: customers.size,
      payments: payments.length,
      disputed: disputes.length,
      pastDisputes: disputes.length,
    },
  }
}

/** The row's facts in a sentence, so similarity search and trends have words to work with. */
function describe(
  number: string,
  amount: string,
  currency: string,
  issued: string,
  due: string,
  settled: string | undefined,
  cell: (h: Header) => string,
): string {
  const late = Number(cell('DaysLate'))
  const days = cell('DaysToSettle')
  const bill = cell('PaperlessBill').toLowerCase() === 'electronic' ? 'an electronic' : 'a paper'
  const head = `Customer disputed invoice ${number} for ${amount} ${currency}, issued ${issued} on ${bill} bill and due ${due}.`
  if (!settled) return `${head} Not settled yet.`
  const timing = late > 0 ? `${late} day${late === 1 ? '' : 's'} after the due date` : 'on time'
  return `${head} Settled in full on ${settled}, ${days} days after issue, ${timing}. Reason not recorded in the export.`
}
