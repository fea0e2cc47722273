/**
 * Every tool of the registry through callTool, the one path every adapter uses, on the real store
 * (in-memory Postgres) loaded with the example ledger: a good call, and bad input that names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/services/ports.ts'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import type { ToolContext } from './define-tool.ts'
import { callTool, jsonSchemaOf, toolByName, tools } from './index.ts'

let t: TestApp
const specialist: Actor = { id: 'k-spec', name: 'Sam', role: 'specialist' }
const lead: Actor = { id: 'k-lead', name: 'Lee', role: 'lead' }

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

const ctx = (actor: Actor = specialist, readOnly = false): ToolContext => ({
  services: t.runtime.services,
  actor,
  today: t.runtime.today(),
  readOnly,
})

async function call<T = Record<string, unknown>>(name: string, input: unknown, c = ctx()) {
  const spec = toolByName(name)
  if (!spec) throw new Error(`no tool ${name}`)
  return (await callTool(spec, input, c)) as
    | { ok: true; value: T }
    | { ok: false; error: { code: string; field?: string } }
}

async function value<T = Record<string, unknown>>(name: string, input: unknown, c = ctx()): Promise<T> {
  const r = await call<T>(name, input, c)
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`)
  return r.value
}

describe('the registry', () => {
  it('declares every tool once, snake_case, with a description for a model and JSON schemas', () => {
    const names = tools.map((x) => x.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names.length).toBeGreaterThanOrEqual(21)
    for (const spec of tools) {
      expect(spec.name).toMatch(/^[a-z]+(_[a-z]+)+$/)
      expect(spec.description.length).toBeGreaterThan(40)
      expect(jsonSchemaOf(spec.input)).toHaveProperty('type', 'object')
      expect(jsonSchemaOf(spec.output)).toHaveProperty('type')
    }
  })

  it('marks every tool that moves money, and only those need a lead to approve', () => {
    const moving = tools.filter((x) => x.annotations.movesMoney).map((x) => x.name)
    expect(moving.sort()).toEqual([
      'choose_settlement',
      'decide_credit_memo',
      'record_payment',
      'request_credit_memo',
      'request_group_credits',
    ])
    expect(toolByName('decide_credit_memo')?.roles).not.toContain('specialist')
  })
})

describe('ledger reads', () => {
  it('find_customer matches a misspelt name', async () => {
    const r = await value<{ matches: { customer: { id: string } }[] }>('find_customer', { query: 'globx' })
    expect(r.matches[0]?.customer.id).toBe('C-100')
  })

  it('find_invoices by a fragment of the number', async () => {
    const r = await value<{ items: { number: string }[] }>('find_invoices', { numberFragment: '1002' })
    expect(r.items.map((i) => i.number)).toEqual(['INV-1002'])
  })

  it('get_invoice by suffix, with balance and days past due', async () => {
    const r = await value<{ number: string; openBalance: string; daysPastDue: number }>('get_invoice', {
      invoiceNumber: 'inv 1001',
    })
    expect(r.number).toBe('INV-1001')
    expect(r.openBalance).toMatch(/^\d+\.\d{2}$/)
    expect(typeof r.daysPastDue).toBe('number')
  })

  it('get_invoice names the field when the number is missing or unknown', async () => {
    const missing = await call('get_invoice', {})
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'invoiceNumber' } })
    const unknown = await call('get_invoice', { invoiceNumber: 'INV-9999' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invoice_not_found', field: 'invoiceNumber' } })
  })

  it('get_contract for an invoice, and refuses a call with nothing to look up', async () => {
    const r = await value<{ items?: { id: string }[] } & Record<string, unknown>>('get_contract', {
      invoiceNumber: 'INV-1001',
    })
    expect(JSON.stringify(r)).toContain('WIDGET')
    expect(await call('get_contract', {})).toMatchObject({ ok: false, error: { field: 'contractId' } })
  })

  it('get_purchase_orders, get_deliveries, get_service_logs and get_payments page their rows', async () => {
    for (const [name, input] of [
      ['get_purchase_orders', { customerId: 'C-100' }],
      ['get_deliveries', { invoiceNumber: 'INV-1002' }],
      ['get_service_logs', { customerId: 'C-200' }],
      ['get_payments', { customerId: 'C-100' }],
    ] as const) {
      const r = await value<{ items: unknown[]; total: number; limit: number }>(name, input)
      expect(r.limit, name).toBe(50)
      expect(r.total, name).toBe(r.items.length)
    }
    const deliveries = await value<{ items: { id: string }[] }>('get_deliveries', { invoiceNumber: 'INV-1002' })
    expect(deliveries.items.length).toBeGreaterThan(0)
    expect(await call('get_payments', { limit: 0 })).toMatchObject({ ok: false, error: { field: 'limit' } })
  })
})

describe('the dispute lifecycle through the tools', () => {
  it('investigates without recording anything', async () => {
    const before = await value<{ total: number }>('list_disputes', {})
    const r = await value<{ supportedAmount: string; classification: string }>('investigate_dispute', {
      invoiceNumber: 'INV-1001',
      reasonCode: 'pricing_error',
    })
    expect(r).toMatchObject({ supportedAmount: '150.00', classification: 'valid' })
    expect((await value<{ total: number }>('list_disputes', {})).total).toBe(before.total)
    expect(await call('investigate_dispute', { invoiceNumber: 'INV-1001', reasonCode: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'reasonCode' },
    })
  })

  it('opens, notes, requests a credit, refuses self-approval, lets a lead approve, resolves', async () => {
    const opened = await value<{ dispute: { id: string; status: string } }>('open_dispute', {
      invoiceNumber: 'INV-1001',
      reasonCode: 'pricing_error',
      disputedAmount: '150.00',
    })
    const id = opened.dispute.id
    await value('add_dispute_note', { disputeId: id, note: 'Called Globex AP.' })
    const detail = await value<{ events: { type: string }[] }>('get_dispute', { disputeId: id })
    expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['dispute_opened', 'note_added']))

    const tooMuch = await call('request_credit_memo', { disputeId: id, amount: '151.00', reason: 'pricing' })
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'credit_exceeds_supported', field: 'amount' } })
    const requested = await value<{ id: string; status: string; amount: string }>('request_credit_memo', {
      disputeId: id,
      reason: 'contract price',
    })
    expect(requested).toMatchObject({ status: 'pending', amount: '150.00' })

    const bySpecialist = await call('decide_credit_memo', {
      requestId: requested.id,
      decision: 'approve',
      reason: 'ok',
    })
    expect(bySpecialist).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const leadAsRequester: Actor = { ...lead, id: specialist.id }
    const selfApproved = await call(
      'decide_credit_memo',
      { requestId: requested.id, decision: 'approve', reason: 'looks right' },
      ctx(leadAsRequester),
    )
    expect(selfApproved).toMatchObject({ ok: false, error: { code: 'self_approval' } })
    const approved = await value<{ status: string }>(
      'decide_credit_memo',
      { requestId: requested.id, decision: 'approve', reason: 'matches contract CTR' },
      ctx(lead),
    )
    expect(['approved', 'issued']).toContain(approved.status)

    const resolved = await value<{ status: string }>('resolve_dispute', { disputeId: id, outcome: 'customer accepted' })
    expect(resolved.status).toBe('resolved')
    expect(await call('update_dispute', { disputeId: id, status: 'open', why: 'reopen please' })).toMatchObject({
      ok: false,
      error: { code: 'illegal_transition' },
    })
  })

  it('redrafts the email in another tone without changing a figure', async () => {
    const opened = await value<{ dispute: { id: string }; resolution: { email: { body: string } } }>('open_dispute', {
      invoiceNumber: 'INV-1002',
      reasonCode: 'quantity_discrepancy',
      quantityReceived: 42,
    })
    const firm = await value<{ body: string; tone: string }>('draft_customer_email', {
      disputeId: opened.dispute.id,
      tone: 'firm',
    })
    expect(firm.tone).toBe('firm')
    expect(firm.body).toContain('320.00')
  })

  it('opening the same claim on an invoice with an open dispute updates that dispute, not a duplicate', async () => {
    const claim = { invoiceNumber: 'INV-2002', reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-2001' }
    const first = await value<{ dispute: { id: string } }>('open_dispute', claim)
    const again = await value<{ dispute: { id: string } }>('open_dispute', { ...claim, disputedAmount: '1700.00' })
    expect(again.dispute.id).toBe(first.dispute.id)
    const listed = await value<{ items: { id: string }[] }>('list_disputes', { invoiceNumber: 'INV-2002' })
    expect(listed.items.map((d) => d.id)).toEqual([first.dispute.id])
  })

  it('a read-only key cannot open a dispute', async () => {
    const r = await call('open_dispute', { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, ctx(lead, true))
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } })
  })
})

describe('reports', () => {
  it('aging_report buckets open invoices and exports CSV', async () => {
    const r = await value<{ totals: { currency: string; total: string }[]; csv?: string }>('aging_report', {
      includeCsv: true,
    })
    expect(r.totals.map((x) => x.currency)).toContain('USD')
    expect(r.csv?.split('\r\n')[0]).toMatch(/^scope,/)
  })

  it('dispute_trends counts by reason and refuses a reversed range', async () => {
    const r = await value<{ total: number; byReason: { key: string }[] }>('dispute_trends', {})
    expect(r.total).toBeGreaterThan(0)
    expect(await call('dispute_trends', { from: '2026-03-01', to: '2026-01-01' })).toMatchObject({
      ok: false,
      error: { field: 'from' },
    })
  })

  it('search_similar_disputes returns ranked precedents with their outcome', async () => {
    const r = await value<{ disputes: { id: string; reasonCode: string; summary: string }[] }>(
      'search_similar_disputes',
      { text: 'customer billed the old price after the contract renewal', limit: 3 },
    )
    expect(r.disputes.length).toBeGreaterThan(0)
    expect(r.disputes.length).toBeLessThanOrEqual(3)
    expect(r.disputes[0]?.summary).toBeTruthy()
    expect(await call('search_similar_disputes', { text: 'x' })).toMatchObject({ ok: false, error: { field: 'text' } })
  })
})
