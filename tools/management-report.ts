import { z } from 'zod'
import { Amount } from '../src/core/ledger.ts'
import { managementReportOf } from '../src/services/management-report.ts'
import { defineTool, ok } from './define-tool.ts'
import { DateRange } from './schemas.ts'

const Amounts = z.record(z.string(), Amount).describe('an amount per currency; currencies are never added')
const ValueRow = z.object({
  key: z.string(),
  name: z.string().optional(),
  count: z.number().int(),
  ids: z.array(z.string()),
  value: Amounts,
})
const days = z.number().nullable()
const int = z.number().int()
const fields = <T extends z.ZodType, K extends string>(type: T, ...names: K[]) =>
  Object.fromEntries(names.map((n) => [n, type])) as Record<K, T>

export const ManagementReportView = z.object({
  today: z.string(),
  from: z.string(),
  to: z.string(),
  totals: z.object({ disputes: z.number().int(), open: z.number().int(), resolved: z.number().int(), value: Amounts }),
  byReason: z.array(ValueRow),
  byCustomer: z.array(ValueRow),
  byDepartment: z.array(ValueRow),
  bySku: z.array(ValueRow),
  daysToResolve: z.object({ mean: days, median: days, p90: days }),
  resolvedWithoutEscalationShare: z.number().nullable(),
  credits: z.array(
    z.object({
      currency: z.string(),
      ...fields(Amount, 'granted', 'supported', 'beyondSupport', 'grantedSupportUnknown'),
      ...fields(int, 'compared', 'unknown', 'otherRemedy'),
    }),
  ),
  recurringRootCauses: z.array(
    z.object({ key: z.string(), count: z.number().int(), ids: z.array(z.string()), prevention: z.array(z.string()) }),
  ),
  accountsAtRisk: z.array(
    z.object({
      ...fields(z.string(), 'customerId', 'customerName', 'currency'),
      ...fields(Amount, 'inDispute', 'openBalance', 'over90'),
      ...fields(int, 'oldestDisputedDaysPastDue', 'openDisputes'),
    }),
  ),
})

export const managementReportTool = defineTool({
  name: 'management_report',
  title: 'Management report',
  description:
    'The dispute analysis report for management over a date range (default: the previous calendar month): ' +
    'volume and value by reason, customer, department and SKU; days to resolve (mean, median, 90th percentile); ' +
    'the share resolved without escalation; credits granted against what the evidence supported; recurring root ' +
    'causes with the prevention actions recorded; the accounts most at risk (open disputed value and its age). ' +
    'The counts are the dashboard trends’ for the same range. Money per currency, as decimal strings.',
  // A backwards range is refused by the schema, naming `from`, like any other bad input.
  input: z
    .object({ ...DateRange })
    .refine((r) => !(r.from && r.to && r.from > r.to), { message: '`from` is after `to`.', path: ['from'] }),
  output: ManagementReportView,
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: () => 'Preparing the management report…',
  run: async (input, ctx) => ok(await managementReportOf(ctx.services.store, ctx.today, input)),
})
