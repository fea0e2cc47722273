/**
 * Invoice numbers as people type them ("1002", "inv 1002", "#0451") resolved to the one invoice
 * they name. An exact number wins; otherwise a unique suffix match; otherwise candidates.
 */
import type { LedgerRepository } from './ports.ts'
import type { InvoiceLookup } from './services.ts'

const canonical = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')

export async function resolveInvoiceNumber(
  ledger: LedgerRepository,
  reference: string,
  customerId?: string,
): Promise<InvoiceLookup> {
  const ref = reference.trim()
  const exact = await ledger.getInvoice(ref)
  if (exact) return { ok: true, number: exact.number }
  const digits = canonical(ref).replace(/^(INVOICE|INV|NO|NR)/, '')
  if (!digits) {
    return {
      ok: false,
      error: {
        code: 'invoice_not_found',
        message: `"${reference}" is not an invoice number.`,
        field: 'invoiceNumber',
        candidates: [],
      },
    }
  }
  const page = await ledger.findInvoices({ numberFragment: digits, limit: 20, ...(customerId ? { customerId } : {}) })
  const same = page.items.filter((i) => canonical(i.number) === canonical(ref))
  if (same.length === 1 && same[0]) return { ok: true, number: same[0].number }
  const bySuffix = page.items.filter((i) => canonical(i.number).endsWith(digits))
  const pool = bySuffix.length ? bySuffix : page.items
  if (pool.length === 1 && pool[0]) return { ok: true, number: pool[0].number }
  if (pool.length === 0) {
    return {
      ok: false,
      error: {
        code: 'invoice_not_found',
        message: `No invoice matching "${reference}" in the ledger.`,
        field: 'invoiceNumber',
        candidates: [],
      },
    }
  }
  const candidates = pool.map((i) => i.number)
  return {
    ok: false,
    error: {
      code: 'ambiguous_invoice',
      message: `"${reference}" matches ${candidates.length} invoices: ${candidates.slice(0, 8).join(', ')}. Which one?`,
      field: 'invoiceNumber',
      candidates,
    },
  }
}
