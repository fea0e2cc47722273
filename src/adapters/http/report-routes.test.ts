import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ManagementReport } from '../../core/management-report.ts'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { chromiumPdf } from '../pdf/chromium-pdf.ts'
import { reportRoutes } from './report-routes.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 120_000)
afterAll(() => t?.close())

const get = (path: string, key = t.keys.lead) => t.app.request(path, { headers: { Authorization: `Bearer ${key}` } })

describe('GET /api/reports/management', () => {
  it('answers the previous calendar month by default, with the trends’ counts for that range', async () => {
    const res = await get('/api/reports/management?format=json')
    expect(res.status).toBe(200)
    const r = (await res.json()) as ManagementReport
    expect([r.from, r.to]).toEqual(['2026-02-01', '2026-02-28'])
    const trends = (await (await get('/api/trends?from=2026-02-01&to=2026-02-28')).json()) as { total: number }
    expect(r.totals.disputes).toBe(trends.total)
  })

  it('is a printable page without script, whose figures are the JSON report’s', async () => {
    const range = 'from=2025-01-01&to=2026-03-15'
    const json = (await (await get(`/api/reports/management?${range}&format=json`)).json()) as ManagementReport
    const res = await get(`/api/reports/management?${range}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('@media print')
    expect(json.totals.disputes).toBeGreaterThan(0)
    expect(html).toContain(`<dd data-figure="disputes">${json.totals.disputes}</dd>`)
    for (const [currency, value] of Object.entries(json.totals.value)) expect(html).toContain(`${value} ${currency}`)
  })

  it('downloads the tables as CSV', async () => {
    const res = await get('/api/reports/management?from=2025-01-01&to=2026-03-15&format=csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="dispute-report-2025-01-01-to-2026-03-15.csv"',
    )
    const csv = await res.text()
    expect(csv.startsWith('# summary\r\nfigure,value\r\nfrom,2025-01-01\r\n')).toBe(true)
    expect(csv).toContain('# accounts-at-risk\r\ncustomer,customer_name,currency,in_dispute')
  })

  it('is for leads, refuses a backwards range and an unknown format, naming the field', async () => {
    expect((await get('/api/reports/management', t.keys.specialist)).status).toBe(403)
    const backwards = await get('/api/reports/management?from=2026-03-01&to=2026-01-01')
    expect([backwards.status, ((await backwards.json()) as { error: { field: string } }).error.field]).toEqual([
      400,
      'from',
    ])
    const format = await get('/api/reports/management?format=docx')
    expect([format.status, ((await format.json()) as { error: { field: string } }).error.field]).toEqual([
      400,
      'format',
    ])
  })

  it('answers 503 naming what to install when no browser can print the PDF', async () => {
    const missing = await chromiumPdf(['/nonexistent/chromium'])('<p>x</p>')
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('apt-get install -y chromium') })
    // A file that is there but is no browser cannot start: the same answer, naming it.
    const broken = await chromiumPdf(['/bin/false'])('<p>x</p>')
    expect(broken).toEqual({
      ok: false,
      message: expect.stringMatching(/^Chromium at \/bin\/false could not start \(/),
    })
    const lead: Actor = { id: 'p-lead', name: 'Lee', role: 'lead' }
    const app = new Hono<{ Variables: { actor: Actor; key: ApiKeyRecord } }>()
    app.use('*', async (c, next) => {
      c.set('actor', lead)
      c.set('key', { readOnly: false } as ApiKeyRecord)
      await next()
    })
    app.route(
      '/api/reports',
      reportRoutes({
        context: (actor) => ({ services: t.runtime.services, actor, today: t.runtime.today(), readOnly: true }),
        companyName: async () => 'Meridian',
        renderPdf: chromiumPdf(['/nonexistent/chromium']),
      }),
    )
    const res = await app.request('/api/reports/management?format=pdf')
    expect(res.status).toBe(503)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('unavailable')
    expect(body.error.message).toMatch(/No Chromium found at \/nonexistent\/chromium\. Install Chromium/)
  })
})
