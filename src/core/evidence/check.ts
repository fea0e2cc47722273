/**
 * What every rule of evidence shares: its input (the claim's scope and the ledger's documents), its
 * output (findings, the documents it rests on, the ones it lacks), and the credit arithmetic of a
 * line, so tax follows the line and is rounded once, as on a credit memo line.
 */
import type { Scope } from '../claim-scope.ts'
import { periodsOverlap } from '../dates.ts'
import type { InvoiceLine, ReasonCode } from '../ledger.ts'
import {
  add,
  type Decimal,
  decimal,
  decimalCmp,
  decimalSub,
  type Money,
  moneyOf,
  multiply,
  ratePercent,
  sub,
  toDecimal,
  zero,
} from '../money.ts'
import type {
  Claim,
  Delivery,
  DocumentKind,
  Evidence,
  Finding,
  FindingTarget,
  Reason,
  RootCause,
  ServiceLog,
} from '../resolution.ts'

export interface CheckContext {
  claim: Claim
  evidence: Evidence
  currency: string
  today: string
  scope: Scope
  openBalance: Money
}

export interface CheckResult {
  findings: Finding[]
  /** Documents this reason's decision rests on. */
  required: DocumentKind[]
  /** Required documents the ledger lacks: the dispute is `needs_info` until they arrive. */
  missing: DocumentKind[]
  /** An administrative defect that really exists: the charges are owed, the document must be reissued. */
  defect?: Reason
  /** A payment of the customer's covers the claim and only needs applying (already_paid). */
  paymentToApply?: boolean
  /** Nothing in the ledger can decide this claim: a person must (needs_info, no document to ask for). */
  undecided?: Reason
  /** When the check knows the cause better than the reason code does. */
  rootCause?: RootCause
}

export type Check = (ctx: CheckContext) => CheckResult

export const unitPrice = (line: InvoiceLine, currency: string): Money => moneyOf(line.unitPrice, currency)

/** net + the line's tax on it, rounded once per line, half-up: what an invoice line shows. */
export function withLineTax(line: InvoiceLine, net: Money): Money {
  return line.taxRate ? add(net, multiply(net, decimal(line.taxRate))) : net
}

/** The line as billed, with its tax. */
export function lineGross(line: InvoiceLine, currency: string): Money {
  return withLineTax(line, multiply(unitPrice(line, currency), decimal(line.quantity)))
}

/**
 * What the line over-bills when its net should have been `correctNet`: the gross as billed minus
 * the gross it should have had, each with its tax rounded per line as on an invoice. So the credit
 * brings the invoice to exactly what should have been billed (crediting net × rate instead can be a
 * cent off, and that cent would stay on the customer's balance).
 */
export function creditToNet(line: InvoiceLine, correctNet: Money, currency: string): Money {
  const over = sub(lineGross(line, currency), withLineTax(line, correctNet))
  return over.minor > 0n ? over : zero(currency)
}

/** What `units` of the line cost with their tax: the credit that bills `units` fewer. */
export function unitsCredit(line: InvoiceLine, units: Decimal, currency: string): Money {
  if (decimalCmp(units, { int: 0n, scale: 0 }) <= 0) return zero(currency)
  const remaining = decimalSub(decimal(line.quantity), units)
  if (decimalCmp(remaining, { int: 0n, scale: 0 }) <= 0) return lineGross(line, currency)
  return creditToNet(line, multiply(unitPrice(line, currency), remaining), currency)
}

export const billedLine = (line: InvoiceLine): string =>
  `Line ${line.line} ${line.sku}: ${line.quantity} × ${line.unitPrice}${line.taxRate ? ` + ${ratePercent(line.taxRate)} tax` : ''}`

export interface FindingParts {
  target: FindingTarget
  billed: string
  evidence: string
  documentId: string
  amount: Money
  /** Defaults to "something is not owed"; a defect that really exists supports the customer at 0.00. */
  supports?: boolean
}

export function finding(check: ReasonCode, parts: FindingParts): Finding {
  return {
    check,
    target: parts.target,
    billed: parts.billed,
    evidence: parts.evidence,
    documentId: parts.documentId,
    amountNotOwed: toDecimal(parts.amount),
    supportsCustomer: parts.supports ?? parts.amount.minor > 0n,
  }
}

export function lineFinding(
  check: ReasonCode,
  line: InvoiceLine,
  parts: Omit<FindingParts, 'target' | 'billed'>,
): Finding {
  return finding(check, {
    ...parts,
    target: { kind: 'line', line: line.line, sku: line.sku },
    billed: billedLine(line),
  })
}

export function result(findings: Finding[], required: DocumentKind[], missing: DocumentKind[] = []): CheckResult {
  return { findings, required, missing }
}

/** Deliveries of a SKU for this invoice: recorded against it, or against its PO without an invoice. */
export function deliveriesFor(evidence: Evidence, sku: string): Delivery[] {
  const inv = evidence.invoice
  return evidence.deliveries.filter(
    (d) =>
      d.sku === sku &&
      (d.invoiceNumber === inv.number || (!d.invoiceNumber && !!inv.poNumber && d.poNumber === inv.poNumber)),
  )
}

/** Service logs of a SKU for this invoice: linked to it, or unlinked and overlapping its service period. */
export function serviceLogsFor(evidence: Evidence, sku: string): ServiceLog[] {
  const inv = evidence.invoice
  const start = inv.servicePeriodStart ?? inv.issueDate
  const end = inv.servicePeriodEnd ?? start
  return evidence.serviceLogs.filter(
    (l) =>
      l.sku === sku &&
      (l.invoiceNumber === inv.number ||
        (!l.invoiceNumber &&
          l.customerId === inv.customerId &&
          periodsOverlap(l.periodStart, l.periodEnd, start, end))),
  )
}

export const ids = (docs: readonly { id: string }[]): string => docs.map((d) => d.id).join(', ')
