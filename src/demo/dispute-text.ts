/**
 * How people write up disputes: several phrasings per reason, filled with the invoice's own product,
 * quantities, month and contact, plus optional openers and tails, so no two descriptions read alike
 * and similarity search has real wording to work with.
 */
import type { ReasonCode } from '../core/ledger.ts'
import type { Rng } from './prng.ts'
import { CONTACT_ROLES, PEOPLE } from './words.ts'

export interface Slots {
  customer: string
  invoice: string
  product: string
  sku: string
  qty: number
  month: string
  amount: string
  price: string
  po: string
}

const T: Record<ReasonCode, readonly string[]> = {
  pricing_error: [
    '{product} on {invoice} billed at {price} a unit, contract says less',
    'Customer says we charged the old list price for {product} after the renewal',
    '{contact} flagged the unit price of {sku}: expected the negotiated rate, invoice shows {price}',
    'Price on the {month} invoice higher than the agreed contract price for {product}',
    'AP rejected {invoice}: rate for {qty} x {product} does not match their PO',
    'They were promised a volume discount on {product} that is not on the invoice',
    'Overcharged on {product} — {price} per unit instead of the quoted price',
    'Unit price mismatch between the quote and invoice {invoice} ({sku})',
  ],
  quantity_discrepancy: [
    'Billed for {qty} {product} but the dock only received part of the shipment',
    'Short shipment in {month}: invoice {invoice} charges the full order of {sku}',
    '{contact} says they counted fewer {product} than invoiced',
    'Receiving report shows fewer units of {sku} than billed on {invoice}',
    'Customer was invoiced for a backordered quantity of {product} that never shipped',
    'Quantity on {invoice} ({qty}) does not match the packing slip',
    'Two cartons of {product} missing from the {month} delivery, still billed',
  ],
  damaged_goods: [
    'Part of the {product} delivery arrived damaged; they want a credit',
    '{contact} sent photos of crushed {product} from the {month} shipment',
    'Several units of {sku} broken on arrival, noted on the POD',
    'Damaged in transit: {product} on {invoice}, customer refusing to pay those units',
    'Pallet of {product} arrived wet and unusable',
    'Customer reports dented {product}, asks for replacement or credit',
  ],
  duplicate_billing: [
    'Invoiced twice for {month}: {invoice} duplicates an earlier invoice',
    '{contact} got invoiced twice for one {product} order',
    'Same PO {po} billed on two invoices',
    'Duplicate charge for the {month} subscription',
    'Customer paid the first invoice and now got a second one for the same period',
    'Our system re-sent the {month} invoice under a new number; customer wants it voided',
  ],
  service_not_rendered: [
    'Billed for {product} in {month} but the technician never came',
    '{contact} says the {product} visit was cancelled and never rescheduled',
    'No {product} delivered in {month}, still on the invoice',
    'Customer disputes {qty} hours of {product} they say did not happen',
    'Service was suspended for most of {month} but billed in full',
    'Training day on {invoice} was postponed; they were charged anyway',
  ],
  missing_po: [
    'AP cannot process {invoice} without a PO number',
    '{contact} returned the invoice: PO missing, please reissue',
    'Invoice sent without their purchase order reference; payment on hold',
    'Wrong PO on {invoice}; their system rejects it',
    'Customer requires PO on every invoice per contract; {invoice} has none',
  ],
  already_paid: [
    'Customer says {invoice} was paid on time by ACH',
    '{contact} sent a remittance advice showing payment of {amount}',
    'They paid {amount} in {month}; payment seems unapplied on our side',
    'Dunning letter sent for an invoice the customer already paid',
    'Check for {invoice} cleared weeks ago according to the customer',
    'Payment applied to the wrong invoice; customer shows proof of payment',
  ],
  late_fee: [
    'Customer disputes the late fee on {invoice}: paid within the grace period',
    '{contact} says no late-fee clause appears in their contract',
    'Finance charge of {amount} added although payment arrived a few days after due date',
    'Late fee applied while the invoice was under dispute',
    'They want the {month} finance charge reversed',
    'Late payment charge on {invoice} looks wrong, payment was made before the due date',
  ],
  tax_error: [
    'Sales tax charged although they are tax exempt; certificate on file',
    '{contact} sent the exemption certificate again; tax still on {invoice}',
    'Wrong tax rate applied on {product}',
    'Tax charged on {invoice} for a non-profit customer',
    'Customer says freight should not have been taxed',
    'Tax exemption not applied on the {month} invoice',
  ],
  contract_terms: [
    'Invoiced for {month} after the contract ended',
    '{contact} says they gave notice and the agreement expired before {month}',
    'Billed on 30-day terms instead of the 60 days in the contract',
    'Auto-renewal charge disputed: customer never agreed to renew',
    'Charges for {product} after the termination date',
    'Invoice issued under the old agreement, not the new master contract',
  ],
  service_dissatisfaction: [
    'Unhappy with {product} in {month}: slow response times',
    '{contact} complains the technician did a poor job and wants money back',
    'Customer says the {product} did not meet expectations; service was delivered',
    'Quality complaint about {product}; they are withholding payment',
    'Escalated complaint about support responsiveness, asking for a credit',
    'Not satisfied with the installation work on site',
  ],
  unrecognized_charge: [
    'Customer does not recognise the {product} charge on {invoice}',
    '{contact} asks what {sku} is; nobody on their side ordered it',
    'Unknown freight charge on the {month} invoice',
    'They do not recognise {qty} x {product}; asking for proof of order',
    'Line for {product} unclear; requested backup documentation',
    'Mystery charge of {amount} on {invoice}',
  ],
  other: [
    'Invoice addressed to the wrong billing entity',
    '{contact} wants the invoice split across two cost centres',
    'Customer asks for a copy in a different format before paying',
    'Bank details on {invoice} questioned by their AP team',
    'General billing query about {invoice}',
  ],
}

const OPENERS = [
  '',
  '',
  '',
  'Per email from {contact}: ',
  'Call with {contact} ({role}): ',
  'Portal ticket: ',
  '{customer} AP: ',
  'Raised by {contact}. ',
] as const

const TAILS = [
  '',
  '',
  '',
  '.',
  '. Asked for a credit note.',
  '. Payment on hold until resolved.',
  '. Second time this quarter.',
  '. Wants it fixed before month end.',
  '. Sent supporting photos/documents.',
] as const

export function describeDispute(rng: Rng, reason: ReasonCode, slots: Slots): string {
  const contact = rng.pick(PEOPLE).split(' ')[0] ?? 'AP'
  const fill = (t: string) =>
    t
      .replaceAll('{contact}', contact)
      .replaceAll('{role}', rng.pick(CONTACT_ROLES))
      .replaceAll('{customer}', slots.customer)
      .replaceAll('{invoice}', slots.invoice)
      .replaceAll('{product}', slots.product)
      .replaceAll('{sku}', slots.sku)
      .replaceAll('{qty}', String(slots.qty))
      .replaceAll('{month}', slots.month)
      .replaceAll('{amount}', slots.amount)
      .replaceAll('{price}', slots.price)
      .replaceAll('{po}', slots.po)
  const raw = fill(rng.pick(T[reason]))
  const body = raw.charAt(0).toUpperCase() + raw.slice(1)
  return `${fill(rng.pick(OPENERS))}${body}${rng.pick(TAILS)}`
}
