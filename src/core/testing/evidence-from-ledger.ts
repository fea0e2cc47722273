/**
 * Test helper: the Evidence for one invoice built from a ledger value, mirroring what the store's
 * `evidenceFor` returns (src/adapters/store/ledger-repo.ts), so domain tests run on the example
 * ledgers without a database. Pure: the caller reads the file.
 */
import type { Invoice, Ledger } from '../ledger.ts'
import type { Evidence } from '../resolution.ts'

const byDate = (a: { openedDate: string }, b: { openedDate: string }) =>
  a.openedDate < b.openedDate ? -1 : a.openedDate > b.openedDate ? 1 : 0

export function evidenceFromLedger(ledger: Ledger, invoiceNumber: string): Evidence | null {
  const invoice = ledger.invoices.find((i) => i.number === invoiceNumber)
  if (!invoice) return null
  const customer = ledger.customers.find((c) => c.id === invoice.customerId)
  if (!customer) return null
  const contracts = (ledger.contracts ?? []).filter((c) => c.customerId === customer.id)
  // The invoice's own contract; else the one in force on its issue date; else the latest.
  const contract =
    contracts.find((c) => c.id === invoice.contractId) ??
    contracts.find((c) => c.startDate <= invoice.issueDate && (!c.endDate || c.endDate >= invoice.issueDate)) ??
    (invoice.contractId ? null : (contracts[contracts.length - 1] ?? null))
  const others: Invoice[] = ledger.invoices
    .filter((i) => i.customerId === customer.id && i.number !== invoice.number)
    .sort((a, b) => (a.issueDate < b.issueDate ? 1 : a.issueDate > b.issueDate ? -1 : a.number.localeCompare(b.number)))
  return {
    invoice,
    customer,
    contract,
    purchaseOrders: (ledger.purchaseOrders ?? []).filter((po) => po.customerId === customer.id),
    deliveries: (ledger.deliveries ?? []).filter(
      (d) => d.invoiceNumber === invoice.number || (!!invoice.poNumber && d.poNumber === invoice.poNumber),
    ),
    serviceLogs: (ledger.serviceLogs ?? []).filter(
      (l) => l.invoiceNumber === invoice.number || (l.customerId === customer.id && !l.invoiceNumber),
    ),
    payments: (ledger.payments ?? []).filter((p) => p.customerId === customer.id),
    creditMemos: (ledger.creditMemos ?? []).filter((m) => m.invoiceNumber === invoice.number),
    otherInvoices: others,
    customerDisputes: (ledger.pastDisputes ?? [])
      .filter((d) => d.customerId === customer.id)
      .map((d) => ({ id: d.id, openedDate: d.openedDate }))
      .sort(byDate),
  }
}
