/**
 * The management report as one printable HTML page: no script, its styles inline (screen and print),
 * every figure from the core's report. The PDF is this page printed by headless Chromium, so the
 * two can never disagree. Web-standard string building only.
 */
import type { Cell } from '../../core/dispute-insights.ts'
import { type ManagementReport, managementReportTables } from '../../core/management-report.ts'

/** Inline styles and no script: the CSP of the page. */
export const REPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const words = (key: string) => key.replace(/[_-]/g, ' ')
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`)
const days = (n: number | null) => (n === null ? '—' : `${n} days`)
const amounts = (a: Record<string, string>) =>
  Object.entries(a)
    .map(([currency, value]) => `${value} ${currency}`)
    .join(' · ') || '0'

const CAPTIONS: Record<string, string> = {
  'by-reason': 'Volume and value by reason',
  'by-customer': 'Volume and value by customer',
  'by-department': 'Volume and value by department',
  'by-sku': 'Volume and value by SKU (a dispute naming two SKUs counts in each)',
  credits: 'Credits granted against what the evidence supported',
  'recurring-root-causes': 'Recurring root causes and the prevention actions recorded',
  'accounts-at-risk': 'Top accounts at risk: open disputed value and its age',
}

/** Counts, decimals and amounts with their currency ("305.00 USD; 12.00 EUR") align right. */
const NUMERIC = /^-?\d+(\.\d+)?( [A-Z]{3})?(; -?\d+(\.\d+)? [A-Z]{3})*$/

function table(name: string, headers: readonly string[], rows: readonly Cell[][]): string {
  const cell = (c: Cell, i: number) => {
    // Reason codes read as words on paper; the CSV keeps the codes.
    const text = c === null ? '—' : name === 'by-reason' && i === 0 ? words(String(c)) : String(c)
    return NUMERIC.test(text) ? `<td class="num">${esc(text)}</td>` : `<td>${esc(text)}</td>`
  }
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((c, i) => cell(c, i)).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${headers.length}">None in this range.</td></tr>`
  return `<section class="block" data-table="${esc(name)}">
<table><caption>${esc(CAPTIONS[name] ?? words(name))}</caption>
<thead><tr>${headers.map((h) => `<th scope="col">${esc(words(h))}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></section>`
}

const STYLE = `
:root { color: #1b1f24; font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.meta { color: #4a525c; margin: 0 0 1.25rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; margin-bottom: 1.25rem; }
.kpi { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; }
.kpi dt { font-size: .8rem; color: #4a525c; }
.kpi dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.25rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; font-size: 1.05rem; padding: .25rem 0 .4rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
footer { color: #4a525c; font-size: .8rem; margin-top: 1.5rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  .block { break-inside: avoid-page; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #f3f5f7 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`

/**
 * The totals in the title too: Chromium writes the title into the PDF's metadata as plain text, so
 * the PDF carries its own totals where a reader (or a test) can check them without a PDF library.
 */
export function reportTitle(r: ManagementReport, companyName: string): string {
  return (
    `Dispute analysis ${r.from} to ${r.to}: ${r.totals.disputes} disputes, ${r.totals.resolved} resolved, ` +
    `${amounts(r.totals.value)} in dispute · ${companyName}`
  )
}

export function reportPage(r: ManagementReport, companyName: string): string {
  const kpi = (figure: string, name: string, value: string) =>
    `<div class="kpi"><dt>${esc(name)}</dt><dd data-figure="${figure}">${esc(value)}</dd></div>`
  const tables = managementReportTables(r)
    .filter((t) => t.name !== 'summary')
    .map((t) => table(t.name, t.headers, t.rows))
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(reportTitle(r, companyName))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body><main>
<h1>Dispute analysis report</h1>
<p class="meta">${esc(companyName)} · disputes opened from <strong>${esc(r.from)}</strong> to <strong>${esc(r.to)}</strong> · prepared ${esc(r.today)}</p>
<dl class="kpis">
${kpi('disputes', 'Disputes', String(r.totals.disputes))}
${kpi('open', 'Still open', String(r.totals.open))}
${kpi('resolved', 'Resolved', String(r.totals.resolved))}
${kpi('value', 'Value in dispute', amounts(r.totals.value))}
${kpi('median-days', 'Median days to resolve', days(r.daysToResolve.median))}
${kpi('p90-days', '90th percentile days', days(r.daysToResolve.p90))}
${kpi('mean-days', 'Mean days to resolve', days(r.daysToResolve.mean))}
${kpi('without-escalation', 'Resolved without escalation', pct(r.resolvedWithoutEscalationShare))}
</dl>
${tables.join('\n')}
<footer>Counts, days and shares are the leads' dashboard figures for the same range; amounts are per currency and never added across currencies.</footer>
</main></body></html>`
}
