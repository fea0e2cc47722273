/** Trends and the data insights as charts and tables, the aging report; every report has its CSV. */
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { barChart, lineChart, stackedBarChart } from '../charts.ts'
import { errorBox, label, percent, section, table, type ViewContext } from '../context.ts'
import { insightsSection, reportTable, saveFile } from './insights.ts'

interface CountRow {
  key: string
  count: number
}
interface Trends {
  total?: number
  byReason?: CountRow[]
  byCustomer?: CountRow[]
  byDepartment?: CountRow[]
  byMonth?: CountRow[]
  recurringRootCauses?: CountRow[]
  rootCauses?: CountRow[]
  averageResolutionDays?: number | null
  avgResolutionDays?: number | null
  resolvedWithoutEscalationShare?: number | null
  csatAverage?: number | null
}
const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const
type Amounts = Record<(typeof BUCKETS)[number], string>
interface AgingRow {
  currency: string
  buckets: Amounts
  disputed: Amounts
  undisputed: Amounts
  total: string
  disputedTotal: string
}
interface Aging {
  today: string
  bucketLabels: Record<string, string>
  customers: { customerId: string; customerName: string; rows: AgingRow[] }[]
  totals: AgingRow[]
}

const bars = (rows: CountRow[] | undefined, n = 12) =>
  (rows ?? []).slice(0, n).map((r) => ({ label: label(r.key), value: r.count }))

function kpi(name: string, value: string): HTMLElement {
  return h('div', { class: 'kpi' }, h('span', { class: 'kpi-value' }, value), h('span', { class: 'kpi-name' }, name))
}

/** Amounts are decimal strings; charts need a magnitude only, so a float is fine for drawing. */
const magnitude = (s: string) => Number(s) || 0

async function trendsSection(ctx: ViewContext): Promise<HTMLElement> {
  const r = await ctx.api.get<Trends>('/api/trends')
  if (!r.ok) return section('Trends', errorBox(r.error))
  const t = r.value
  const avg = t.averageResolutionDays ?? t.avgResolutionDays
  return section(
    'Trends',
    h(
      'div',
      { class: 'kpis' },
      kpi('Disputes', String(t.total ?? (t.byReason ?? []).reduce((s, x) => s + x.count, 0))),
      kpi('Average resolution time', typeof avg === 'number' ? `${avg.toFixed(1)} days` : '—'),
      kpi('Resolved without escalation', percent(t.resolvedWithoutEscalationShare)),
      kpi('CSAT average', typeof t.csatAverage === 'number' ? `${t.csatAverage.toFixed(2)} / 5` : '—'),
    ),
    h('h3', {}, 'Disputes over time'),
    lineChart(
      'Disputes opened per month (a month without disputes is zero)',
      (t.byMonth ?? []).map((m) => ({ label: m.key, value: m.count })),
    ),
    h(
      'div',
      { class: 'grid2' },
      h('div', {}, h('h3', {}, 'By reason'), barChart('Disputes by reason', bars(t.byReason))),
      h('div', {}, h('h3', {}, 'By customer'), barChart('Disputes by customer (top 12)', bars(t.byCustomer))),
      h('div', {}, h('h3', {}, 'By department'), barChart('Disputes by department', bars(t.byDepartment))),
      h(
        'div',
        {},
        h('h3', {}, 'Recurring root causes'),
        barChart('Recurring root causes', bars(t.recurringRootCauses ?? t.rootCauses)),
      ),
    ),
    h('h3', {}, 'Trend tables'),
    ...(
      [
        ['trends-by-month', 'month', 'Disputes by month', t.byMonth],
        ['trends-by-reason', 'reason', 'Disputes by reason', t.byReason],
        ['trends-by-customer', 'customer', 'Disputes by customer', t.byCustomer],
        ['trends-by-department', 'department', 'Disputes by department', t.byDepartment],
        ['trends-root-causes', 'root_cause', 'Recurring root causes', t.recurringRootCauses ?? t.rootCauses],
      ] as const
    ).map(([name, key, caption, rows]) =>
      reportTable(ctx, { name, headers: [key, 'disputes'], rows: (rows ?? []).map((r) => [r.key, r.count]) }, caption),
    ),
  )
}

async function download(ctx: ViewContext, status: HTMLElement): Promise<void> {
  const response = await ctx.api.raw('/api/aging.csv')
  if (!response.ok) {
    status.textContent = `Download failed (${response.status}).`
    return
  }
  saveFile(`aging-${ctx.today}.csv`, await response.blob(), status)
}

async function agingSection(ctx: ViewContext): Promise<HTMLElement> {
  const r = await ctx.api.get<Aging>('/api/aging')
  if (!r.ok) return section('Aging report', errorBox(r.error))
  const a = r.value
  const names = BUCKETS.map((b) => a.bucketLabels?.[b] ?? label(b))
  const status = h('span', { role: 'status' })
  const button = h('button', { type: 'button', onclick: () => void download(ctx, status) }, 'Download CSV')
  const totalRows = a.totals.map((t) => [
    h('strong', {}, `All customers (${t.currency})`),
    ...BUCKETS.map((b) => h('span', { class: 'num' }, formatAmount(t.buckets[b]))),
    h('strong', { class: 'num', 'data-testid': `aging-total-${t.currency}` }, formatAmount(t.total)),
    h('span', { class: 'num', 'data-testid': `aging-disputed-${t.currency}` }, formatAmount(t.disputedTotal)),
  ])
  const customerRows = a.customers.flatMap((c) =>
    c.rows.map((row) => [
      `${c.customerName} (${c.customerId})`,
      ...BUCKETS.map((b) => h('span', { class: 'num' }, formatAmount(row.buckets[b]))),
      h('span', { class: 'num' }, formatAmount(row.total)),
      h('span', { class: 'num' }, formatAmount(row.disputedTotal)),
    ]),
  )
  // One chart per currency: amounts in different currencies do not add up.
  const charts = a.totals.map((t) =>
    stackedBarChart(
      `Open balance by age (${t.currency})`,
      BUCKETS.map((b, i) => ({
        label: names[i] ?? b,
        parts: [
          { name: 'Undisputed', value: magnitude(t.undisputed[b]) },
          { name: 'Disputed', value: magnitude(t.disputed[b]) },
        ],
      })),
      (n) => n.toFixed(2),
    ),
  )
  return section(
    'Aging report',
    h(
      'p',
      {},
      `As of ${a.today}. Disputed amounts are shown apart from the undisputed balance.`,
      ' ',
      button,
      ' ',
      status,
    ),
    ...charts,
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Aging by customer' },
      table(
        ['Customer', ...names, 'Total', 'In dispute'],
        [...totalRows, ...customerRows],
        'Open balance by customer and age',
      ),
    ),
  )
}

export async function metricsView(ctx: ViewContext): Promise<HTMLElement> {
  const [trends, insights, aging] = await Promise.all([trendsSection(ctx), insightsSection(ctx), agingSection(ctx)])
  return h('div', {}, trends, insights, aging)
}
