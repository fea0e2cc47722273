/**
 * Service logs for the billed SKU and period: units not rendered (with their tax) are not owed.
 * The same rule answers `service_not_rendered` and `service_dissatisfaction`: for the latter a log
 * showing the service delivered means the billing stands, whatever the customer thought of it.
 */
import type { ReasonCode } from '../ledger.ts'
import { sumQuantities } from '../money.ts'
import type { ServiceLog } from '../resolution.ts'
import { serviceLogsFor } from './check.ts'
import { shortfall, units, unitsCheck } from './units-check.ts'

const rendered = (logs: ServiceLog[]) =>
  sumQuantities(logs.filter((l) => l.status !== 'not_rendered').map((l) => l.quantity))

export const serviceRenderedCheck = (check: ReasonCode) =>
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
