/**
 * Ordinary billing over eighteen months: monthly service invoices with service logs, goods orders
 * with purchase orders and deliveries, freight, and the customer's payments (on time, late, partial,
 * or not yet). Everything here is correct; defects are planted afterwards (defects.ts).
 */
import { addDays, daysBetween } from '../core/dates.ts'
import { invoiceFigures } from '../core/invoice-math.ts'
import type { Invoice, InvoiceLine } from '../core/ledger.ts'
import { decimal, percentOf, prorate, toDecimal } from '../core/money.ts'
import { priceOf, usd } from './customers.ts'
import { nextId, type Plan, type World } from './model.ts'
import { type CatalogItem, PEOPLE } from './words.ts'

/** "YYYY-MM-01" of the month `k` months before today's month. */
export function monthStart(today: string, k: number): string {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7)) - 1 - k
  const yy = y + Math.floor(m / 12)
  const mm = ((m % 12) + 12) % 12
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`
}

export function monthEnd(start: string): string {
  return addDays(monthStart(addDays(start, 40), 0), -1)
}

export const MONTHS_OF_HISTORY = 18

export function isActive(plan: Plan, date: string): boolean {
  const c = plan.contract
  return date >= c.startDate && (!c.endDate || date <= c.endDate)
}

export function billAll(world: World): void {
  for (let k = MONTHS_OF_HISTORY - 1; k >= 0; k--) {
    const start = monthStart(world.today, k)
    for (const plan of world.plans) billMonth(world, plan, start)
  }
  for (const inv of world.drafts) settle(world, inv)
}

function line(plan: Plan, n: number, sku: string, quantity: number): InvoiceLine {
  const item = plan.items.find((i) => i.sku === sku)
  return {
    line: n,
    sku,
    ...(item ? { description: item.description } : {}),
    quantity,
    unitPrice: priceOf(plan, sku),
    ...(plan.taxRate ? { taxRate: plan.taxRate } : {}),
  }
}

function billMonth(world: World, plan: Plan, start: string): void {
  const { rng, today } = world
  const end = monthEnd(start)
  const lastDay = addDays(today, -2)
  const services = plan.items.filter((i) => i.kind === 'service')
  const goods = plan.items.filter((i) => i.kind === 'goods')
  if (services.length > 0 && isActive(plan, start) && start <= lastDay) {
    serviceInvoice(
      world,
      plan,
      start,
      end,
      services.slice(0, 2).map((s) => s.sku),
    )
  }
  if (goods.length === 0) return
  const orders = Math.floor(plan.ordersPerMonth + rng.next() * 1.2)
  for (let o = 0; o < orders; o++) {
    const issue = addDays(start, rng.int(0, 27))
    if (issue > lastDay || !isActive(plan, issue)) continue
    goodsOrder(world, plan, issue, goods)
  }
}

/** An order of one to three of the customer's goods in their usual quantities, invoiced on `issue`. */
export function goodsOrder(world: World, plan: Plan, issue: string, goods: CatalogItem[]): Invoice {
  const { rng } = world
  const picked = rng.shuffle(goods).slice(0, rng.int(1, Math.min(3, goods.length)))
  return goodsInvoice(
    world,
    plan,
    issue,
    picked.map((g) => [g.sku, rng.int(g.qty[0], g.qty[1])] as const),
  )
}

export function serviceInvoice(world: World, plan: Plan, start: string, end: string, skus: string[]): Invoice {
  const { rng } = world
  const lines = skus.map((sku, i) => {
    const item = plan.items.find((it) => it.sku === sku)
    const [lo, hi] = item?.qty ?? [1, 1]
    // Subscriptions keep a steady size per customer: the seed is the customer, not the month.
    const qty = lo === hi ? lo : lo + ((plan.customer.id.charCodeAt(6) * 7 + start.charCodeAt(6)) % (hi - lo + 1))
    return line(plan, i + 1, sku, qty)
  })
  const inv: Invoice = {
    number: '',
    customerId: plan.customer.id,
    contractId: plan.contract.id,
    poNumber: null,
    issueDate: start,
    dueDate: addDays(start, plan.contract.paymentTermsDays),
    servicePeriodStart: start,
    servicePeriodEnd: end,
    currency: 'USD',
    lines,
  }
  if (plan.contract.poRequired) inv.poNumber = purchaseOrder(world, plan, inv, addDays(start, -rng.int(3, 12)))
  world.drafts.push(inv)
  for (const l of lines) {
    world.serviceLogs.push({
      id: nextId(world, 'SL-', 30001),
      customerId: plan.customer.id,
      inv,
      sku: l.sku,
      periodStart: start,
      periodEnd: end,
      quantity: l.quantity,
      status: 'rendered',
    })
  }
  return inv
}

export function goodsInvoice(
  world: World,
  plan: Plan,
  issue: string,
  picks: readonly (readonly [string, number])[],
): Invoice {
  const { rng } = world
  const inv: Invoice = {
    number: '',
    customerId: plan.customer.id,
    contractId: plan.contract.id,
    poNumber: null,
    issueDate: issue,
    dueDate: addDays(issue, plan.contract.paymentTermsDays),
    currency: 'USD',
    lines: picks.map(([sku, qty], i) => line(plan, i + 1, sku, qty)),
  }
  if (rng.chance(0.22))
    inv.fees = [{ type: 'freight', description: 'Freight and handling', amount: usd(rng.int(25, 160) * 100) }]
  if (plan.contract.poRequired || rng.chance(0.35))
    inv.poNumber = purchaseOrder(world, plan, inv, addDays(issue, -rng.int(5, 20)))
  world.drafts.push(inv)
  const delivered = addDays(issue, -rng.int(0, 3))
  for (const l of inv.lines) {
    world.deliveries.push({
      id: nextId(world, 'DLV-', 50001),
      inv,
      ...(inv.poNumber ? { poNumber: inv.poNumber } : {}),
      sku: l.sku,
      quantity: l.quantity,
      deliveredDate: delivered,
      proofOfDelivery: `POD signed by ${rng.pick(PEOPLE).split(' ')[0]} at receiving dock`,
    })
  }
  return inv
}

function purchaseOrder(world: World, plan: Plan, inv: Invoice, issueDate: string): string {
  const number = nextId(world, `${plan.poPrefix}-`, 4101, 4)
  world.purchaseOrders.push({
    number,
    customerId: plan.customer.id,
    issueDate,
    currency: 'USD',
    status: 'open',
    lines: inv.lines.map((l) => ({
      sku: l.sku,
      ...(l.description ? { description: l.description } : {}),
      quantity: l.quantity,
      unitPrice: l.unitPrice,
    })),
  })
  return number
}

/** The customer's payment behaviour on one invoice; long-overdue invoices under a fee clause get their fee. */
export function settle(world: World, inv: Invoice): void {
  const { rng, today } = world
  const plan = world.plans.find((p) => p.customer.id === inv.customerId)
  if (!plan) return
  const total = invoiceFigures(inv).total
  const payDate = addDays(inv.dueDate, rng.int(plan.paysLate[0], plan.paysLate[1]))
  const stillOpen = rng.chance(daysBetween(inv.dueDate, today) > 120 ? 0.03 : 0.1)
  if (payDate < today && !stillOpen) {
    const partial = rng.chance(0.04)
    world.payments.push({
      id: nextId(world, 'PMT-', 70001),
      customerId: inv.customerId,
      inv,
      amount: toDecimal(partial ? prorate(total, BigInt(rng.int(40, 80)), 100n) : total),
      currency: 'USD',
      date: payDate,
      method: rng.pick(['ACH', 'ACH', 'wire', 'check', 'card']),
      reference: `RMT-${rng.int(100000, 999999)}`,
    })
    return
  }
  const fee = plan.contract.lateFee
  const late = daysBetween(inv.dueDate, today)
  if (fee && late > (fee.graceDays ?? 0) + 30 && rng.chance(0.7)) {
    const amount = percentOf(total, decimal(fee.percentPerMonth))
    inv.fees = [
      ...(inv.fees ?? []),
      {
        type: 'late_fee',
        description: `Late payment charge ${fee.percentPerMonth}% per month`,
        amount: toDecimal(amount),
      },
    ]
  }
}
