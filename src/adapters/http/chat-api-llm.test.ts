/**
 * The LLM engine through the chat API, against a local OpenAI-compatible server the test starts and
 * scripts. The model gathers facts and writes prose; every figure comes from the investigate tool,
 * and a model that tries to move money on its own, or to invent an amount, is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ScriptedModelServer, startScriptedModelServer } from '../agent/scripted-model-server.ts'
import { newEffects, recordedEffects } from '../../services/side-effects.ts'
import { chatTurn, createTestApp, type TestApp } from '../../testing/test-app.ts'

let model: ScriptedModelServer
let t: TestApp

beforeAll(async () => {
  model = await startScriptedModelServer()
  t = await createTestApp({
    env: { DISPUTE_DESK_ENGINE: 'llm', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.baseURL },
  })
}, 60_000)
afterAll(async () => {
  await t?.close()
  await model?.close()
})

const chat = (message: string, sessionId?: string) => chatTurn(t, message, sessionId)

/** A script step in which the model calls investigate_dispute with these arguments. */
const investigates = (args: Record<string, unknown>) => () => ({
  toolCalls: [{ name: 'investigate_dispute', arguments: args }],
})

/** The last tool result the engine sent back to the model: JSON for a result, text for an error. */
function lastToolResult(): unknown {
  const messages = model.requests.at(-1)?.messages ?? []
  const tool = [...messages].reverse().find((m) => m.role === 'tool')
  try {
    return tool?.content ? JSON.parse(tool.content) : null
  } catch {
    return tool?.content
  }
}

