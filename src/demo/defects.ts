/**
 * Planted billing defects, each of a reason code, each written to the manifest with the outcome the
 * rules of evidence (DOMAIN.md) give when the customer disputes exactly the defect. A few controls
 * per reason are planted too: the customer complains but the ledger supports the invoice.
 * Amounts follow the one rounding rule: what is not owed = billed line − corrected line, tax included.
 */
import { addDays } from '../core/dates.ts'
import { invoiceFigures, lineFigures } from '../core/invoice-math.ts'
import type { Invoice, InvoiceLine, ReasonCode } from '../core/ledger.ts'
import { decimal, moneyOf, multiply, percentOf, sub, toDecimal } from '../core/money.ts'
import { isActive, monthEnd, monthStart, serviceInvoice } from './billing.ts'
import { nextId, type Plan, type World } from './model.ts'

const PER_REASON = 6

type Planter = (world: World, pick: Picker) => void
interface Picker {
  /** A recent invoice meeting the test, not used by another defect; undefined when none is left. */
  invoice(test: (inv: Invoice, plan: Plan) => boolean): { inv: Invoice; plan: Plan } | undefined
}

const gross = (l: InvoiceLine) => lineFigures(l, 'USD').gross
const total = (inv: Invoice) => toDecimal(invoiceFigures(inv).total)
const isService = (inv: Invoice) => inv.servicePeriodStart !== undefined

function record(
  world: World,
  inv: Invoice,
  reasonCode: ReasonCode,
  expected: {
    classification: 'valid' | 'partial' | 'invalid' | 'needs_info'
    supportedAmount: string
    disputedAmount: string
    action: string
  },
  note: string,
  l?: InvoiceLine,
): void {
  world.manifest.push({ inv, reasonCode, expected, note, ...(l ? { line: l.line, sku: l.sku } : {}) })
}

/** billed − corrected for one line, tax following the line. */
function notOwed(billed: InvoiceLine, corrected: InvoiceLine): string {
  return toDecimal(sub(gross(billed), gross(corrected)))
}

