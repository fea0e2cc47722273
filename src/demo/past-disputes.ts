/**
 * Five hundred and more resolved disputes on older invoices, with the patterns a lead looks for:
 * a handful of customers dispute far more than the rest, each reason has root causes that recur in
 * one department, and outcomes, credits, escalations and CSAT follow from the facts.
 */
import { addDays } from '../core/dates.ts'
import { invoiceFigures, lineFigures } from '../core/invoice-math.ts'
import type { Action, Classification, Invoice, PastDispute, ReasonCode } from '../core/ledger.ts'
import { type Money, money, prorate, toDecimal } from '../core/money.ts'
import { describeDispute } from './dispute-text.ts'
import type { Plan, World } from './model.ts'
import { MONTHS } from './words.ts'

export const PAST_DISPUTES = 540

type Outcome = Exclude<Classification, 'needs_info'>
/** Root cause in words, the department it belongs to, the outcome it leads to, and how often. */
type Cause = readonly [string, string, Outcome, number]

const CAUSES: Record<Exclude<ReasonCode, 'other'>, readonly Cause[]> = {
  pricing_error: [
    ['price list not updated after contract renewal', 'billing', 'valid', 6],
    ['discount agreed by sales never entered in the ERP', 'sales', 'valid', 3],
    ['wrong price tier applied to the order', 'billing', 'partial', 2],
    ['invoice correct: price matches the signed contract', 'billing', 'invalid', 2],
  ],
  quantity_discrepancy: [
    ['invoice raised from the order, not from what was delivered', 'logistics', 'valid', 5],
    ['partial shipment billed as complete', 'logistics', 'partial', 3],
    ['invoice correct: signed proof of delivery for the full quantity', 'logistics', 'invalid', 2],
  ],
  damaged_goods: [
    ['goods damaged in transit by the carrier', 'logistics', 'valid', 4],
    ['poor packaging at the warehouse', 'logistics', 'partial', 3],
    ['damage not recorded on the proof of delivery', 'logistics', 'invalid', 1],
  ],
  duplicate_billing: [
    ['subscription billing job ran twice', 'billing', 'valid', 5],
    ['invoice re-issued under a new number instead of corrected', 'billing', 'valid', 2],
    ['invoice correct: two separate orders for the same items', 'billing', 'invalid', 1],
  ],
  service_not_rendered: [
    ['visit cancelled in the field but not stopped in billing', 'service_delivery', 'valid', 4],
    ['service suspended part of the month, billed in full', 'service_delivery', 'partial', 3],
    ['invoice correct: service log shows the work was done', 'service_delivery', 'invalid', 2],
  ],
  missing_po: [
    ['PO number missing on the invoice', 'billing', 'valid', 5],
    ['PO not captured at order entry by sales', 'sales', 'valid', 2],
  ],
  already_paid: [
    ['payment received but not applied to the invoice', 'cash_application', 'valid', 6],
    ['payment applied to the wrong invoice', 'cash_application', 'valid', 2],
    ['no payment found: customer paid another supplier', 'cash_application', 'invalid', 1],
  ],
  late_fee: [
    ['late fee charged inside the grace period', 'collections', 'valid', 4],
    ['late fee applied to a customer without a late-fee clause', 'billing', 'valid', 2],
    ['late fee correct: paid well after the grace period', 'collections', 'invalid', 2],
  ],
  tax_error: [
    ['tax exemption certificate not loaded in the ERP', 'tax', 'valid', 5],
    ['wrong tax jurisdiction on the ship-to address', 'tax', 'partial', 2],
    ['tax correct: exemption certificate expired', 'tax', 'invalid', 1],
  ],
  contract_terms: [
    ['billing continued after the contract ended', 'legal', 'valid', 3],
    ['payment terms on the invoice differ from the contract', 'sales', 'valid', 2],
    ['invoice within contract: renewal clause applied as signed', 'legal', 'invalid', 2],
  ],
  service_dissatisfaction: [
    ['service delivered; customer unhappy with response times', 'customer_success', 'invalid', 5],
    ['service quality below the agreed level', 'service_delivery', 'partial', 2],
  ],
  unrecognized_charge: [
    ['charge supported by PO and delivery; customer AP unaware', 'billing', 'invalid', 4],
    ['charge not supported by any order', 'sales', 'valid', 2],
    ['unclear line description on the invoice template', 'billing', 'invalid', 2],
  ],
}

