/**
 * Assignment through the registry on the real store: a lead's team rule shares new disputes in
 * turn, a lead reassigns, the worklist shows each owner's queue, and a dispute's number works
 * wherever its id does (tools and the HTTP tool route).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../src/services/ports.ts'
import { chatTurn, confirmToken, createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { callByName, toolContext } from './testing.ts'

let t: TestApp
let spec: Actor
let lead: Actor

const me = async (key: string): Promise<Actor> =>
  (await (await t.app.request('/api/me', { headers: { Authorization: `Bearer ${key}` } })).json()) as Actor

beforeAll(async () => {
  t = await createTestApp()
  spec = await me(t.keys.specialist)
  lead = await me(t.keys.lead)
}, 60_000)
afterAll(() => t?.close())

async function value<T>(name: string, input: unknown, actor: Actor): Promise<T> {
  const r = await callByName(name, input, toolContext(t, false, actor))
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`)
  return r.value as T
}

type Dispute = { id: string; number: string; ownerId: string | null; targetDate: string | null }

describe('assignment', () => {
  it('shares new disputes by a team rule in turn, and the worklist shows each queue with its SLA', async () => {
    const setup = await value<{ rules: { teamName: string }[]; teams: { members: { name: string }[] }[] }>(
      'set_assignment_rules',
      {
        teams: [{ name: 'Pricing desk', members: [spec.id, lead.id] }],
        rules: [
          { name: 'Late fees to the lead', reasonCode: 'late_fee', personId: lead.id },
          { name: 'Pricing in turn', reasonCode: 'pricing_error', teamName: 'Pricing desk' },
        ],
      },
      lead,
    )
    expect(setup.rules.map((r) => r.teamName)).toEqual([null, 'Pricing desk'])
    expect(setup.teams[0]?.members.map((m) => m.name)).toEqual([spec.name, lead.name])

    const open = (invoiceNumber: string) =>
      value<{ dispute: Dispute }>('open_dispute', { invoiceNumber, reasonCode: 'pricing_error' }, spec)
    const first = (await open('INV-1001')).dispute
    const second = (await open('INV-2002')).dispute
    expect([first.ownerId, second.ownerId]).toEqual([spec.id, lead.id])
    expect(first.number).toMatch(/^DSP-\d{6}$/)
    expect(first.targetDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const trail = await t.runtime.store.disputes.events(first.id)
    expect(trail.find((e) => e.type === 'dispute_assigned')).toMatchObject({
      why: 'rule "Pricing in turn", Pricing desk\'s turn order',
      after: { ownerId: spec.id, ownerName: spec.name },
    })

    const mine = await value<{ items: { number: string; ownerName: string; customerName: string; sla: string }[] }>(
      'get_worklist',
      { ownerId: 'me', status: 'active' },
      spec,
    )
    expect(mine.items.map((i) => i.number)).toContain(first.number)
    expect(mine.items.map((i) => i.number)).not.toContain(second.number)
    expect(mine.items[0]).toMatchObject({ ownerName: spec.name, sla: expect.any(String) })
    expect(mine.items[0]?.customerName).not.toMatch(/^CUS-/)
    const found = await value<{ items: { id: string }[] }>('get_worklist', { q: first.number.toLowerCase() }, spec)
    expect(found.items.map((i) => i.id)).toEqual([first.id])
  })

  it('lets a lead reassign by number, refuses a specialist, and records both who and why', async () => {
    const d = (
      await value<{ dispute: Dispute }>(
        'open_dispute',
        { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42 },
        spec,
      )
    ).dispute
    const refused = await callByName(
      'assign_dispute',
      { disputeId: d.number, personId: lead.id, why: 'mine now' },
      toolContext(t, false, spec),
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const moved = await value<Dispute>(
      'assign_dispute',
      { disputeId: d.number, personId: lead.id, why: 'spec is on leave' },
      lead,
    )
    expect(moved).toMatchObject({ id: d.id, ownerId: lead.id })
    const last = (await t.runtime.store.disputes.events(d.id)).at(-1)
    expect(last).toMatchObject({
      type: 'dispute_assigned',
      why: 'spec is on leave',
      actorId: lead.id,
      after: { ownerName: lead.name },
    })

    const nobody = await callByName(
      'assign_dispute',
      { disputeId: d.id, personId: 'p-nobody', why: 'typo' },
      toolContext(t, false, lead),
    )
    expect(nobody).toMatchObject({ ok: false, error: { code: 'not_found', field: 'personId' } })

    await value('remind_dispute_owner', { disputeId: d.number }, lead)
    expect((await t.runtime.store.disputes.events(d.id)).at(-1)).toMatchObject({
      type: 'owner_reminded',
      after: { ownerId: lead.id },
    })

    const setup = await value<{ people: { id: string; open: number }[] }>('get_assignment_setup', {}, spec)
    expect(setup.people.find((p) => p.id === lead.id)?.open).toBeGreaterThanOrEqual(1)
  })

  it('serves every tool over POST /api/tools/:name with the same role checks, and numbers in the dispute route', async () => {
    const d = (
      await value<{ dispute: Dispute }>(
        'open_dispute',
        { invoiceNumber: 'INV-5001', reasonCode: 'pricing_error' },
        spec,
      )
    ).dispute
    const post = (name: string, body: unknown, key: string) =>
      t.app.request(`/api/tools/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const noted = await post(
      'add_dispute_note',
      { disputeId: d.number, note: 'Called their AP team.' },
      t.keys.specialist,
    )
    expect(noted.status).toBe(200)
    expect(((await noted.json()) as { disputeId: string }).disputeId).toBe(d.id)
    expect(
      (await post('assign_dispute', { disputeId: d.id, personId: lead.id, why: 'x-y-z' }, t.keys.specialist)).status,
    ).toBe(403)
    expect((await post('no_such_tool', {}, t.keys.lead)).status).toBe(400)
    const read = await t.app.request(`/api/disputes/${d.number}`, {
      headers: { Authorization: `Bearer ${t.keys.lead}` },
    })
    const body = (await read.json()) as { dispute: Dispute; events: { type: string }[] }
    expect(body.dispute.id).toBe(d.id)
    expect(body.events.map((e) => e.type)).toContain('note_added')
  })

  it('names a dispute recorded in chat by its number, as the worklist does', async () => {
    const first = await chatTurn(t, 'INV-1002 globex only received 42 of the 50 widget b')
    const recorded = await chatTurn(t, { confirm: confirmToken(first) }, first.sessionId)
    const d = await t.runtime.store.disputes.get(recorded.disputeId as string)
    expect(d?.number).toMatch(/^DSP-\d{6}$/)
    expect(recorded.reply).toContain(`Recorded dispute ${d?.number} on INV-1002`)
  })
})
