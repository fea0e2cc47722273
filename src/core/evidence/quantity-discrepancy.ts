/** Billed quantity vs the quantity the delivery records show received. */
import type { Delivery } from '../ledger.ts'
import { sumQuantities } from '../money.ts'
import { deliveriesFor } from './check.ts'
import { shortfall, units, unitsCheck } from './units-check.ts'

export const delivered = (ds: Delivery[]) => sumQuantities(ds.map((d) => d.quantity))

/** "D-779: POD-779 signed, 42 received; D-780" */
export const proofs = (ds: Delivery[]): string =>
  ds.map((d) => `${d.id}${d.proofOfDelivery ? `: ${d.proofOfDelivery}` : ''}`).join('; ')

export const quantityDiscrepancy = unitsCheck({
  check: 'quantity_discrepancy',
  document: 'delivery',
  records: (evidence, line) => deliveriesFor(evidence, line.sku),
  unitsNotOwed: (line, ds) => shortfall(line, delivered(ds)),
  describe: (ds) => `delivered ${units(delivered(ds))} (${proofs(ds)})`,
})
