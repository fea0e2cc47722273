/**
 * The data insights on the metrics view: resolution by dispute type, days to resolve by month, CSAT
 * against speed, days deduction outstanding. Every figure is the core's (GET /api/insights); each
 * table has its CSV, written by the same core function the report's tables come from.
 */
import {
  type Cell,
  type InsightsReport,
  insightTables,
  type ReportTable,
  tableCsv,
} from '../../../src/core/dispute-insights.ts'
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { barChart, lineChart } from '../charts.ts'
import { errorBox, label, percent, section, table, type ViewContext } from '../context.ts'

/** Saves text as a file through a temporary link, and says so in `status`. */
export function saveFile(name: string, blob: Blob, status: HTMLElement): void {
  const url = URL.createObjectURL(blob)
  const a = h('a', { href: url, download: name })
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  status.textContent = `Downloaded ${name}.`
}

/** A table of a report with its CSV download: what is on screen is what the file holds. */
export function reportTable(ctx: ViewContext, t: ReportTable, caption: string): HTMLElement {
  const status = h('span', { role: 'status' })
  const name = `${t.name}-${ctx.today}.csv`
  const button = h(
    'button',
    { type: 'button', onclick: () => saveFile(name, new Blob([tableCsv(t)], { type: 'text/csv' }), status) },
    `Download ${caption} (CSV)`,
  )
  const cell = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? h('span', { class: 'num' }, String(c)) : c)
  return h(
    'div',
    { class: 'report' },
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': caption },
      table(
        t.headers.map(label),
        t.rows.map((r) => r.map(cell)),
        caption,
      ),
    ),
    h('p', {}, button, ' ', status),
  )
}

function kpi(name: string, value: string): HTMLElement {
  return h('div', { class: 'kpi' }, h('span', { class: 'kpi-value' }, value), h('span', { class: 'kpi-name' }, name))
}

const days = (n: number | null) => (n === null ? '—' : `${n} days`)

const CAPTIONS: Record<string, string> = {
  'resolution-by-type': 'Resolution by dispute type',
  'resolution-by-month': 'Opened and resolved by month',
  'csat-by-speed': 'CSAT by days to resolve',
  'deductions-outstanding': 'Deductions outstanding by currency',
}

export async function insightsSection(ctx: ViewContext): Promise<HTMLElement> {
  const r = await ctx.api.get<InsightsReport>('/api/insights')
  if (!r.ok) return section('Data insights', errorBox(r.error))
  const x = r.value
  const correlation = x.csat.correlation
  const ddo = x.deductions.map((d) => `${d.ddo === null ? '—' : `${d.ddo} days`} (${d.currency})`).join(', ') || '—'
  return section(
    'Data insights',
    h(
      'div',
      { class: 'kpis' },
      kpi('Resolution rate', percent(x.overall.resolutionRate)),
      kpi('Median days to resolve', days(x.overall.medianDaysToResolve)),
      kpi('Resolved without escalation', percent(x.overall.withoutEscalationShare)),
      kpi(`CSAT (${x.csat.responses} ratings)`, x.csat.average === null ? '—' : `${x.csat.average.toFixed(2)} / 5`),
      kpi(
        'CSAT vs days to resolve (Pearson r; below 0: faster is rated higher)',
        correlation === null ? '—' : correlation.toFixed(2),
      ),
      kpi('Days deduction outstanding', ddo),
    ),
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h3', {}, 'Resolution rate by dispute type'),
        barChart(
          'Share of disputes resolved, by dispute type',
          x.byType.map((t) => ({ label: label(t.reasonCode), value: Math.round(t.resolutionRate * 1000) / 10 })),
          (n) => `${n}%`,
        ),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Median days to resolve by dispute type'),
        barChart(
          'Median days to resolve, by dispute type',
          x.byType.map((t) => ({ label: label(t.reasonCode), value: t.medianDaysToResolve ?? 0 })),
        ),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Days to resolve over time'),
        lineChart(
          'Mean days to resolve, by month resolved (a gap: nothing resolved that month)',
          x.byMonth.map((m) => ({ label: m.month, value: m.meanDaysToResolve })),
        ),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'CSAT by resolution speed'),
        barChart(
          'Average CSAT by days to resolve',
          x.csat.bands.map((b) => ({ label: `${b.band} (${b.responses})`, value: b.csatAverage ?? 0 })),
          (n) => n.toFixed(2),
        ),
      ),
    ),
    x.deductions.length
      ? h(
          'p',
          {},
          ...x.deductions.map(
            (d) =>
              `${d.currency}: ${d.open} open deduction(s), ${formatAmount(d.openAmount, d.currency)} of ` +
              `${formatAmount(d.takenInWindow, d.currency)} taken in the last ${d.windowDays} days. `,
          ),
        )
      : null,
    ...insightTables(x).map((t) => reportTable(ctx, t, CAPTIONS[t.name] ?? label(t.name))),
  )
}
