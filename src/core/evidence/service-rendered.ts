/**
 * Service logs for the billed SKU and period: units not rendered (with their tax) are not owed.
 * The same rule answers `service_not_rendered` and `service_dissatisfaction`: for the latter a log
 * showing the service delivered means the billing stands, whatever the customer thought of it.
 *
 * A claim about specific dates (`claim.serviceDates`) is decided by logs that cover those dates one
 * by one: each claimed date without a rendered entry is one unit not rendered. A log that records a
 * span of days as one entry cannot say which dates were served: needs_info, ask for the visit records.
 */
import type { InvoiceLine, ReasonCode } from '../ledger.ts'
import { decimal, decimalCmp, min, sumQuantities } from '../money.ts'
import type { Finding, ServiceLog } from '../resolution.ts'
import { type Check, type CheckContext, ids, lineFinding, result, serviceLogsFor, unitsCredit } from './check.ts'
import { shortfall, units, unitsCheck } from './units-check.ts'

const rendered = (logs: ServiceLog[]) =>
  sumQuantities(logs.filter((l) => l.status !== 'not_rendered').map((l) => l.quantity))

const byQuantity = (check: ReasonCode) =>
  unitsCheck({
    check,
    document: 'service_log',
    records: (evidence, line) => serviceLogsFor(evidence, line.sku),
    unitsNotOwed: (line, logs) => shortfall(line, rendered(logs)),
    describe: (logs) =>
      `rendered ${units(rendered(logs))} (${logs
        .map((l) => `${l.id} ${l.status} ${l.quantity} ${l.periodStart}–${l.periodEnd}`)
        .join('; ')})`,
  })

const covers = (l: ServiceLog, date: string) => l.periodStart <= date && date <= l.periodEnd

/** The units the claim counts as not rendered, credited where the line's log falls short of what it bills
 *  by at least that many; undefined where the claim counts none or the log does not bear it out. */
function byTheCount(check: ReasonCode, line: InvoiceLine, logs: ServiceLog[], ctx: CheckContext): Finding | undefined {
  const counted = ctx.claim.quantityAffected
  if (counted === undefined || decimalCmp(shortfall(line, rendered(logs)), decimal(counted)) < 0) return undefined
  return lineFinding(check, line, {
    evidence: `rendered ${units(rendered(logs))} of ${line.quantity} billed (${ids(logs)})`,
    documentId: ids(logs),
    amount: unitsCredit(line, decimal(counted), ctx.currency),
  })
}

const byDate =
  (check: ReasonCode, dates: readonly string[]): Check =>
  (ctx) => {
    const findings: Finding[] = []
    let missing = false
    for (const line of ctx.scope.lines) {
      const logs = serviceLogsFor(ctx.evidence, line.sku)
      if (!logs.length) {
        missing = true
        continue
      }
      const spans = logs.filter((l) => l.periodStart !== l.periodEnd && dates.some((d) => covers(l, d)))
      const undatedDates = dates.filter((d) => !logs.some((l) => l.periodStart === d && l.periodEnd === d))
      if (spans.length && undatedDates.some((d) => spans.some((l) => covers(l, d)))) {
        // "off-hired on the 12th, so 3 days": a span cannot say which days were served, but it counts
        // them; where it counts at least the units claimed as not rendered, the count decides.
        const decided = byTheCount(check, line, logs, ctx)
        if (decided) {
          findings.push(decided)
          continue
        }
        const r = result([], ['service_log'])
        r.undecided = {
          code: 'visit_records_needed',
          detail: `service log ${ids(spans)} records ${spans[0]?.periodStart}–${spans[0]?.periodEnd} as one entry: it cannot show whether ${dates.join(', ')} were served; ask the service team for the visit records`,
        }
        r.rootCause = 'missing_documentation'
        return r
      }
      // "4 of the group never collected kit on the Wednesday", where that day's entry is partial: the entry
      // does not say how many were due that day, but the line's log counts what was rendered; where it falls
      // short of what is billed by at least the units claimed, the count decides, as for a span above.
      const partialOnDates = logs.some((l) => l.status === 'partial' && dates.some((d) => covers(l, d)))
      const decided = partialOnDates ? byTheCount(check, line, logs, ctx) : undefined
      if (decided) {
        findings.push(decided)
        continue
      }
      const unserved = dates.filter((d) => !logs.some((l) => covers(l, d) && l.status !== 'not_rendered'))
      // An invoice for an event, with no service period, whose line is logged on the dates claimed
      // alone: the line bills those dates, so what it bills beyond what they rendered is not owed (8
      // participants of a session on one day, not 1). Otherwise (a period of visits) each date
      // unserved is one unit of the line.
      // So does a line of a period whose every log is one of the dates claimed, when the claim counts
      // units ("billed 40 holiday hours, only 24 worked on the 1st", "it worked about 2 hours of the 4 billed
      // for the 9th"): the line bills those days.
      const { servicePeriodStart, servicePeriodEnd } = ctx.evidence.invoice
      const onlyThoseDates =
        (!servicePeriodStart && !servicePeriodEnd && logs.every((l) => dates.some((d) => covers(l, d)))) ||
        ((ctx.claim.quantityAffected !== undefined || ctx.claim.quantityReceived !== undefined) &&
          logs.every((l) => l.periodStart === l.periodEnd && dates.includes(l.periodStart)))
      const unitsNotOwed = onlyThoseDates ? shortfall(line, rendered(logs)) : decimal(unserved.length)
      const notOwed = min(
        unitsCredit(line, unitsNotOwed, ctx.currency),
        unitsCredit(line, decimal(line.quantity), ctx.currency),
      )
      findings.push(
        lineFinding(check, line, {
          evidence: unserved.length
            ? `no visit logged on ${unserved.join(', ')} (${ids(logs)})`
            : `visits logged on ${dates.join(', ')} (${ids(logs.filter((l) => dates.some((d) => covers(l, d))))})`,
          documentId: ids(logs),
          amount: notOwed,
        }),
      )
    }
    return result(findings, ['service_log'], missing ? ['service_log'] : [])
  }

export const serviceRenderedCheck =
  (check: ReasonCode): Check =>
  (ctx) =>
    ctx.claim.serviceDates?.length ? byDate(check, ctx.claim.serviceDates)(ctx) : byQuantity(check)(ctx)
