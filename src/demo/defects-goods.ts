/** Planted defects on goods: price, quantity, damage, duplicates, missing POs, unrecognised charges. */
import { addDays } from '../core/dates.ts'
import type { Invoice, InvoiceLine } from '../core/ledger.ts'
import { moneyOf, multiply, toDecimal } from '../core/money.ts'
import { gross, invoiceStands, isService, notOwed, PER_REASON, type Planter, record, total } from './defect-kit.ts'

export const GOODS_PLANTERS = {
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
          invoiceStands(toDecimal(gross(l))),
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
          invoiceStands(toDecimal(gross({ ...l, quantity: 2 }))),
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
  unrecognized_charge(world, pick) {
    for (let i = 0; i < PER_REASON; i++) {
      const got = pick.invoice((inv) => !isService(inv) && inv.poNumber !== null)
      if (!got) return
      const l = got.inv.lines[got.inv.lines.length - 1] as InvoiceLine
      record(
        world,
        got.inv,
        'unrecognized_charge',
        invoiceStands(toDecimal(gross(l))),
        `${l.sku} is on PO ${got.inv.poNumber}, the contract and a signed delivery`,
        l,
      )
    }
  },
} satisfies Record<string, Planter>
