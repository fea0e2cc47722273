/**
 * Column mappings from ERP export headers to the fields the converter reads. NetSuite and QuickBooks
 * Online ship as presets; a custom mapping is JSON of the same shape. Headers match case- and
 * spacing-insensitively, and each field lists the spellings the ERP's reports use.
 */
import { z } from 'zod'
import type { DateOrder } from './cells.ts'

export const CSV_FIELDS = [
  'type',
  'invoiceNumber',
  'customer',
  'customerId',
  'date',
  'dueDate',
  'terms',
  'sku',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'openBalance',
  'taxCode',
  'taxRate',
  'memo',
  'currency',
  'poNumber',
  'paymentAmount',
  'paymentReference',
  'appliedTo',
  // Remittance advice on a payment row: what the customer deducted from the invoice it is applied to, and why.
  'deductedAmount',
  'deductionCode',
  'deductionReason',
] as const
export type CsvField = (typeof CSV_FIELDS)[number]

const Columns = z.partialRecord(z.enum(CSV_FIELDS), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))

export const ColumnMapping = z.strictObject({
  name: z.string().min(1).default('custom'),
  columns: Columns,
  dateOrder: z.enum(['mdy', 'dmy', 'ymd']).optional(),
  /** Tax code → rate as a fraction ("0.0825"); codes not listed are read for a percentage or "exempt". */
  taxCodes: z.record(z.string(), z.string().regex(/^\d+(\.\d+)?$/, 'expected a fraction like "0.0825"')).optional(),
})
export type ColumnMapping = z.infer<typeof ColumnMapping>

export const NETSUITE: ColumnMapping = {
  name: 'netsuite',
  dateOrder: 'mdy',
  columns: {
    type: ['Type', 'Transaction Type'],
    invoiceNumber: ['Document Number', 'Document No.', 'Invoice Number'],
    customer: ['Customer', 'Name', 'Customer/Project', 'Customer:Project'],
    customerId: ['Customer ID', 'Customer Internal ID'],
    date: ['Date', 'Transaction Date'],
    dueDate: ['Due Date', 'Due Date/Receive By'],
    terms: ['Terms'],
    sku: ['Item'],
    description: ['Description', 'Item Description'],
    quantity: ['Quantity'],
    unitPrice: ['Rate', 'Item Rate'],
    amount: ['Amount', 'Amount (Net)'],
    openBalance: ['Amount Remaining', 'Amount Due'],
    taxCode: ['Tax Code', 'Tax Item'],
    taxRate: ['Tax Rate'],
    memo: ['Memo'],
    currency: ['Currency'],
    poNumber: ['PO/Check Number', 'PO #', 'PO Number'],
    appliedTo: ['Applied To Transaction', 'Applied To'],
    deductedAmount: ['Deduction', 'Deduction Amount', 'Deducted', 'Short Paid', 'Short Pay Amount'],
    deductionCode: ['Deduction Code', 'Reason Code', 'Deduction Reason Code'],
    deductionReason: ['Deduction Reason', 'Deduction Memo', 'Remittance Memo', 'Short Pay Reason'],
  },
}

export const QUICKBOOKS: ColumnMapping = {
  name: 'quickbooks',
  dateOrder: 'mdy',
  columns: {
    type: ['Transaction Type', 'Type'],
    invoiceNumber: ['Num', 'No.', 'Invoice No.', 'Invoice #'],
    customer: ['Customer', 'Name', 'Customer full name'],
    date: ['Date', 'Invoice Date', 'Transaction Date'],
    dueDate: ['Due Date'],
    terms: ['Terms'],
    sku: ['Product/Service', 'Product/Service Name', 'Item'],
    description: ['Description', 'Memo/Description', 'Product/Service Description'],
    quantity: ['Qty', 'Quantity'],
    unitPrice: ['Rate', 'Sales Price'],
    amount: ['Amount', 'Line Amount'],
    openBalance: ['Open Balance', 'Balance'],
    taxCode: ['Sales Tax Code', 'Tax Code', 'Tax'],
    taxRate: ['Tax Rate'],
    memo: ['Memo', 'Message'],
    currency: ['Currency'],
    poNumber: ['P.O. Number', 'PO Number', 'Customer PO'],
    paymentAmount: ['Payment', 'Payment Amount'],
    paymentReference: ['Ref No.', 'Ref #', 'Reference No.'],
    appliedTo: ['Applied To'],
    deductedAmount: ['Deduction', 'Deduction Amount', 'Deducted', 'Short Paid', 'Short Pay Amount'],
    deductionCode: ['Deduction Code', 'Reason Code', 'Deduction Reason Code'],
    deductionReason: ['Deduction Reason', 'Deduction Memo', 'Remittance Memo', 'Short Pay Reason'],
  },
}

