/**
 * Who may do what, proven over every way in: each write route of the REST API, each tool over MCP
 * and the tools the LLM engine offers, for each kind of caller (read-only, specialist, the requester
 * of a credit, another lead, a finance controller). A success where the rules say no is counted; the
 * count must be 0. The totals are printed for the README.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../core/resolution.ts'
import type { Actor } from '../../services/ports.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { authorise, tools } from '../../../tools/index.ts'
import { createMcpServer } from '../mcp/server.ts'

interface Caller {
  label: string
  key: string
  actor: Actor
  readOnly: boolean
}

let t: TestApp
const callers: Caller[] = []

async function person(name: string, role: Role, readOnly = false): Promise<Caller> {
  const { key, record } = await t.runtime.store.apiKeys.create({ name, role, readOnly })
  return {
    label: `${name} (${role}${readOnly ? ', read-only' : ''})`,
    key,
    actor: { id: record.personId, name, role },
    readOnly,
  }
}

beforeAll(async () => {
  t = await createTestApp({ env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
  callers.push(
    await person('Rhea Only', 'specialist', true),
    await person('Lena Lookup', 'lead', true),
    await person('Sam Spec', 'specialist'),
    await person('Lou Lead', 'lead'),
    await person('Fran Finance', 'finance_controller'),
  )
}, 120_000)
afterAll(() => t?.close())

/** A fresh dispute on the pricing example with a pending credit request by `requester`. */
async function disputeWithRequest(requester: Caller): Promise<{ disputeId: string; requestId: string }> {
  const opened = await t.runtime.services.openDispute(
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '1.00' },
    requester.actor,
    { today: '2026-03-15', idempotencyKey: `matrix-${crypto.randomUUID()}` },
  )
  if (!opened.ok) throw new Error(opened.error.message)
  const disputeId = opened.value.dispute.id
  const requested = await t.runtime.services.requestCreditMemo(
    // A goodwill credit: the matrix is about who may act, not about the same defect credited twice.
    { disputeId, amount: '0.10', reason: 'matrix set-up', kind: 'goodwill_credit' },
    requester.actor,
  )
  if (!requested.ok) throw new Error(requested.error.message)
  return { disputeId, requestId: requested.value.id }
}

const writes = (c: Caller) => !c.readOnly
const leads = (c: Caller) => !c.readOnly && ['lead', 'finance_controller', 'admin'].includes(c.actor.role)

const ROUTES: {
  name: string
  allowed: (c: Caller, requester: Caller) => boolean
  request: (ids: { disputeId: string; requestId: string }) => [string, unknown]
}[] = [
  {
    name: 'add a note',
    allowed: writes,
    request: ({ disputeId }) => [`/api/disputes/${disputeId}/notes`, { note: 'checked' }],
  },
  {
    name: 'change the status',
    allowed: writes,
    request: ({ disputeId }) => [`/api/disputes/${disputeId}/status`, { status: 'escalated', why: 'matrix test' }],
  },
  {
    name: 'resolve',
    allowed: writes,
    request: ({ disputeId }) => [`/api/disputes/${disputeId}/resolve`, { outcome: 'customer accepted' }],
  },
  {
    name: 'request a credit memo',
    allowed: writes,
    request: ({ disputeId }) => [
      `/api/disputes/${disputeId}/credit-memos`,
      { amount: '0.10', reason: 'matrix test', kind: 'goodwill_credit' },
    ],
  },
  {
    name: 'approve a credit memo',
    // A lead role, never the person who requested it.
    allowed: (c, requester) => leads(c) && c.actor.id !== requester.actor.id,
    request: ({ requestId }) => [
      `/api/credit-memos/${requestId}/decision`,
      { decision: 'approve', reason: 'matrix test' },
    ],
  },
  { name: 'create a key', allowed: leads, request: () => ['/api/keys', { name: 'New Person', role: 'specialist' }] },
]

describe('the role × route matrix', () => {
  it('REST: no write succeeds for a caller the rules refuse', async () => {
    let calls = 0
    const unauthorised: string[] = []
    const refusedRight: string[] = []
    for (const route of ROUTES) {
      for (const requester of callers.filter(writes)) {
        for (const caller of callers) {
          const ids = await disputeWithRequest(requester)
          const [path, body] = route.request(ids)
          const res = await t.app.request(path, {
            method: 'POST',
            headers: { Authorization: `Bearer ${caller.key}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          })
          calls++
          const allowed = route.allowed(caller, requester)
          if (res.status < 300 && !allowed)
            unauthorised.push(`${route.name} by ${caller.label} (requested by ${requester.label})`)
          if (res.status >= 300 && allowed)
            refusedRight.push(`${route.name} by ${caller.label}: ${res.status} ${await res.text()}`)
        }
      }
    }
    console.info(`role matrix (REST): ${calls} calls, ${unauthorised.length} unauthorised successes`)
    expect(unauthorised).toEqual([])
    expect(refusedRight).toEqual([])
  }, 300_000)

  it('MCP: every tool a caller may not use is refused with the reason, over the real services', async () => {
    let calls = 0
    const unauthorised: string[] = []
    for (const caller of callers) {
      const server = createMcpServer(
        { services: t.runtime.services, today: () => '2026-03-15', persona: 'p' },
        { actor: caller.actor, readOnly: caller.readOnly },
      )
      const [a, b] = InMemoryTransport.createLinkedPair()
      await server.connect(a)
      const client = new Client({ name: 'matrix', version: '1' })
      await client.connect(b)
      const advertised = (await client.listTools()).tools.map((x) => x.name)
      for (const spec of tools) {
        if (authorise(spec, caller) === null) continue
        expect(advertised).not.toContain(spec.name)
        const r = await client.callTool({ name: spec.name, arguments: { confirm: true } })
        calls++
        const text = (r.content as { text: string }[])[0]?.text ?? ''
        if (!r.isError || !/forbidden|read_only/.test(text)) unauthorised.push(`${spec.name} by ${caller.label}`)
      }
      await client.close()
    }
    console.info(`role matrix (MCP): ${calls} refused calls checked, ${unauthorised.length} unauthorised successes`)
    expect(unauthorised).toEqual([])
  }, 120_000)
})
