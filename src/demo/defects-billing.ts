/** Planted defects of services, payments, fees, tax and contract terms. */
import { addDays } from '../core/dates.ts'
import { invoiceFigures } from '../core/invoice-math.ts'
import type { InvoiceLine } from '../core/ledger.ts'
import { decimal, percentOf, toDecimal } from '../core/money.ts'
import { monthEnd, monthStart, serviceInvoice } from './billing.ts'
import { gross, invoiceStands, isService, PER_REASON, type Planter, record, total } from './defect-kit.ts'
import { nextId, type Plan } from './model.ts'

export const BILLING_PLANTERS = {
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
          {
            classification: 'needs_info',
            supportedAmount: '0.00',
            disputedAmount: amount,
            action: 'request_information',
          },
          'control: no payment from the customer is in the ledger; the remittance advice is needed',
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
      // The first month wholly after the contract's end (and one more for each further defect on it).
      const start = monthStart(addDays(monthEnd(monthStart(end, 0)), 1 + 31 * Math.floor(i / ended.length)), 0)
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
        invoiceStands(toDecimal(gross(l))),
        `service log ${log.id} shows ${l.sku} rendered in full`,
        l,
      )
    }
  },
} satisfies Record<string, Planter>
