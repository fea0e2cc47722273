/**
 * Disputes with a real investigation behind them, for store tests: the pure core decides on the
 * store's evidence, the store records it. No services, retrieval or prompts needed.
 */
import { investigate } from '../../core/investigate.ts'
import type { Claim, Resolution } from '../../core/resolution.ts'
import type { Actor, DisputeRecord, Store } from '../../services/ports.ts'

/** `today` defaults to the example ledger's date (src/testing is a layer above the store's helpers). */
export async function investigatedDispute(
  store: Store,
  claim: Claim,
  actor: Actor,
  today = '2026-03-15',
): Promise<DisputeRecord> {
  const evidence = await store.ledger.evidenceFor(claim.invoiceNumber)
  if (!evidence) throw new Error(`no invoice ${claim.invoiceNumber}`)
  const outcome = investigate({ claim, evidence, policy: await store.ledger.policy(), today })
  if (!outcome.ok) throw new Error(outcome.error.message)
  const res: Resolution = {
    ...outcome.decision,
    similar: [],
    email: { subject: '', body: '', tone: 'neutral' },
    prevention: [],
    insights: [],
  }
  const opened = await store.disputes.open(
    {
      invoiceNumber: claim.invoiceNumber,
      reasonCode: res.reasonCode,
      description: claim.description ?? res.rootCause,
      disputedAmount: res.disputedAmount,
      openedOn: today,
    },
    actor,
  )
  if (!opened.ok) throw new Error(opened.error.message)
  const recorded = await store.disputes.recordResolution(opened.value.id, res, actor)
  if (!recorded.ok) throw new Error(recorded.error.message)
  return recorded.value
}
