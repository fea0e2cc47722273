import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ScriptedModelServer, startScriptedModelServer } from '../src/adapters/agent/scripted-model-server.ts'
import { createEmailJudge, parseVerdict } from './judge.ts'
import { resolutionFixture } from './testing.ts'

let model: ScriptedModelServer
beforeAll(async () => {
  model = await startScriptedModelServer()
})
afterAll(() => model.close())

describe('the rubric judge', () => {
  it('asks the model with the rubric, the resolution facts and the email, and reads its scores', async () => {
    model.script([
      () => ({
        text: '```json\n{"professionalism": 5, "clarity": 4, "accuracy": 5, "score": 4, "reason": "Accurate; the next step could be plainer."}\n```',
      }),
    ])
    const judge = createEmailJudge({
      client: new OpenAI({ apiKey: 'test', baseURL: model.baseURL }),
      model: 'judge-model',
    })
    const verdict = await judge(resolutionFixture())
    expect(verdict).toEqual({
      score: 4,
      reason: 'Accurate; the next step could be plainer.',
      scores: { professionalism: 5, clarity: 4, accuracy: 5 },
    })
    const request = model.requests.at(-1)
    expect(request?.model).toBe('judge-model')
    expect(request?.messages[0]?.content).toContain('professionalism')
    expect(request?.messages[1]?.content).toContain('"supportedAmount": "150.00"')
    expect(request?.messages[1]?.content).toContain('We will credit $150.00 by 2026-03-27.')
  })

  it.each([
    ['I cannot judge this.', /did not answer with JSON/],
    ['{"score": 9, "reason": "x"}', /no 1–5 score/],
    ['{"score": 3', /did not answer with JSON/],
    ['{score: 3}', /did not parse/],
  ])('gives no score, with the reason, when the answer is unusable: %s', (text, reason) => {
    const v = parseVerdict(text)
    expect(v.score).toBeNull()
    expect(v.reason).toMatch(reason)
  })
})
