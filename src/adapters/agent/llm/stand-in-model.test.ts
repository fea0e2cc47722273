/** The stand-in model drives the LLM engine through a whole investigation, as the evals run it. */
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../testing/test-app.ts'
import { createLlmEngine } from '../llm-engine.ts'
import { type ScriptedModelServer, startScriptedModelServer } from '../scripted-model-server.ts'
import { standInReply } from './stand-in-model.ts'

let model: ScriptedModelServer
let t: TestApp
beforeAll(async () => {
  model = await startScriptedModelServer({ fallback: standInReply })
  t = await createTestApp()
}, 60_000)
afterAll(async () => {
  await t?.close()
  await model?.close()
})

it('resolves the invoice, investigates, asks when it must, and writes no figure', async () => {
  const engine = createLlmEngine({
    services: t.runtime.services,
    client: new OpenAI({ apiKey: 'k', baseURL: model.baseURL }),
    model: 'stand-in',
    persona: 'p',
  })
  const actor = { id: 's', name: 'Sam', role: 'specialist' as const }
  const base = { actor, today: '2026-03-15', readOnly: false }
  const asked = await engine.turn({ ...base, sessionId: 'stand-in-1', message: 'a customer is unhappy' })
  expect(asked.questions.map((q) => q.topic)).toEqual(['invoice'])
  const r = await engine.turn({ ...base, sessionId: 'stand-in-1', message: 'INV-1001: the unit price is wrong, $150' })
  expect(r.resolution).toMatchObject({
    invoiceNumber: 'INV-1001',
    reasonCode: 'pricing_error',
    supportedAmount: '150.00',
  })
  expect(r.proposal?.kind).toBe('record_dispute')
  // The question remembered from the first turn, then resolve_invoice_reference and investigate_dispute.
  expect(model.requests.at(-1)?.messages.filter((m) => m.role === 'tool')).toHaveLength(3)
})
