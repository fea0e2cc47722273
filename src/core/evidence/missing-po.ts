/**
 * Invoice PO number vs the contract's `poRequired` and the customer's POs. A required PO that is
 * missing, or a PO the customer never issued (or cancelled), is an administrative defect: the goods
 * are owed, the invoice must be reissued (cancel and re-bill), so nothing is "not owed".
 */
import { moneyOf } from '../money.ts'
import type { Finding } from '../resolution.ts'
import { type Check, finding, result } from './check.ts'

export const missingPo: Check = (ctx) => {
  const { evidence, currency } = ctx
  const inv = evidence.invoice
  const contract = evidence.contract
  const nothing = moneyOf('0', currency)
  const note = (billed: string, words: string, documentId: string, supports = false): Finding =>
    finding('missing_po', {
      target: { kind: 'invoice' },
      billed,
      evidence: words,
      documentId,
      amount: nothing,
      supports,
    })
  const skus = new Set(inv.lines.map((l) => l.sku))
  const candidates = evidence.purchaseOrders
    .filter((po) => po.status !== 'cancelled' && po.lines.some((l) => skus.has(l.sku)))
    .map((po) => po.number)
  const hint = candidates.length ? `; the customer's POs for these SKUs: ${candidates.join(', ')}` : ''

  if (!inv.poNumber) {
    if (!contract) return result([], ['contract'], ['contract'])
    const f = note(
      `${inv.number} carries no PO number`,
      `contract ${contract.id} ${contract.poRequired ? 'requires' : 'does not require'} a PO${hint}`,
      contract.id,
      !!contract.poRequired,
    )
    if (!contract.poRequired) return result([f], ['contract'])
    return {
      ...result([f], ['contract', 'purchase_order']),
      defect: { code: 'po_missing', detail: `contract ${contract.id} requires a PO and ${inv.number} has none` },
    }
  }
  const po = evidence.purchaseOrders.find((p) => p.number === inv.poNumber)
  if (!po && !evidence.purchaseOrders.length) return result([], ['purchase_order'], ['purchase_order'])
  if (po && po.status !== 'cancelled') {
    return result(
      [note(`${inv.number} carries PO ${inv.poNumber}`, `PO ${po.number} issued ${po.issueDate}`, po.number)],
      ['purchase_order'],
    )
  }
  const words = po ? `PO ${po.number} was cancelled${hint}` : `the customer has no PO ${inv.poNumber}${hint}`
  return {
    ...result(
      [note(`${inv.number} carries PO ${inv.poNumber}`, words, po?.number ?? inv.number, true)],
      ['purchase_order'],
    ),
    defect: { code: 'po_wrong', detail: `${inv.number} carries PO ${inv.poNumber}: ${words}` },
  }
}
