/**
 * The HTTP surface on the real app: keys and roles, errors that name the problem, CORS, the REST
 * reads, CSV export and the leads' import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ corsOrigins: ['https://erp.example'] })
}, 60_000)
afterAll(() => t?.close())

const get = (path: string, key?: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } })
const post = (path: string, body: unknown, key?: string) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('the API', () => {
  it('answers /health without a key', async () => {
    const res = await get('/health')
    expect(await res.json()).toMatchObject({ status: 'ok', engine: 'embedded', today: '2026-03-15' })
  })

  it('refuses a missing or unknown key with 401 and a JSON error', async () => {
    const none = await get('/api/invoices')
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect((await get('/api/invoices', 'dd_not-a-key')).status).toBe(401)
  })

  it('names the field of a bad chat request, without a stack trace', async () => {
    const res = await post('/api/chat', { message: '' }, t.keys.specialist)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { field?: string; message: string } }
    expect(body.error.field).toBe('message')
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/)
    const broken = await post('/api/chat', '{"message":', t.keys.specialist)
    expect(broken.status).toBe(400)
  })

  it('serves invoices, a dispute list and aging as JSON and CSV', async () => {
    const invoice = (await (await get('/api/invoices/1001', t.keys.specialist)).json()) as { number: string }
    expect(invoice.number).toBe('INV-1001')
    const missing = await get('/api/invoices/INV-9999', t.keys.specialist)
    expect(missing.status).toBe(404)
    expect((await get('/api/disputes', t.keys.specialist)).status).toBe(200)
    const csv = await get('/api/aging.csv', t.keys.specialist)
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^scope,customer_id/)
  })

  it('allows the configured origin only', async () => {
    const allowed = await get('/api/me', t.keys.specialist, { Origin: 'https://erp.example' })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://erp.example')
    const other = await get('/api/me', t.keys.specialist, { Origin: 'https://evil.example' })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('keeps eval runs and imports for leads', async () => {
    expect((await get('/api/evals/runs', t.keys.specialist)).status).toBe(403)
    expect((await get('/api/evals/runs', t.keys.lead)).status).toBe(200)
    expect((await post('/api/import', exampleLedger(), t.keys.specialist)).status).toBe(403)
  })

  it('rejects a broken ledger with every problem and its path, and imports a good one again unchanged', async () => {
    const bad = { ...exampleLedger(), invoices: [{ number: 'X' }] }
    const res = await post('/api/import', bad, t.keys.lead)
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { errors: { path: string }[] } }
    expect(body.error.errors.some((e) => e.path.startsWith('invoices[0].'))).toBe(true)
    const again = await post('/api/import', exampleLedger(), t.keys.lead)
    expect(again.status).toBe(200)
    const report = (await again.json()) as { inserted: Record<string, number>; indexedForSearch: number }
    expect(Object.values(report.inserted).every((n) => n === 0)).toBe(true)
    expect(report.indexedForSearch).toBe(0)
  })
})