export const PRESETS: Readonly<Record<string, ColumnMapping>> = { netsuite: NETSUITE, quickbooks: QUICKBOOKS }

/** Which column holds each field, by index into the row. */
export type ResolvedColumns = Partial<Record<CsvField, { index: number; header: string }>>

const norm = (h: string): string => h.trim().replace(/\s+/g, ' ').toLowerCase()

export function resolveColumns(mapping: ColumnMapping, headers: readonly string[]): ResolvedColumns {
  const byName = new Map<string, number>()
  headers.forEach((h, i) => {
    if (!byName.has(norm(h))) byName.set(norm(h), i)
  })
  const out: ResolvedColumns = {}
  for (const field of CSV_FIELDS) {
    const spec = mapping.columns[field]
    if (spec === undefined) continue
    for (const alias of typeof spec === 'string' ? [spec] : spec) {
      const index = byName.get(norm(alias))
      if (index !== undefined) {
        out[field] = { index, header: headers[index] ?? alias }
        break
      }
    }
  }
  return out
}

/** What a mapping lacks to read invoices from these headers (empty when it can). */
export function missingRequired(cols: ResolvedColumns): string[] {
  const missing: string[] = []
  if (!cols.invoiceNumber) missing.push('invoiceNumber')
  if (!cols.customer && !cols.customerId) missing.push('customer')
  if (!cols.date) missing.push('date')
  if (!cols.amount && !cols.unitPrice) missing.push('amount')
  return missing
}

export type Detection = { ok: true; mapping: ColumnMapping; columns: ResolvedColumns } | { ok: false; message: string }

/**
 * Picks the preset that reads the most of the header row. Shared headers (Date, Customer, Amount)
 * count for both, so the distinctive ones (Document Number vs Num, Item vs Product/Service) decide.
 */
export function detectMapping(headers: readonly string[]): Detection {
  const scored = Object.values(PRESETS)
    .map((mapping) => {
      const columns = resolveColumns(mapping, headers)
      return { mapping, columns, score: Object.keys(columns).length, missing: missingRequired(columns) }
    })
    .filter((c) => c.missing.length === 0)
    .sort((a, b) => b.score - a.score)
  const [best, next] = scored
  if (!best) {
    return {
      ok: false,
      message: `no known export layout matches the headers (${headers.join(', ')}); choose a mapping or give a custom one`,
    }
  }
  if (next && next.score === best.score) {
    return {
      ok: false,
      message: `the headers fit both ${best.mapping.name} and ${next.mapping.name} equally; choose one explicitly`,
    }
  }
  return { ok: true, mapping: best.mapping, columns: best.columns }
}

export type MappingParse = { ok: true; mapping: ColumnMapping } | { ok: false; errors: string[] }

/** A custom mapping from JSON text or a parsed value. */
export function parseMapping(input: unknown): MappingParse {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (e) {
      return { ok: false, errors: [`mapping is not JSON: ${(e as Error).message}`] }
    }
  }
  const r = ColumnMapping.safeParse(value)
  if (r.success) return { ok: true, mapping: r.data }
  return { ok: false, errors: r.error.issues.map((i) => `mapping.${i.path.join('.') || '(root)'}: ${i.message}`) }
}

export const dateOrderOf = (m: ColumnMapping): DateOrder => m.dateOrder ?? 'mdy'
