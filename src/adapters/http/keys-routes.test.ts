import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey } from '../../services/api-keys.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { callTool, type ToolSpec, toolByName } from '../../../tools/index.ts'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t.close())

const json = { 'Content-Type': 'application/json' }
const as = (key: string) => ({ Authorization: `Bearer ${key}` })

async function api(key: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...as(key), ...(body === undefined ? {} : json) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions.
  return { status: res.status, body: (await res.json()) as any }
}

/** A key made the way `npm run keys` makes it: by the operator, without an acting person. */
async function operatorKey(name: string, role: 'finance_controller' | 'lead' | 'specialist') {
  const r = await issueKey(t.runtime.services.store.apiKeys, { name, role }, null)
  if (!r.ok) throw new Error(r.error.message)
  return r.value.key
}

describe('/api/keys', () => {
  it('lets a lead create a key shown once, that works at once and names its person', async () => {
    const created = await api(t.keys.lead, '/api/keys', { name: 'Ana Ruiz', role: 'specialist', email: 'ana@x.io' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Ana Ruiz', role: 'specialist', email: 'ana@x.io', readOnly: false })
    expect(created.body.key).toMatch(/^ddk_[0-9a-f]{48}$/)
    expect(created.body.prefix).toBe(created.body.key.slice(0, 10))

    const me = await api(created.body.key, '/api/me')
    expect(me.body).toEqual({ id: created.body.personId, name: 'Ana Ruiz', role: 'specialist' })

    const list = await api(t.keys.lead, '/api/keys')
    expect(list.status).toBe(200)
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id)
    expect(listed).toMatchObject({ name: 'Ana Ruiz', role: 'specialist', revokedAt: null })
    expect(listed.lastUsedAt).toMatch(/^\d{4}-/)
    expect(JSON.stringify(list.body)).not.toContain(created.body.key)
  })

  it('refuses a specialist and a read-only lead, and names the field of a bad body', async () => {
    expect((await api(t.keys.specialist, '/api/keys')).body.error.code).toBe('forbidden')
    const readOnly = await api(t.keys.lead, '/api/keys', { name: 'Auditor', role: 'lead', readOnly: true })
    expect((await api(readOnly.body.key, '/api/keys')).status).toBe(200)
    const write = await api(readOnly.body.key, '/api/keys', { name: 'X', role: 'specialist' })
    expect(write).toMatchObject({ status: 403, body: { error: { code: 'read_only' } } })

    const bad = await api(t.keys.lead, '/api/keys', { name: 'Bo', role: 'specialist', email: 'not-an-email' })
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'email' } } })
    const noRole = await api(t.keys.lead, '/api/keys', { name: 'Bo', role: 'boss' })
    expect(noRole).toMatchObject({ status: 400, body: { error: { field: 'role' } } })
  })

  it('lets only a finance controller create a finance controller key', async () => {
    const byLead = await api(t.keys.lead, '/api/keys', { name: 'Finn Cole', role: 'finance_controller' })
    expect(byLead).toMatchObject({ status: 403, body: { error: { code: 'forbidden', field: 'role' } } })
    expect(byLead.body.error.message).toMatch(/only a finance_controller or admin can/)

    const controller = await operatorKey('Fiona Diaz', 'finance_controller')
    const byController = await api(controller, '/api/keys', { name: 'Finn Cole', role: 'finance_controller' })
    expect(byController).toMatchObject({ status: 201, body: { name: 'Finn Cole', role: 'finance_controller' } })
    const revokeByLead = await api(t.keys.lead, `/api/keys/${byController.body.id}/revoke`, {})
    expect(revokeByLead).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
  })

  it('refuses a revoked key at once on REST, chat and MCP', async () => {
    const created = await api(t.keys.lead, '/api/keys', { name: 'Sam Lee', role: 'specialist' })
    const key = created.body.key as string
    const mcpHeaders = { ...as(key), ...json, Accept: 'application/json, text/event-stream' }
    const init = await t.app.request('/mcp', {
      method: 'POST',
      headers: mcpHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
      }),
    })
    expect(init.status).toBe(200)
    const session = init.headers.get('mcp-session-id') as string
    await init.body?.cancel()

    const revoked = await api(t.keys.lead, `/api/keys/${created.body.id}/revoke`, {})
    expect(revoked).toMatchObject({ status: 200, body: { id: created.body.id } })
    expect(revoked.body.revokedAt).toMatch(/^\d{4}-/)

    expect((await api(key, '/api/me')).status).toBe(401)
    expect((await api(key, '/api/chat', { message: 'INV-1001 price is wrong' })).status).toBe(401)
    const mcp = await t.app.request('/mcp', {
      method: 'POST',
      headers: { ...mcpHeaders, 'mcp-session-id': session },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    })
    expect(mcp.status).toBe(401)
  })

  it('never lets someone revoke their own last key, but their older key once they have a new one', async () => {
    const lead = await api(t.keys.lead, '/api/keys', { name: 'Lena Park', role: 'lead', email: 'lena@x.io' })
    const last = await api(lead.body.key, `/api/keys/${lead.body.id}/revoke`, {})
    expect(last).toMatchObject({ status: 409, body: { error: { code: 'last_key', field: 'id' } } })

    const second = await api(lead.body.key, '/api/keys', { name: 'Lena Park', role: 'lead', email: 'LENA@x.io' })
    expect(second.body.personId).toBe(lead.body.personId)
    const older = await api(second.body.key, `/api/keys/${lead.body.id}/revoke`, {})
    expect(older.status).toBe(200)
    const other = await api(t.keys.lead, '/api/keys', { name: 'Lena Park', role: 'specialist', email: 'lena@x.io' })
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'role_mismatch', field: 'role' } } })
    expect((await api(t.keys.lead, '/api/keys/key-nope/revoke', {})).status).toBe(404)
  })
})