const REASON_WEIGHT: Record<string, readonly (readonly [ReasonCode, number])[]> = {
  goods: [
    ['pricing_error', 6],
    ['quantity_discrepancy', 6],
    ['damaged_goods', 4],
    ['duplicate_billing', 2],
    ['missing_po', 4],
    ['already_paid', 4],
    ['late_fee', 3],
    ['tax_error', 2],
    ['contract_terms', 1],
    ['unrecognized_charge', 3],
    ['other', 1],
  ],
  service: [
    ['pricing_error', 4],
    ['duplicate_billing', 5],
    ['service_not_rendered', 5],
    ['service_dissatisfaction', 4],
    ['missing_po', 2],
    ['already_paid', 4],
    ['late_fee', 3],
    ['tax_error', 2],
    ['contract_terms', 3],
    ['unrecognized_charge', 2],
    ['other', 1],
  ],
}

function actionFor(reason: ReasonCode, outcome: Outcome, owedCents: bigint): Action {
  if (outcome !== 'valid' && owedCents < 5000n) return 'write_off'
  if (outcome === 'invalid')
    return reason === 'service_dissatisfaction' && owedCents % 3n === 0n ? 'goodwill_credit' : 'no_adjustment'
  if (reason === 'missing_po' || (reason === 'tax_error' && outcome === 'valid')) return 'cancel_and_rebill'
  if (reason === 'already_paid') return 'apply_payment'
  return 'credit_memo'
}

/** What share of the invoice a dispute of this reason is usually about. */
function disputedOf(world: World, reason: ReasonCode, inv: Invoice): Money {
  const { rng } = world
  const totalMoney = invoiceFigures(inv).total
  const whole = ['duplicate_billing', 'missing_po', 'already_paid', 'contract_terms'].includes(reason)
  if (whole) return totalMoney
  if (reason === 'tax_error')
    return invoiceFigures(inv).tax.minor > 0n ? invoiceFigures(inv).tax : prorate(totalMoney, 7n, 100n)
  if (reason === 'late_fee') return prorate(totalMoney, BigInt(rng.pick([1, 2, 15])), rng.pick([100n, 100n, 1000n]))
  const line = rng.pick(inv.lines)
  const part = prorate(lineFigures(line, 'USD').gross, BigInt(rng.int(5, 60)), 100n)
  return part.minor > 0n ? part : totalMoney
}

export function pastDisputes(world: World): PastDispute[] {
  const { rng, today } = world
  const cutoff = addDays(today, -130)
  const planned = new Set(world.manifest.map((m) => m.inv))
  const older = world.drafts.filter((i) => i.issueDate < cutoff && !planned.has(i))
  const byCustomer = new Map<string, Invoice[]>()
  for (const inv of older) byCustomer.set(inv.customerId, [...(byCustomer.get(inv.customerId) ?? []), inv])
  const plans = world.plans.filter((p) => byCustomer.has(p.customer.id))
  // A few accounts dispute far more than the rest: the trend a lead should spot.
  const noisy = new Set(
    rng
      .shuffle(plans)
      .slice(0, 5)
      .map((p) => p.customer.id),
  )
  const weights = plans.map((p) => [p, noisy.has(p.customer.id) ? 12 : p.customer.strategic ? 2 : 1] as const)
  const out: Omit<PastDispute, 'id'>[] = []
  const used = new Set<Invoice>()
  while (out.length < PAST_DISPUTES) {
    const plan: Plan = rng.weighted(weights)
    const invoices = byCustomer.get(plan.customer.id) ?? []
    const inv = rng.pick(invoices)
    if (used.has(inv) && rng.chance(0.9)) continue
    used.add(inv)
    out.push(oneDispute(world, plan, inv))
  }
  out.sort((a, b) => (a.openedDate < b.openedDate ? -1 : a.openedDate > b.openedDate ? 1 : 0))
  return out.map((d, i) => ({ id: `DSP-${String(4001 + i)}`, ...d }))
}