const PLANTERS: Record<Exclude<ReasonCode, 'other'>, Planter> = {
  pricing_error(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => inv.lines.length > 0)
      if (!got) return
      const l = world.rng.pick(got.inv.lines)
      if (i === PER_REASON - 1) {
        record(
          world,
          got.inv,
          'pricing_error',
          {
            classification: 'invalid',
            supportedAmount: '0.00',
            disputedAmount: toDecimal(gross(l)),
            action: 'no_adjustment',
          },
          `control: ${l.sku} billed at the contract price ${l.unitPrice}`,
          l,
        )
        continue
      }
      const right = { ...l }
      const up = 100 + world.rng.pick([5, 8, 10, 12, 15, 20])
      l.unitPrice = toDecimal(multiply(moneyOf(l.unitPrice, 'USD'), { int: BigInt(up), scale: 2 }))
      const amount = notOwed(l, right)
      record(
        world,
        got.inv,
        'pricing_error',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'credit_memo' },
        `${l.sku} billed at ${l.unitPrice}, contract price ${right.unitPrice} (old list price not updated)`,
        l,
      )
    }
  },
  quantity_discrepancy(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => !isService(inv) && inv.lines.some((l) => l.quantity >= 5))
      if (!got) return
      const l = got.inv.lines.find((x) => x.quantity >= 5) as InvoiceLine
      const d = world.deliveries.find((x) => x.inv === got.inv && x.sku === l.sku)
      if (!d) continue
      if (i === PER_REASON - 1) {
        record(
          world,
          got.inv,
          'quantity_discrepancy',
          {
            classification: 'invalid',
            supportedAmount: '0.00',
            disputedAmount: toDecimal(gross({ ...l, quantity: 2 })),
            action: 'no_adjustment',
          },
          `control: delivery ${d.id} shows all ${l.quantity} ${l.sku} received; customer says 2 short`,
          l,
        )
        continue
      }
      const short = Math.max(1, Math.floor(l.quantity * world.rng.pick([0.05, 0.1, 0.16, 0.2])))
      d.quantity = l.quantity - short
      d.proofOfDelivery = `POD signed, ${d.quantity} of ${l.quantity} received`
      const amount = notOwed(l, { ...l, quantity: d.quantity })
      record(
        world,
        got.inv,
        'quantity_discrepancy',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'credit_memo' },
        `${l.quantity} ${l.sku} billed, delivery ${d.id} shows ${d.quantity}`,
        l,
      )
    }
  },
  damaged_goods(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => !isService(inv) && inv.lines.some((l) => l.quantity >= 4))
      if (!got) return
      const l = got.inv.lines.find((x) => x.quantity >= 4) as InvoiceLine
      const d = world.deliveries.find((x) => x.inv === got.inv && x.sku === l.sku)
      if (!d) continue
      const damaged = Math.max(1, Math.floor(l.quantity / world.rng.pick([4, 6, 10])))
      d.damagedQuantity = damaged
      d.proofOfDelivery = `POD signed with exception: ${damaged} damaged`
      // The customer claims twice the damage the POD records: partially supported.
      const claimed = i % 3 === 2 ? Math.min(l.quantity, damaged * 2) : damaged
      const amount = notOwed(l, { ...l, quantity: l.quantity - damaged })
      const disputed = notOwed(l, { ...l, quantity: l.quantity - claimed })
      record(
        world,
        got.inv,
        'damaged_goods',
        {
          classification: claimed === damaged ? 'valid' : 'partial',
          supportedAmount: amount,
          disputedAmount: disputed,
          action: 'credit_memo',
        },
        `delivery ${d.id} records ${damaged} of ${l.quantity} ${l.sku} damaged; customer claims ${claimed}`,
        l,
      )
    }
  },
  duplicate_billing(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => (i % 2 === 0 ? isService(inv) : !isService(inv)))
      if (!got) return
      const dup: Invoice = structuredClone({ ...got.inv, number: '' })
      dup.issueDate = addDays(got.inv.issueDate, world.rng.int(1, 4))
      dup.dueDate = addDays(dup.issueDate, got.plan.contract.paymentTermsDays)
      world.drafts.push(dup)
      pick.invoice((inv) => inv === dup)
      const amount = total(dup)
      record(
        world,
        dup,
        'duplicate_billing',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'credit_memo' },
        `re-issue of an invoice of ${got.inv.issueDate} for the same ${isService(dup) ? 'service period' : 'PO and goods'}`,
      )
    }
  },
  service_not_rendered(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => isService(inv))
      if (!got) return
      const l = got.inv.lines[got.inv.lines.length - 1] as InvoiceLine
      const log = world.serviceLogs.find((s) => s.inv === got.inv && s.sku === l.sku)
      if (!log) continue
      log.status = 'not_rendered'
      log.quantity = 0
      log.notes = world.rng.pick([
        'Visit cancelled by our field team, never rescheduled',
        'Provisioning failed; service not activated this period',
        'Engineer unavailable; no work performed',
      ])
      const amount = toDecimal(gross(l))
      record(
        world,
        got.inv,
        'service_not_rendered',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'credit_memo' },
        `service log ${log.id} shows ${l.sku} not rendered`,
        l,
      )
    }
  },
  missing_po(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice(
        (inv, plan) => plan.contract.poRequired === true && inv.poNumber !== null && !isService(inv),
      )
      if (!got) return
      got.inv.poNumber = null
      for (const d of world.deliveries) if (d.inv === got.inv) delete d.poNumber
      record(
        world,
        got.inv,
        'missing_po',
        {
          classification: 'valid',
          supportedAmount: '0.00',
          disputedAmount: total(got.inv),
          action: 'cancel_and_rebill',
        },
        'contract requires a PO; the invoice carries none although the customer issued one',
      )
    }
  },
  already_paid(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice(
        (inv) => inv.issueDate < addDays(world.today, -25) && !world.payments.some((p) => p.inv === inv),
      )
      if (!got) return
      const amount = total(got.inv)
      if (i === PER_REASON - 1) {
        record(
          world,
          got.inv,
          'already_paid',
          { classification: 'invalid', supportedAmount: '0.00', disputedAmount: amount, action: 'no_adjustment' },
          'control: no payment from the customer matches this invoice',
        )
        continue
      }
      world.payments.push({
        id: nextId(world, 'PMT-', 70001),
        customerId: got.inv.customerId,
        inv: null,
        remit: got.inv,
        amount,
        currency: 'USD',
        date: addDays(got.inv.issueDate, world.rng.int(5, 20)),
        method: 'ACH',
      })
      record(
        world,
        got.inv,
        'already_paid',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'apply_payment' },
        'payment received with the invoice in its remittance reference, never applied',
      )
    }
  },
  late_fee(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const withClause = i % 2 === 0
      const got = pick.invoice(
        (inv, plan) =>
          inv.dueDate < addDays(world.today, -25) &&
          !inv.fees?.some((f) => f.type === 'late_fee') &&
          (withClause ? (plan.contract.lateFee?.graceDays ?? 0) >= 10 : !plan.contract.lateFee),
      )
      if (!got) return
      const base = invoiceFigures(got.inv).total
      const pct = got.plan.contract.lateFee?.percentPerMonth ?? '1.5'
      const fee = toDecimal(percentOf(base, decimal(pct)))
      got.inv.fees = [
        ...(got.inv.fees ?? []),
        { type: 'late_fee', description: `Late payment charge ${pct}%`, amount: fee },
      ]
      const grace = got.plan.contract.lateFee?.graceDays ?? 0
      world.payments = world.payments.filter((p) => p.inv !== got.inv)
      const paidLate = withClause ? world.rng.int(1, grace - 1) : world.rng.int(3, 20)
      world.payments.push({
        id: nextId(world, 'PMT-', 70001),
        customerId: got.inv.customerId,
        inv: got.inv,
        amount: toDecimal(base),
        currency: 'USD',
        date: addDays(got.inv.dueDate, paidLate),
        method: 'ACH',
        reference: `RMT-${world.rng.int(100000, 999999)}`,
      })
      const note = withClause
        ? `paid ${paidLate} days late, inside the ${grace}-day grace period; fee charged anyway`
        : 'late fee charged although the contract has no late-fee clause'
      record(
        world,
        got.inv,
        'late_fee',
        { classification: 'valid', supportedAmount: fee, disputedAmount: fee, action: 'credit_memo' },
        note,
      )
    }
  },
  tax_error(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((_, plan) => plan.customer.taxExempt === true)
      if (!got) return
      for (const l of got.inv.lines) l.taxRate = world.rng.pick(['0.0825', '0.07', '0.06'])
      const tax = toDecimal(invoiceFigures(got.inv).tax)
      record(
        world,
        got.inv,
        'tax_error',
        { classification: 'valid', supportedAmount: tax, disputedAmount: tax, action: 'cancel_and_rebill' },
        'sales tax charged to a tax-exempt customer',
      )
    }
  },
  contract_terms(world) {
    const ended = world.plans.filter(
      (p) => p.contract.endDate && p.contract.endDate < world.today && p.items.some((i) => i.kind === 'service'),
    )
    for (let i = 0; i < PER_REASON && ended.length > 0; i++) {
      const plan = ended[i % ended.length] as Plan
      const end = plan.contract.endDate as string
      const start = monthStart(addDays(end, 20 + 31 * Math.floor(i / ended.length)), 0)
      if (start >= world.today) continue
      const inv = serviceInvoice(world, plan, start, monthEnd(start), [
        plan.items.find((it) => it.kind === 'service')?.sku as string,
      ])
      // Billed after the end: the ledger holds no service log for a period the contract no longer covers.
      world.serviceLogs = world.serviceLogs.filter((l) => l.inv !== inv)
      const amount = total(inv)
      record(
        world,
        inv,
        'contract_terms',
        { classification: 'valid', supportedAmount: amount, disputedAmount: amount, action: 'credit_memo' },
        `service period ${start} starts after the contract ended on ${end}`,
      )
    }
  },
  service_dissatisfaction(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => isService(inv))
      if (!got) return
      const l = got.inv.lines[0] as InvoiceLine
      const log = world.serviceLogs.find((s) => s.inv === got.inv && s.sku === l.sku)
      if (!log) continue
      log.notes = world.rng.pick([
        'Delivered in full; customer complained about slow response times',
        'Rendered as scheduled; customer unhappy with the technician',
        'All hours logged; customer says quality was below expectations',
      ])
      record(
        world,
        got.inv,
        'service_dissatisfaction',
        {
          classification: 'invalid',
          supportedAmount: '0.00',
          disputedAmount: toDecimal(gross(l)),
          action: 'no_adjustment',
        },
        `service log ${log.id} shows ${l.sku} rendered in full`,
        l,
      )
    }
  },
  unrecognized_charge(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => !isService(inv) && inv.poNumber !== null)
      if (!got) return
      const l = got.inv.lines[got.inv.lines.length - 1] as InvoiceLine
      record(
        world,
        got.inv,
        'unrecognized_charge',
        {
          classification: 'invalid',
          supportedAmount: '0.00',
          disputedAmount: toDecimal(gross(l)),
          action: 'no_adjustment',
        },
        `${l.sku} is on PO ${got.inv.poNumber}, the contract and a signed delivery`,
        l,
      )
    }
  },
}

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
