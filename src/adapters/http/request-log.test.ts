/**
 * Request logs on the real app: one JSON line per request with the route's pattern, status,
 * duration, request id and the key's id, never the key; levels by status; nothing without a logger.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { createLogger } from './request-log.ts'

type Line = Record<string, unknown>
const lines: Line[] = []
let t: TestApp

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Line) })
  t = await createTestApp({ logger })
}, 60_000)
afterAll(() => t?.close())

const last = () => lines.at(-1) ?? {}

describe('the request log', () => {
  it('logs a request with its route pattern, status, duration, request id and key id, never the key', async () => {
    const res = await t.app.request('/api/invoices/INV-1001', {
      headers: { Authorization: `Bearer ${t.keys.specialist}` },
    })
    expect(res.status).toBe(200)
    const line = last()
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'dispute-desk',
      method: 'GET',
      route: '/api/invoices/:number',
      status: 200,
      requestId: res.headers.get('X-Request-Id'),
    })
    expect(typeof line.durationMs).toBe('number')
    expect(line.keyId).toMatch(/\S/)
    expect(typeof line.time).toBe('string')
    expect(JSON.stringify(lines)).not.toContain(t.keys.specialist)
  })

  it('keeps a request id the client sent, and logs refusals as warnings without a key id', async () => {
    const res = await t.app.request('/api/disputes', {
      headers: { Authorization: 'Bearer ddk_wrong', 'X-Request-Id': 'trace-42' },
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('X-Request-Id')).toBe('trace-42')
    expect(last()).toMatchObject({ level: 'warn', status: 401, requestId: 'trace-42', keyId: null })
    expect(JSON.stringify(lines)).not.toContain('ddk_wrong')
  })

  it('logs MCP and unknown routes too', async () => {
    await t.app.request('/mcp', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })
    expect(last()).toMatchObject({ method: 'POST', route: '/mcp', status: 401 })
    await t.app.request('/nowhere')
    expect(last()).toMatchObject({ route: null, status: 404, level: 'warn' })
  })
})

describe('without a logger (the tests’ app)', () => {
  it('writes nothing per request', async () => {
    const quiet = await createTestApp()
    const out = vi.spyOn(process.stdout, 'write')
    try {
      await quiet.app.request('/api/me', { headers: { Authorization: `Bearer ${quiet.keys.specialist}` } })
      expect(out).not.toHaveBeenCalled()
    } finally {
      out.mockRestore()
      await quiet.close()
    }
  })
})
