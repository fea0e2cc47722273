/**
 * A charge the customer does not recognise is owed when a document supports it: a PO line, a
 * delivery or a service log for the SKU, or the contract's price for it; a late fee when the contract
 * has a late-fee clause, another fee when the contract's notes name it. A charge nothing supports is
 * not owed. Without a contract, a fee cannot be judged: ask for it.
 */
import type { Fee } from '../ledger.ts'
import { moneyOf, zero } from '../money.ts'
import type { Evidence, Finding } from '../resolution.ts'
import { type Check, deliveriesFor, finding, lineFinding, lineGross, result, serviceLogsFor } from './check.ts'

function supportFor(evidence: Evidence, sku: string): { id: string; words: string } | null {
  const po = evidence.purchaseOrders.find((p) => p.status !== 'cancelled' && p.lines.some((l) => l.sku === sku))
  if (po) return { id: po.number, words: `PO ${po.number} orders ${sku}` }
  const delivery = deliveriesFor(evidence, sku)[0]
  if (delivery) return { id: delivery.id, words: `delivery ${delivery.id} of ${delivery.quantity} ${sku}` }
  const log = serviceLogsFor(evidence, sku)[0]
  if (log) return { id: log.id, words: `service log ${log.id} ${log.status}` }
  const c = evidence.contract
  if (c?.prices.some((p) => p.sku === sku)) return { id: c.id, words: `contract ${c.id} prices ${sku}` }
  return null
}

function feeProvided(evidence: Evidence, fee: Fee): boolean {
  const c = evidence.contract
  if (fee.type === 'late_fee') return !!c?.lateFee
  const word = fee.type === 'other' ? (fee.description ?? '') : fee.type.replace(/_/g, ' ')
  return !!word && !!c?.notes?.toLowerCase().includes(word.toLowerCase())
}

export const unrecognizedCharge: Check = (ctx) => {
  const { evidence, currency, scope } = ctx
  const lines: Finding[] = scope.lines.map((line) => {
    const support = supportFor(evidence, line.sku)
    return lineFinding('unrecognized_charge', line, {
      evidence: support?.words ?? `no PO, delivery, service log or contract price for ${line.sku}`,
      documentId: support?.id ?? evidence.invoice.number,
      amount: support ? zero(currency) : lineGross(line, currency),
    })
  })
  const contract = evidence.contract
  if (scope.fees.length && !contract) return result(lines, ['contract'], ['contract'])
  const fees = scope.fees.map(({ fee, index }) => {
    const provided = feeProvided(evidence, fee)
    return finding('unrecognized_charge', {
      target: { kind: 'fee', feeType: fee.type, index },
      billed: `${fee.description ?? fee.type.replace(/_/g, ' ')} ${fee.amount}`,
      evidence: `contract ${contract?.id} ${provided ? 'provides for' : 'does not provide for'} this fee`,
      documentId: contract?.id ?? evidence.invoice.number,
      amount: provided ? zero(currency) : moneyOf(fee.amount, currency),
    })
  })
  return result([...lines, ...fees], [])
}
