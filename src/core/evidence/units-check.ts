/**
 * The rules that count units: a record per billed line (delivery, service log) says how many units
 * the customer did not get; those units with the line's tax are not owed. A scope line without any
 * record makes the dispute `needs_info`.
 */
import type { InvoiceLine, ReasonCode } from '../ledger.ts'
import { type Decimal, decimal, decimalCmp, decimalSub, decimalToString, min } from '../money.ts'
import type { DocumentKind, Evidence, Finding } from '../resolution.ts'
import { type Check, deliveriesFor, ids, lineFinding, result, serviceLogsFor, unitsCredit } from './check.ts'

export interface UnitsRule<D extends { id: string }> {
  check: ReasonCode
  document: DocumentKind
  records: (evidence: Evidence, line: InvoiceLine) => D[]
  /** Units of the line the records show were not received / rendered / usable. */
  unitsNotOwed: (line: InvoiceLine, records: D[]) => Decimal
  /** The records in words, with figures ("delivered 42 (POD-779 signed)"). */
  describe: (records: D[]) => string
}

const ZERO: Decimal = { int: 0n, scale: 0 }

/** billed − counted, never below zero and never above what was billed. */
export function shortfall(line: InvoiceLine, counted: Decimal): Decimal {
  const billed = decimal(line.quantity)
  const short = decimalSub(billed, counted)
  if (decimalCmp(short, ZERO) <= 0) return ZERO
  return decimalCmp(short, billed) > 0 ? billed : short
}

export const units = (d: Decimal): string => decimalToString(d)

export function unitsCheck<D extends { id: string }>(rule: UnitsRule<D>): Check {
  return (ctx) => {
    const findings: Finding[] = []
    let missing = false
    // A line the other kind of record covers (a service log beside goods delivered, a delivery beside
    // a service) is not what a claim of this kind is about, where another line of the scope is: "one
    // of the two pumps came cracked" says nothing of their installation.
    const otherKind = (line: InvoiceLine): boolean =>
      rule.document === 'delivery'
        ? serviceLogsFor(ctx.evidence, line.sku).length > 0
        : deliveriesFor(ctx.evidence, line.sku).length > 0
    const scoped = ctx.scope.lines.map((line) => ({ line, records: rule.records(ctx.evidence, line) }))
    const anyRecorded = scoped.some((s) => s.records.length > 0)
    for (const { line, records } of scoped) {
      if (!records.length) {
        if (!(anyRecorded && otherKind(line))) missing = true
        continue
      }
      const notOwed = rule.unitsNotOwed(line, records)
      const amount = unitsCredit(line, notOwed, ctx.currency)
      findings.push(
        lineFinding(rule.check, line, {
          evidence: rule.describe(records),
          documentId: ids(records),
          amount: min(amount, unitsCredit(line, decimal(line.quantity), ctx.currency)),
        }),
      )
    }
    return result(findings, [rule.document], missing ? [rule.document] : [])
  }
}
