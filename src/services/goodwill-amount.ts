/**
 * A goodwill credit asked for as a percentage, turned into the amount the request records: the core
 * computes the share and caps it by policy from the dispute's investigation and the invoice's open
 * balance as the store knows it today.
 */
import { type GoodwillBasis, goodwillShare, type Percent } from '../core/goodwill.ts'
import { moneyOf, toDecimal } from '../core/money.ts'
import type { DisputeRecord, Store } from './ports.ts'
import type { ServiceResult } from './services.ts'

export interface GoodwillPercent {
  percent: Percent
  of?: GoodwillBasis
  line?: number
}

/** `dispute` is a recorded dispute, or the chat's investigation before anything is recorded. */
export async function goodwillAmount(
  store: Store,
  dispute: Pick<DisputeRecord, 'invoiceNumber' | 'resolution'>,
  ask: GoodwillPercent,
): Promise<ServiceResult<{ amount: string; detail: string }>> {
  const res = dispute.resolution
  const invoice = await store.ledger.getInvoice(dispute.invoiceNumber)
  // The caller checked the dispute was investigated; an invoice gone from the ledger is the other way to fail.
  if (!res || !invoice)
    return {
      ok: false,
      error: { code: 'invoice_not_found', message: `No invoice ${dispute.invoiceNumber}.`, field: 'disputeId' },
    }
  const cur = invoice.currency
  const r = goodwillShare({
    percent: ask.percent,
    of: ask.of ?? 'invoice',
    ...(ask.line !== undefined ? { line: ask.line } : {}),
    invoice,
    disputed: moneyOf(res.disputedAmount, cur),
    owed: moneyOf(res.owedAmount, cur),
    openBalance: moneyOf(invoice.openBalance, cur),
  })
  if (!r.ok) return { ok: false, error: { code: 'invalid_claim', message: r.error.message, field: r.error.field } }
  return { ok: true, value: { amount: toDecimal(r.amount), detail: r.detail } }
}