describe('a credit above a lead’s limit', () => {
  let f: TestApp
  beforeAll(async () => {
    // The example ledger's figures are small: a lead limit of 100.00 puts its 150.00 credit above it.
    const ledger = exampleLedger()
    ledger.policy = { ...ledger.policy, approvalLimits: { specialist: '50.00', lead: '100.00' } }
    f = await createTestApp({ ledger })
  }, 60_000)
  afterAll(() => f.close())

  it('is approved by a finance controller, and the audit trail names each person with their role', async () => {
    const store = f.runtime.services.store
    const specialist = await store.apiKeys.verify(f.keys.specialist)
    if (!specialist) throw new Error('the specialist key does not verify')
    const opened = await callTool(
      toolByName('open_dispute') as ToolSpec,
      { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' },
      {
        services: f.runtime.services,
        actor: { id: specialist.personId, name: specialist.name, role: specialist.role },
        today: f.runtime.today(),
        readOnly: false,
      },
    )
    if (!opened.ok) throw new Error(opened.error.message)
    const disputeId = (opened.value as { dispute: { id: string } }).dispute.id

    const post = async (key: string, path: string, body: unknown) => {
      const res = await f.app.request(path, {
        method: 'POST',
        headers: { ...as(key), ...json },
        body: JSON.stringify(body),
      })
      // biome-ignore lint/suspicious/noExplicitAny: checked below.
      return { status: res.status, body: (await res.json()) as any }
    }
    const requested = await post(f.keys.specialist, `/api/disputes/${disputeId}/credit-memos`, {
      reason: 'contract price',
    })
    expect(requested).toMatchObject({ status: 200, body: { amount: '150.00', requiredRole: 'finance_controller' } })
    const decision = `/api/credit-memos/${requested.body.id}/decision`

    const byLead = await post(f.keys.lead, decision, { decision: 'approve', reason: 'looks right' })
    expect(byLead).toMatchObject({ status: 403, body: { error: { code: 'approval_limit_exceeded' } } })

    const controller = await issueKey(store.apiKeys, { name: 'Finn Cole', role: 'finance_controller' }, null)
    if (!controller.ok) throw new Error(controller.error.message)
    const approved = await post(controller.value.key, decision, { decision: 'approve', reason: 'contract CT-100' })
    expect(approved).toMatchObject({ status: 200, body: { status: 'issued' } })

    const detail = await f.app.request(`/api/disputes/${disputeId}`, { headers: as(f.keys.lead) })
    const events = ((await detail.json()) as { events: { type: string; actorName: string; actorRole: string }[] })
      .events
    const who = (type: string) => events.filter((e) => e.type === type).map((e) => `${e.actorName} (${e.actorRole})`)
    expect(who('dispute_opened')).toEqual(['Local specialist (specialist)'])
    expect(who('credit_memo_approved')).toEqual(['Finn Cole (finance_controller)'])
  })
})
