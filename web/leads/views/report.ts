/**
 * The management report in the dashboard: a date range (the previous calendar month by default),
 * the dashboard's own totals for it (GET /api/trends, as the metrics view shows them), the report's
 * tables (GET /api/reports/management), and its printable page, PDF and CSV as downloads.
 */
import { type ManagementReport, managementReportTables, previousMonth } from '../../../src/core/management-report.ts'
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { errorBox, label, percent, section, type ViewContext } from '../context.ts'
import { reportTable, saveFile } from './insights.ts'

interface Trends {
  total: number
  resolved: number
  averageResolutionDays: number | null
  resolvedWithoutEscalationShare: number | null
}

const CAPTIONS: Record<string, string> = {
  summary: 'Summary',
  'by-reason': 'Volume and value by reason',
  'by-customer': 'Volume and value by customer',
  'by-department': 'Volume and value by department',
  'by-sku': 'Volume and value by SKU',
  credits: 'Credits granted against supported',
  'recurring-root-causes': 'Recurring root causes and prevention actions',
  'accounts-at-risk': 'Top accounts at risk',
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

function kpi(testId: string, name: string, value: string): HTMLElement {
  return h(
    'div',
    { class: 'kpi' },
    h('span', { class: 'kpi-value', 'data-testid': testId }, value),
    h('span', { class: 'kpi-name' }, name),
  )
}

async function download(ctx: ViewContext, query: string, format: string, name: string, status: HTMLElement) {
  status.textContent = format === 'pdf' ? 'Printing the PDF…' : 'Preparing…'
  const response = await ctx.api.raw(`/api/reports/management?${query}&format=${format}`)
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null
    status.textContent = `Download failed (${response.status}): ${body?.error?.message ?? response.statusText}`
    return
  }
  saveFile(name, await response.blob(), status)
}

export async function reportView(ctx: ViewContext, params: URLSearchParams): Promise<HTMLElement> {
  const month = previousMonth(ctx.today)
  const from = ISO.test(params.get('from') ?? '') ? (params.get('from') as string) : month.from
  const to = ISO.test(params.get('to') ?? '') ? (params.get('to') as string) : month.to
  const query = `from=${from}&to=${to}`
  const [trends, report] = await Promise.all([
    ctx.api.get<Trends>(`/api/trends?${query}`),
    ctx.api.get<ManagementReport>(`/api/reports/management?${query}&format=json`),
  ])

  const fromInput = h('input', { id: 'report-from', type: 'date', value: from, required: true })
  const toInput = h('input', { id: 'report-to', type: 'date', value: to, required: true })
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Report range' },
    h('label', { for: 'report-from' }, 'From', fromInput),
    h('label', { for: 'report-to' }, 'To', toInput),
    h('button', { type: 'submit' }, 'Show'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    ctx.go(`#report?from=${fromInput.value}&to=${toInput.value}`)
  })
  if (!trends.ok) return section('Management report', form, errorBox(trends.error))
  if (!report.ok) return section('Management report', form, errorBox(report.error))
  const t = trends.value
  const r = report.value
  const status = h('span', { role: 'status' })
  const file = `dispute-report-${from}-to-${to}`
  const button = (format: string, text: string, ext: string) =>
    h('button', { type: 'button', onclick: () => void download(ctx, query, format, `${file}.${ext}`, status) }, text)
  const value = Object.entries(r.totals.value)
    .map(([currency, amount]) => formatAmount(amount, currency))
    .join(' · ')
  return section(
    'Management report',
    form,
    h('p', {}, `Disputes opened from ${from} to ${to}: the dashboard's figures for that range.`),
    h(
      'div',
      { class: 'kpis' },
      kpi('report-disputes', 'Disputes', String(t.total)),
      kpi('report-resolved', 'Resolved', String(t.resolved)),
      kpi('report-value', 'Value in dispute', value || '0'),
      kpi(
        'report-median',
        'Median / 90th percentile days',
        `${r.daysToResolve.median ?? '—'} / ${r.daysToResolve.p90 ?? '—'}`,
      ),
      kpi('report-without-escalation', 'Resolved without escalation', percent(t.resolvedWithoutEscalationShare)),
    ),
    h(
      'p',
      {},
      button('pdf', 'Download PDF', 'pdf'),
      ' ',
      button('html', 'Download printable page', 'html'),
      ' ',
      button('csv', 'Download CSV', 'csv'),
      ' ',
      status,
    ),
    ...managementReportTables(r)
      .filter((x) => x.name !== 'summary')
      .map((x) => reportTable(ctx, x, CAPTIONS[x.name] ?? label(x.name))),
  )
}
