/**
 * GET /api/reports/management?from=&to=&format=html|csv|pdf|json: the management report through the
 * `management_report` tool (its roles, its range check), written as a printable page, a CSV of its
 * tables or that same page printed to PDF by headless Chromium. Mounted behind the app's key check.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { tableCsv } from '../../core/dispute-insights.ts'
import { type ManagementReport, managementReportTables } from '../../core/management-report.ts'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import { callTool, type ToolContext, type ToolSpec, toolByName } from '../../../tools/index.ts'
import type { RenderPdf } from '../pdf/chromium-pdf.ts'
import { errorResponse, queryInput } from './errors.ts'
import { REPORT_PAGE_CSP, reportPage } from './report-page.ts'

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }

export const ReportFormat = z
  .enum(['html', 'csv', 'pdf', 'json'])
  .default('html')
  .describe('html: a printable page; csv: its tables one after another; pdf: the page printed by headless Chromium')

/** The server's one browser by default, loaded only when a PDF is asked for, so the app itself stays web-standard. */
const chromiumOnDemand: RenderPdf = async (html) =>
  (await import('../pdf/chromium-pdf.ts')).sharedPdfPrinter().render(html)

/** Each table under a line naming it, a blank line between tables (a spreadsheet opens it as one sheet). */
export function reportCsv(r: ManagementReport): string {
  return managementReportTables(r)
    .map((t) => `# ${t.name}\r\n${tableCsv(t)}`)
    .join('\r\n')
}

export function reportRoutes(deps: {
  context: (actor: Actor, key: ApiKeyRecord) => ToolContext
  companyName: () => Promise<string>
  renderPdf?: RenderPdf
}): Hono<Env> {
  const app = new Hono<Env>()
  const renderPdf = deps.renderPdf ?? chromiumOnDemand
  app.get('/management', async (c) => {
    const { format: asked, ...range } = queryInput(c)
    const format = ReportFormat.safeParse(asked)
    if (!format.success) {
      return errorResponse(c, {
        code: 'invalid_input',
        message: 'format: one of html, csv, pdf, json',
        field: 'format',
      })
    }
    const spec = toolByName('management_report') as ToolSpec
    const r = await callTool(spec, range, deps.context(c.get('actor'), c.get('key')))
    if (!r.ok) return errorResponse(c, r.error)
    const report = r.value as ManagementReport
    const file = `dispute-report-${report.from}-to-${report.to}`
    if (format.data === 'json') return c.json(report)
    if (format.data === 'csv') {
      return c.body(reportCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}.csv"`,
      })
    }
    const html = reportPage(report, await deps.companyName())
    if (format.data === 'html') {
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': REPORT_PAGE_CSP,
        'Cache-Control': 'no-store',
      })
    }
    const pdf = await renderPdf(html)
    if (!pdf.ok) return errorResponse(c, { code: 'unavailable', message: pdf.message, field: 'format' })
    return c.body(pdf.pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${file}.pdf"`,
      'Cache-Control': 'no-store',
    })
  })
  return app
}
