/** The delivery record's damaged quantity: damaged units (with their tax) are not owed. */
import type { Delivery } from '../ledger.ts'
import { decimal, decimalSub, sumQuantities } from '../money.ts'
import { deliveriesFor } from './check.ts'
import { delivered, proofs } from './quantity-discrepancy.ts'
import { shortfall, units, unitsCheck } from './units-check.ts'

const damaged = (ds: Delivery[]) => sumQuantities(ds.map((d) => d.damagedQuantity ?? 0))

export const damagedGoods = unitsCheck({
  check: 'damaged_goods',
  document: 'delivery',
  records: (evidence, line) => deliveriesFor(evidence, line.sku),
  // Not owed: billed − usable, where usable = billed − damaged (so at most what was billed).
  unitsNotOwed: (line, ds) => shortfall(line, decimalSub(decimal(line.quantity), damaged(ds))),
  describe: (ds) => `${units(damaged(ds))} damaged of ${units(delivered(ds))} delivered (${proofs(ds)})`,
})
