/**
 * Planted billing defects, each of a reason code, each written to the manifest with the outcome the
 * rules of evidence (DOMAIN.md) give when the customer disputes exactly the defect. A few controls
 * per reason are planted too: the customer complains but the ledger supports the invoice.
 * Amounts follow the one rounding rule: what is not owed = billed line − corrected line, tax included.
 */
import { addDays } from '../core/dates.ts'
import type { Invoice, ReasonCode } from '../core/ledger.ts'
import { isActive } from './billing.ts'
import type { Picker, Planter } from './defect-kit.ts'
import { BILLING_PLANTERS } from './defects-billing.ts'
import { GOODS_PLANTERS } from './defects-goods.ts'
import type { Plan, World } from './model.ts'

// Typed as a full record so a new reason code without a planter fails to compile.
const PLANTERS: Record<Exclude<ReasonCode, 'other'>, Planter> = { ...GOODS_PLANTERS, ...BILLING_PLANTERS }

/** Plants every reason's defects on invoices of the last four months. */
export function plantDefects(world: World): void {
  const used = new Set<Invoice>()
  const since = addDays(world.today, -120)
  const planOf = new Map(world.plans.map((p) => [p.customer.id, p]))
  const pick: Picker = {
    invoice(test) {
      const pool = world.drafts.filter((inv) => {
        const plan = planOf.get(inv.customerId)
        return (
          !used.has(inv) &&
          inv.issueDate >= since &&
          plan !== undefined &&
          isActive(plan, inv.issueDate) &&
          test(inv, plan)
        )
      })
      if (pool.length === 0) return undefined
      const inv = world.rng.pick(pool)
      used.add(inv)
      return { inv, plan: planOf.get(inv.customerId) as Plan }
    },
  }
  for (const planter of Object.values(PLANTERS)) planter(world, pick)
}