export function oneDispute(world: World, plan: Plan, inv: Invoice): Omit<PastDispute, 'id'> {
  const { rng, today } = world
  const service = inv.servicePeriodStart !== undefined
  let reason = rng.weighted(REASON_WEIGHT[service ? 'service' : 'goods'] ?? [])
  if (reason === 'tax_error' && !plan.customer.taxExempt && rng.chance(0.5)) reason = 'pricing_error'
  const disputed = disputedOf(world, reason, inv)
  const line = rng.pick(inv.lines)
  const month = MONTHS[Number(inv.issueDate.slice(5, 7)) - 1] ?? 'January'
  const description = describeDispute(rng, reason, {
    customer: plan.customer.name,
    invoice: inv.number || 'the invoice',
    product: (line.description ?? line.sku).toLowerCase(),
    sku: line.sku,
    qty: line.quantity,
    month,
    amount: toDecimal(disputed),
    price: line.unitPrice,
    po: inv.poNumber ?? 'their PO',
  })
  const openedDate = addDays(inv.issueDate, rng.int(3, 45))
  if (reason === 'other') {
    const resolvedDate = addDays(openedDate, rng.int(1, 10))
    return base(inv, openedDate, resolvedDate, today, reason, description, disputed, {
      classification: 'invalid',
      action: 'no_adjustment',
      creditedAmount: '0.00',
      rootCause: rng.pick(['billing entity set up wrongly in the ERP', 'customer process request, no billing error']),
      department: 'billing',
      escalated: false,
      csat: rng.int(3, 5),
    })
  }
  const [rootCause, department, outcome] = rng.weighted(CAUSES[reason].map((c) => [c, c[3]] as const))
  const credited: Money =
    outcome === 'valid'
      ? disputed
      : outcome === 'partial'
        ? prorate(disputed, BigInt(rng.int(25, 80)), 100n)
        : money(0n, 'USD')
  const owed = disputed.minor - credited.minor
  let action = actionFor(reason, outcome, owed)
  if (action === 'credit_memo' && outcome === 'valid' && owed === 0n && reason === 'pricing_error' && rng.chance(0.1))
    action = 'cancel_and_rebill'
  const creditedAmount =
    action === 'write_off'
      ? toDecimal(money(disputed.minor, 'USD'))
      : action === 'goodwill_credit'
        ? toDecimal(prorate(disputed, 10n, 100n))
        : action === 'credit_memo'
          ? toDecimal(credited)
          : '0.00'
  const slow = department === 'legal' || department === 'logistics' ? 12 : 0
  const days = rng.int(2, 25) + slow + (plan.customer.segment === 'enterprise' ? rng.int(0, 10) : 0)
  const escalated =
    disputed.minor >= 1_000_000n || (plan.customer.strategic === true && rng.chance(0.6)) || rng.chance(0.05)
  const satisfaction = outcome === 'valid' ? 4 : outcome === 'partial' ? 3 : 2
  const csat = Math.max(1, Math.min(5, satisfaction + rng.int(-1, 1) - (days > 30 ? 1 : 0)))
  return base(inv, openedDate, addDays(openedDate, days), today, reason, description, disputed, {
    classification: outcome,
    action,
    creditedAmount,
    rootCause,
    department,
    escalated,
    csat,
  })
}

function base(
  inv: Invoice,
  openedDate: string,
  resolvedDate: string,
  today: string,
  reasonCode: ReasonCode,
  description: string,
  disputed: Money,
  outcome: Pick<
    PastDispute,
    'classification' | 'action' | 'creditedAmount' | 'rootCause' | 'department' | 'escalated' | 'csat'
  >,
): Omit<PastDispute, 'id'> {
  const open = resolvedDate >= today
  return {
    customerId: inv.customerId,
    invoiceNumber: inv.number,
    openedDate,
    ...(open ? {} : { resolvedDate }),
    reasonCode,
    description,
    disputedAmount: toDecimal(disputed),
    ...(open ? { department: outcome.department } : outcome),
  }
}