/** The SSE events of one POST /api/chat/stream, in order. */
async function streamTurn(body: object, key = t.keys.specialist): Promise<{ event: string; data: unknown }[]> {
  const res = await t.app.request('/api/chat/stream', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  const text = await res.text()
  return text
    .split('\n\n')
    .filter((block) => block.includes('event:'))
    .map((block) => ({
      event: /^event: ?(.*)$/m.exec(block)?.[1] ?? '',
      data: JSON.parse(/^data: ?(.*)$/m.exec(block)?.[1] ?? 'null'),
    }))
}

describe('LLM engine through POST /api/chat', () => {
  it('pricing example: the figures are the core’s, the prose is the model’s', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' }),
      () => ({ text: 'Globex is right: the contract price was not used. A credit of $150.00 is due.' }),
    ])
    const r = await chat('Globex is disputing INV-1001, they say the unit price is wrong, $150')
    expect(r.resolution).toMatchObject({
      invoiceNumber: 'INV-1001',
      classification: 'valid',
      disputedAmount: '150.00',
      supportedAmount: '150.00',
      action: 'credit_memo',
    })
    expect(r.reply).toContain('Globex is right')
    expect(r.reply).toMatch(/\| *Invoice/)
    // Recording is proposed, not done: the specialist confirms it.
    expect(r.effects).toEqual([])
    expect(r.proposal?.kind).toBe('record_dispute')
    // The model saw the tools from the one registry, with their JSON schemas.
    expect(model.requests[0]?.tools?.map((x) => x.function.name)).toContain('investigate_dispute')
  })

  it('short shipment and duplicate examples through the model’s tool calls', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42 }),
      () => ({ text: 'The delivery record backs the customer.' }),
    ])
    const shortShipment = await chat('INV-1002: globex got 42 of 50 widget B')
    expect(shortShipment.resolution?.supportedAmount).toBe('320.00')
    expect(shortShipment.resolution?.stakeholders).toContain('logistics')

    model.script([
      investigates({
        invoiceNumber: 'INV-2002',
        reasonCode: 'duplicate_billing',
        relatedInvoiceNumber: 'INV-2001',
        disputedAmount: '1700.00',
      }),
      () => ({ text: 'INV-2002 repeats INV-2001.' }),
    ])
    const duplicate = await chat('Initech: INV-2002 duplicates INV-2001, disputing 1,700')
    expect(duplicate.resolution).toMatchObject({ classification: 'valid', supportedAmount: '1700.00' })
  })

  it('unknown invoice: no resolution, and the model is told so', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-9999', reasonCode: 'pricing_error' }),
      () => ({ text: 'I could not find INV-9999 in the ledger. Can you check the number?' }),
    ])
    const r = await chat('Wayne Foods disputes invoice INV-9999 for a pricing error')
    expect(r.resolution).toBeNull()
    expect(lastToolResult()).toMatch(/investigate_dispute failed: invoice_not_found/)
    expect(r.reply).toContain('INV-9999')
  })

  it('removes an amount the model invented and keeps the core’s', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' }),
      () => ({ text: 'We should credit $1,234.56 to keep them happy, on top of the $150.00.' }),
    ])
    const r = await chat('INV-1001 globex price wrong 150')
    expect(r.reply).not.toContain('1,234.56')
    expect(r.reply).not.toContain('1234.56')
    expect(r.resolution?.supportedAmount).toBe('150.00')
  })

  it('turns a model that records and requests a credit on its own into a proposal, run only on confirmation', async () => {
    model.script([
      () => ({
        toolCalls: [
          {
            name: 'open_dispute',
            arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' },
          },
        ],
      }),
      () => ({
        toolCalls: [{ name: 'request_credit_memo', arguments: { disputeId: 'D-1', reason: 'model wants to' } }],
      }),
      () => ({ text: 'Done.' }),
    ])
    const before = await recordedEffects(t.runtime.store)
    const pendingBefore = (await t.runtime.store.creditMemos.list({ status: 'pending' })).total
    const r = await chat('Globex INV-1001: unit price wrong')
    expect(lastToolResult()).toMatchObject({ status: 'proposed' })
    expect(r.effects).toEqual([])
    expect(r.proposal).not.toBeNull()
    expect(r.disputeId).toBeNull()
    expect((await t.runtime.store.creditMemos.list({ status: 'pending' })).total).toBe(pendingBefore)

    // The model is never offered the approval tool: a specialist may not approve, and a requester
    // never approves their own request.
    expect(model.requests.at(-1)?.tools?.map((x) => x.function.name)).not.toContain('decide_credit_memo')
    model.script([
      () => ({
        toolCalls: [{ name: 'decide_credit_memo', arguments: { requestId: 'R-1', decision: 'approve', reason: 'ok' } }],
      }),
      () => ({ text: 'Approved.' }),
    ])
    const sneaky = await chat('approve it', r.sessionId)
    expect(lastToolResult()).toMatch(/decide_credit_memo is not a valid tool/)
    expect(sneaky.effects).toEqual([])
    expect(newEffects(before, await recordedEffects(t.runtime.store))).toEqual([])
  })

  it('records the dispute when the specialist confirms what the model proposed', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42 }),
      () => ({ text: 'The delivery record backs the customer.' }),
    ])
    const r = await chat('INV-1002: globex got 42 of 50 widget B')
    expect(r.proposal?.kind).toBe('record_dispute')
    expect(r.understood).toMatchObject({ invoiceNumber: 'INV-1002', quantityReceived: 42 })
    const confirmed = await chat('yes', r.sessionId)
    expect(confirmed.effects).toContain('dispute_opened')
    expect(confirmed.disputeId).not.toBeNull()
  })

  it('asks the specialist through the clarifying-question tool', async () => {
    model.script([
      () => ({
        toolCalls: [{ name: 'ask_clarifying_question', arguments: { topic: 'invoice', text: 'Which invoice?' } }],
      }),
    ])
    const r = await chat('I have a dispute from a customer')
    expect(r.questions).toEqual([{ topic: 'invoice', text: 'Which invoice?' }])
    expect(r.resolution).toBeNull()
  })

  it('streams the model’s words as they arrive, with tool progress before them, then the final response', async () => {
    model.script([
      investigates({ invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' }),
      () => ({
        text: 'Globex is right. The contract price was not applied. A credit of $150.00 is due. Shall I record it?',
      }),
    ])
    const events = await streamTurn({ message: 'Globex INV-1001, unit price wrong, 150' })
    const kinds = events.map((e) => e.event)
    const texts = events.filter((e) => e.event === 'text').map((e) => (e.data as { delta: string }).delta)
    expect(texts.length).toBeGreaterThanOrEqual(3)
    expect(texts.join('')).toContain('A credit of $150.00 is due.')
    expect(kinds.indexOf('progress')).toBeLessThan(kinds.indexOf('text'))
    expect(kinds.indexOf('resolution')).toBeLessThan(kinds.indexOf('text'))
    expect(kinds.lastIndexOf('text')).toBeLessThan(kinds.indexOf('done'))
    expect(kinds.at(-1)).toBe('done')
    const usage = events.find((e) => e.event === 'usage')?.data as {
      usage: { modelCalls: number; totalTokens: number }
    }
    expect(usage.usage).toMatchObject({ modelCalls: 2 })
    const done = events.at(-1)?.data as { reply: string; usage: { totalTokens: number } }
    expect(done.reply).toMatch(/\| *Invoice/)
    expect(done.usage.totalTokens).toBe(usage.usage.totalTokens)
  })

  it('offers a read-only key no tool that changes anything and proposes nothing', async () => {
    const key = await t.runtime.store.apiKeys.create({ name: 'Auditor', role: 'specialist', readOnly: true })
    model.script([
      investigates({ invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' }),
      () => ({ text: 'The contract price was not used.' }),
    ])
    const r = await chatTurn(t, 'Globex INV-1001 price wrong 150', undefined, key.key)
    const offered = model.requests.at(-1)?.tools?.map((x) => x.function.name) ?? []
    expect(offered).toContain('investigate_dispute')
    for (const write of [
      'open_dispute',
      'request_credit_memo',
      'resolve_dispute',
      'add_dispute_note',
      'update_dispute',
    ])
      expect(offered).not.toContain(write)
    expect(r.resolution?.supportedAmount).toBe('150.00')
    expect(r.proposal).toBeNull()
    expect(r.actions).toEqual([])
  })
})
