import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthsBetween } from '../src/core/trends.ts'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 120_000)
afterAll(() => t?.close())

describe('GET /api/insights (dispute_insights)', () => {
  it("measures the ledger's past disputes by type and month, every month present, through the real app", async () => {
    const res = await t.app.request('/api/insights', { headers: { Authorization: `Bearer ${t.keys.lead}` } })
    expect(res.status).toBe(200)
    const r = (await res.json()) as {
      overall: { disputes: number }
      byType: { reasonCode: string; disputes: number }[]
      byMonth: { month: string }[]
    }
    expect(r.overall.disputes).toBe(r.byType.reduce((s, x) => s + x.disputes, 0))
    const months = r.byMonth.map((m) => m.month)
    expect(months).toEqual(monthsBetween(`${months[0]}-01`, '2026-03-15'))
    expect(months.length).toBeGreaterThan(1)
  })

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await t.app.request('/api/insights?from=2026-03-01&to=2026-01-01', {
      headers: { Authorization: `Bearer ${t.keys.lead}` },
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('from')
  })
})
