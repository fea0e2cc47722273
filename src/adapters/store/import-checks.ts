/**
 * What parseLedger cannot check alone: stated totals against the lines (the core's arithmetic),
 * duplicate natural keys inside the file, and references to records that exist nowhere.
 */
import { invoiceFigures } from '../../core/invoice-math.ts'
import type { FieldError, Ledger } from '../../core/ledger.ts'
import { cmp, moneyOf, toDecimal } from '../../core/money.ts'

export function totalErrors(ledger: Ledger): FieldError[] {
  const out: FieldError[] = []
  ledger.invoices.forEach((inv, i) => {
    if (inv.total === undefined) return
    const computed = invoiceFigures(inv).total
    const given = moneyOf(inv.total, inv.currency)
    if (cmp(given, computed) !== 0) {
      out.push({
        path: `invoices[${i}].total`,
        message: `invoice ${inv.number} states a total of ${toDecimal(given)} ${inv.currency} but its lines, tax and fees add up to ${toDecimal(computed)} ${inv.currency}`,
      })
    }
  })
  return out
}

export function duplicateErrors(ledger: Ledger): FieldError[] {
  const out: FieldError[] = []
  const check = <T>(name: string, items: readonly T[] | undefined, key: (t: T) => string, field: string) => {
    const seen = new Map<string, number>()
    items?.forEach((item, i) => {
      const k = key(item)
      const first = seen.get(k)
      if (first !== undefined) out.push({ path: `${name}[${i}].${field}`, message: `"${k}" repeats ${name}[${first}]` })
      else seen.set(k, i)
    })
  }
  check('customers', ledger.customers, (c) => c.id, 'id')
  check('contracts', ledger.contracts, (c) => c.id, 'id')
  check('purchaseOrders', ledger.purchaseOrders, (p) => p.number, 'number')
  check('invoices', ledger.invoices, (v) => v.number, 'number')
  check('deliveries', ledger.deliveries, (d) => d.id, 'id')
  check('serviceLogs', ledger.serviceLogs, (s) => s.id, 'id')
  check('payments', ledger.payments, (p) => p.id, 'id')
  check('creditMemos', ledger.creditMemos, (c) => c.number, 'number')
  check('pastDisputes', ledger.pastDisputes, (p) => p.id, 'id')
  ledger.invoices.forEach((inv, i) => {
    const lines = new Set<number>()
    inv.lines.forEach((l, j) => {
      if (lines.has(l.line))
        out.push({ path: `invoices[${i}].lines[${j}].line`, message: `line ${l.line} appears twice on ${inv.number}` })
      lines.add(l.line)
    })
  })
  return out
}

export interface Reference {
  path: string
  kind: 'customer' | 'contract' | 'invoice'
  id: string
}

/** Every reference the file makes, so the import can look up the ones the file itself lacks. */
export function references(ledger: Ledger): Reference[] {
  const refs: Reference[] = []
  const ref = (path: string, kind: Reference['kind'], id: string | null | undefined) => {
    if (id) refs.push({ path, kind, id })
  }
  ledger.contracts?.forEach((c, i) => ref(`contracts[${i}].customerId`, 'customer', c.customerId))
  ledger.purchaseOrders?.forEach((p, i) => ref(`purchaseOrders[${i}].customerId`, 'customer', p.customerId))
  ledger.invoices.forEach((v, i) => {
    ref(`invoices[${i}].customerId`, 'customer', v.customerId)
    ref(`invoices[${i}].contractId`, 'contract', v.contractId)
  })
  ledger.deliveries?.forEach((d, i) => ref(`deliveries[${i}].invoiceNumber`, 'invoice', d.invoiceNumber))
  ledger.serviceLogs?.forEach((s, i) => {
    ref(`serviceLogs[${i}].customerId`, 'customer', s.customerId)
    ref(`serviceLogs[${i}].invoiceNumber`, 'invoice', s.invoiceNumber)
  })
  ledger.payments?.forEach((p, i) => {
    ref(`payments[${i}].customerId`, 'customer', p.customerId)
    ref(`payments[${i}].invoiceNumber`, 'invoice', p.invoiceNumber)
  })
  ledger.creditMemos?.forEach((c, i) => ref(`creditMemos[${i}].invoiceNumber`, 'invoice', c.invoiceNumber))
  ledger.pastDisputes?.forEach((p, i) => ref(`pastDisputes[${i}].customerId`, 'customer', p.customerId))
  return refs
}

export function inFile(ledger: Ledger): Record<Reference['kind'], Set<string>> {
  return {
    customer: new Set(ledger.customers.map((c) => c.id)),
    contract: new Set((ledger.contracts ?? []).map((c) => c.id)),
    invoice: new Set(ledger.invoices.map((v) => v.number)),
  }
}
