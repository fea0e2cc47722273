/**
 * A customer key sees its own customer and nothing else, over every way in: each tool of the
 * registry called as the customer (with inputs that name other customers' invoices, disputes and
 * ids, and a similarity search worded like another customer's dispute), each documented REST route,
 * and MCP. Every answer is walked for another customer's id, invoice number or dispute id; the count
 * must be 0. Every other tool and route is refused with 403, the field and the reason. The totals
 * are printed for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../services/ports.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { callTool, tools } from '../../../tools/index.ts'
import { stdioCaller } from '../mcp/caller.ts'
import { ROUTES } from './openapi-routes.ts'
import { customerMayCall } from './portal-routes.ts'

const OWN = 'C-200'
const OWN_INVOICE = 'INV-2001'
const FOREIGN_CUSTOMERS = ['C-100', 'C-500']
const FOREIGN_INVOICES = ['INV-1001', 'INV-1002', 'INV-5001']

let t: TestApp
let customerKey: string
let customer: Actor
const foreignDisputes: string[] = ['DSP-0901', 'DSP-0934']
let ownDispute = ''

async function call(method: string, path: string, key: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: unknown = text
  try {
    json = JSON.parse(text)
  } catch {
    // a CSV or a page: scanned as text
  }
  return { status: res.status, json }
}

/** Every place in an answer that names another customer, one of their invoices or disputes. */
function foreignRows(value: unknown): string[] {
  const needles = [...FOREIGN_CUSTOMERS, ...FOREIGN_INVOICES, ...foreignDisputes]
  const found: string[] = []
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      for (const n of needles) if (new RegExp(`\\b${n}\\b`).test(v)) found.push(`${path}: ${n}`)
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`)
  }
  walk(value, '$')
  return found
}

beforeAll(async () => {
  t = await createTestApp()
  const made = await call('POST', '/api/keys', t.keys.lead, {
    name: 'Ivy Initech',
    email: 'ivy@initech.example',
    role: 'customer',
    customerId: OWN,
  })
  expect(made.status).toBe(201)
  customerKey = (made.json as { key: string }).key
  customer = (await call('GET', '/api/me', customerKey)).json as Actor
  // Other customers' disputes, open and investigated, that a leak would show.
  for (const [invoiceNumber, reasonCode] of [
    ['INV-1001', 'pricing_error'],
    ['INV-5001', 'other'],
  ] as const) {
    const opened = await t.runtime.services.openDispute(
      { invoiceNumber, reasonCode, description: `pricing is wrong on ${invoiceNumber}` },
      { id: 'k-spec', name: 'Sam', role: 'specialist' },
      { today: '2026-03-15', idempotencyKey: `scope-${invoiceNumber}` },
    )
    if (!opened.ok) throw new Error(opened.error.message)
    foreignDisputes.push(opened.value.dispute.id)
  }
  const submitted = await call('POST', '/api/portal/disputes', customerKey, {
    invoiceNumber: OWN_INVOICE,
    reasonCode: 'pricing_error',
    description: 'The unit price is higher than our contract says.',
    attachments: [{ name: 'contract excerpt.txt', text: 'Unit price agreed: 10.00' }],
  })
  expect(submitted.status).toBe(200)
  ownDispute = (submitted.json as { id: string }).id
}, 120_000)
afterAll(() => t?.close())

const customerAllowed = (name: string) => {
  const spec = tools.find((s) => s.name === name)
  return Boolean(spec?.customerScoped || spec?.roles?.includes('customer'))
}

/** Inputs that try to reach other customers, for every tool a customer may call. */
const PROBES: Record<string, (foreignDispute: string) => unknown[]> = {
  find_invoices: () => [{}, { numberFragment: '1001' }, { status: 'open' }, { customerId: 'C-100' }],
  get_invoice: () => [{ invoiceNumber: OWN_INVOICE }, { invoiceNumber: 'INV-1001' }, { invoiceNumber: '5001' }],
  search_similar_disputes: () => [
    { text: 'price does not match the signed contract' },
    { text: 'price does not match the signed contract', customerId: 'C-100' },
    { text: 'billed twice duplicate invoice', reasonCode: 'duplicate_billing', limit: 50 },
    { text: 'pricing is wrong on INV-1001', limit: 50 },
  ],
  list_portal_disputes: () => [{}, { limit: 500 }],
  get_portal_dispute: (d) => [{ disputeId: d }, { disputeId: 'DSP-0901' }],
  submit_dispute: () => [
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', description: 'not mine' },
    { invoiceNumber: '5001', reasonCode: 'other', description: 'not mine either' },
  ],
  send_dispute_message: (d) => [{ disputeId: d, text: 'hello?' }],
  rate_dispute: (d) => [{ disputeId: d, csat: 1 }],
}

describe('a customer key', () => {
  it('reads 0 rows of another customer through every tool it may call, similar-dispute search included', async () => {
    const ctx = { services: t.runtime.services, actor: customer, today: '2026-03-15', readOnly: false }
    const leaks: string[] = []
    let calls = 0
    let ownRows = 0
    const allowed = tools.filter((s) => customerAllowed(s.name))
    expect(allowed.map((s) => s.name).sort()).toEqual(Object.keys(PROBES).sort())
    for (const spec of allowed) {
      for (const foreign of foreignDisputes) {
        for (const input of PROBES[spec.name]?.(foreign) ?? []) {
          const r = await callTool(spec, input, ctx)
          calls++
          // A refusal echoes the id asked for; rows are what a success returns.
          if (r.ok)
            for (const leak of foreignRows(r.value)) leaks.push(`${spec.name} ${JSON.stringify(input)}: ${leak}`)
          if (r.ok && JSON.stringify(r.value).includes(OWN)) ownRows++
        }
      }
    }
    // The search did find the customer's own past dispute (not an empty answer passing by default).
    const own = await callTool(
      tools.find((s) => s.name === 'search_similar_disputes') as (typeof tools)[number],
      { text: 'billed twice duplicate invoice', limit: 50 },
      ctx,
    )
    expect(own.ok && (own.value as { disputes: { id: string }[] }).disputes.map((d) => d.id)).toContain('DSP-0950')
    console.info(`customer scope (tools): ${calls} calls, ${ownRows} with own rows, ${leaks.length} foreign rows`)
    expect(leaks).toEqual([])
    expect(ownRows).toBeGreaterThan(0)
  })

  it('is refused every other tool with 403, the field and the reason', async () => {
    const ctx = { services: t.runtime.services, actor: customer, today: '2026-03-15', readOnly: false }
    const wrong: string[] = []
    const refused = tools.filter((s) => !customerAllowed(s.name))
    for (const spec of refused) {
      const r = await callTool(spec, { disputeId: ownDispute, invoiceNumber: OWN_INVOICE, confirm: true }, ctx)
      if (r.ok || r.error.code !== 'forbidden' || r.error.field !== 'role' || !r.error.message.includes(spec.name))
        wrong.push(`${spec.name}: ${JSON.stringify(r)}`)
    }
    console.info(`customer scope (refused tools): ${refused.length} tools, ${wrong.length} not refused`)
    expect(refused.map((s) => s.name)).toEqual(
      expect.arrayContaining(['open_dispute', 'request_credit_memo', 'decide_credit_memo', 'share_dispute_findings']),
    )
    expect(wrong).toEqual([])
  })

  it('reads 0 foreign rows through every REST route, and is refused the rest with 403 and the field', async () => {
    const leaks: string[] = []
    const wrong: string[] = []
    let calls = 0
    for (const route of ROUTES) {
      if (route.public || route.path === '/mcp') continue
      for (const foreign of [foreignDisputes[2] as string, ownDispute]) {
        const path = route.path
          .replace(':id', foreign)
          .replace(':number', route.path.includes('invoices') ? 'INV-1001' : 'x')
        const r = await call(route.method.toUpperCase(), path, customerKey, route.method === 'get' ? undefined : {})
        calls++
        if (r.status < 300) leaks.push(...foreignRows(r.json).map((l) => `${route.method} ${path}: ${l}`))
        const error = (r.json as { error?: { field?: string } }).error
        if (!customerMayCall(route.method.toUpperCase(), path) && (r.status !== 403 || error?.field !== 'role'))
          wrong.push(`${route.method} ${path}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`)
      }
    }
    const mcp = await t.app.request('/mcp', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${customerKey}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    })
    console.info(`customer scope (REST): ${calls} calls, ${leaks.length} foreign rows, ${wrong.length} not refused`)
    expect(mcp.status).toBe(403)
    // MCP over stdio refuses the key at start-up too (its resources read the whole ledger).
    expect((await stdioCaller(t.runtime.store.apiKeys, customerKey)).ok).toBe(false)
    expect(leaks).toEqual([])
    expect(wrong).toEqual([])
  })
})

describe('the portal thread', () => {
  it('shows nothing of the investigation until a specialist shares it, then the messages and the rating', async () => {
    const spec = t.keys.specialist
    // The team sees the dispute investigated, in its queue, opened by the customer.
    const team = (await call('GET', `/api/disputes/${ownDispute}`, spec)).json as {
      dispute: { status: string; classification: string | null; resolution: unknown }
      events: { type: string; actorRole: string }[]
    }
    expect(team.dispute.status).toBe('investigating')
    expect(team.dispute.resolution).not.toBeNull()
    expect(team.events[0]?.actorRole).toBe('customer')
    // It reached the team's queue: assigned on opening like any other dispute.
    expect(team.events.map((e) => e.type)).toContain('dispute_assigned')

    const before = (await call('GET', `/api/portal/disputes/${ownDispute}`, customerKey)).json as Record<
      string,
      unknown
    >
    expect(before.status).toBe('under_review')
    expect(before.findings).toEqual([])
    expect(JSON.stringify(before)).not.toMatch(/classification|rootCause|supportedAmount/)

    const early = await call('POST', `/api/portal/disputes/${ownDispute}/rating`, customerKey, { csat: 5 })
    expect(early.status).toBe(409)

    const shared = await call('POST', `/api/portal/disputes/${ownDispute}/findings`, spec, {
      text: 'We compared the price with your contract: you are right, a credit follows.',
    })
    expect(shared.status).toBe(200)
    await call('POST', `/api/portal/disputes/${ownDispute}/messages`, customerKey, { text: 'Thank you!' })
    await call('POST', `/api/portal/disputes/${ownDispute}/messages`, spec, { text: 'You are welcome.' })
    expect((await call('POST', `/api/disputes/${ownDispute}/resolve`, spec, { outcome: 'credited' })).status).toBe(200)
    const rated = await call('POST', `/api/portal/disputes/${ownDispute}/rating`, customerKey, { csat: 4 })
    expect(rated.status).toBe(200)

    const after = rated.json as {
      status: string
      csat: number
      findings: { text: string; by: string }[]
      messages: { from: string; text: string }[]
    }
    expect(after.status).toBe('resolved')
    expect(after.csat).toBe(4)
    expect(after.findings.map((f) => f.text)).toEqual([
      'We compared the price with your contract: you are right, a credit follows.',
    ])
    expect(after.messages.map((m) => `${m.from}: ${m.text}`)).toEqual([
      'customer: Thank you!',
      'team: You are welcome.',
    ])
    const trail = (await call('GET', `/api/disputes/${ownDispute}`, spec)).json as {
      events: { type: string }[]
      chain: { ok: boolean }
    }
    expect(trail.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['findings_shared', 'customer_message', 'team_message', 'csat_recorded']),
    )
    expect(trail.chain.ok).toBe(true)
  })

  it('refuses a second open dispute on the same invoice and reason, and keys without a customer', async () => {
    const again = await call('POST', '/api/portal/disputes', customerKey, {
      invoiceNumber: 'INV-2002',
      reasonCode: 'other',
      description: 'first',
    })
    expect(again.status).toBe(200)
    const twice = await call('POST', '/api/portal/disputes', customerKey, {
      invoiceNumber: 'INV-2002',
      reasonCode: 'other',
      description: 'second',
    })
    expect(twice.status).toBe(409)
    const unbound = await call('POST', '/api/keys', t.keys.lead, { name: 'No Scope', role: 'customer' })
    expect(unbound.status).toBe(400)
    expect((unbound.json as { error: { field: string } }).error.field).toBe('customerId')
    const unknown = await call('POST', '/api/keys', t.keys.lead, { name: 'Ghost', role: 'customer', customerId: 'C-9' })
    expect(unknown.status).toBe(404)
    const bySpecialist = await call('POST', '/api/keys', t.keys.specialist, {
      name: 'Side Door',
      role: 'customer',
      customerId: 'C-100',
    })
    expect(bySpecialist.status).toBe(403)
  })
})
