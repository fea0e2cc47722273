import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatResponse, Engine } from '../src/adapters/agent/chat-types.ts'
import { createStore } from '../src/adapters/store/store.ts'
import { memoryDb } from '../src/adapters/store/testing.ts'
import type { Store } from '../src/services/ports.ts'
import { type EvalRuntime, runEvals } from './run-evals.ts'
import { resolutionFixture } from './testing.ts'

const NORTHWIND = readFileSync(resolve(import.meta.dirname, 'cases/northwind.ledger.json'), 'utf8')

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evals-run-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const kase = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    ledger: 'northwind.ledger.json',
    today: '2026-03-15',
    turns: ['hi'],
    expect: { noResolution: true },
    ...extra,
  })

/** An engine that answers from a script: the runner is what is under test here, not the product. */
function scriptedEngine(answer: (message: string) => Partial<ChatResponse> | Promise<never>): Engine {
  return {
    name: 'embedded',
    async turn(input) {
      const a = await answer(input.message)
      return {
        sessionId: input.sessionId,
        reply: 'ok',
        questions: [],
        resolution: null,
        disputeId: null,
        actions: [],
        proposal: null,
        understood: null,
        effects: [],
        ...a,
      }
    },
  }
}

let store: Store
beforeAll(async () => {
  store = createStore(await memoryDb())
})
afterAll(() => store.close())

const runtimeOf = (engine: Engine) => async (): Promise<EvalRuntime> => ({ engine, store, close: async () => {} })

describe('runEvals', () => {
  it('reports each unusable case file as a failed case with its reason and runs the others', async () => {
    const dir = folder({
      'northwind.ledger.json': NORTHWIND,
      'broken.ledger.json': JSON.stringify({
        format: 'dispute-desk.ledger/v1',
        customers: [],
        invoices: [{ number: 'X' }],
      }),
      'a-good.case.json': kase('good'),
      'b-bad-json.case.json': '{ "id": "oops", ',
      'c-schema.case.json': JSON.stringify({
        id: 'schema',
        ledger: 'northwind.ledger.json',
        today: '15/03/2026',
        turns: [],
        expect: { colour: 'red' },
      }),
      'd-missing-ledger.case.json': kase('missing-ledger', { ledger: 'nowhere.ledger.json' }),
      'e-bad-ledger.case.json': kase('bad-ledger', { ledger: 'broken.ledger.json' }),
      'sub/f-nested.case.json': kase('nested', { ledger: '../northwind.ledger.json' }),
    })
    const report = await runEvals({
      dir,
      engine: 'embedded',
      runtime: runtimeOf(scriptedEngine(() => ({ reply: 'INV-9999 is not in the ledger.' }))),
    })
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]))
    expect(report.cases.map((c) => c.id)).toEqual([
      'good',
      'b-bad-json',
      'schema',
      'missing-ledger',
      'bad-ledger',
      'nested',
    ])
    expect(byId.good?.passed).toBe(true)
    expect(byId.nested?.passed).toBe(true)
    expect(byId['b-bad-json']?.error).toMatch(/^not valid JSON/)
    expect(byId.schema?.error).toMatch(/today.*turns|turns.*today/s)
    expect(byId.schema?.error).toContain('colour')
    expect(byId['missing-ledger']?.error).toBe('ledger nowhere.ledger.json does not exist')
    expect(byId['bad-ledger']?.error).toMatch(/ledger broken\.ledger\.json is invalid: invoices\[0\]/)
    expect(report.summary).toEqual({ cases: 6, passed: 2, failed: 4, checks: 2, checksPassed: 2, harmful: 0 })
    expect(report.passRate).toBeCloseTo(2 / 6, 4)
  })

  it('fails a case whose engine throws or hangs, with the reason, and goes on', async () => {
    const dir = folder({
      'northwind.ledger.json': NORTHWIND,
      'a.case.json': kase('throws', { turns: ['boom'] }),
      'b.case.json': kase('hangs', { turns: ['wait'] }),
      'c.case.json': kase('fine'),
    })
    const engine = scriptedEngine((m) => {
      if (m === 'boom') return Promise.reject(new Error('database on fire'))
      if (m === 'wait') return new Promise<never>(() => {})
      return { reply: 'No such invoice.' }
    })
    const report = await runEvals({ dir, engine: 'embedded', runtime: runtimeOf(engine), timeoutMs: 200 })
    expect(report.cases.map((c) => [c.id, c.passed, c.error])).toEqual([
      ['throws', false, 'the run failed: database on fire'],
      ['hangs', false, 'timed out after 200 ms'],
      ['fine', true, undefined],
    ])
  })

  it('scores the last resolution reached, with every check expected and actual, and email quality beside', async () => {
    const dir = folder({
      'northwind.ledger.json': NORTHWIND,
      'x.case.json': JSON.stringify({
        id: 'scored',
        ledger: 'northwind.ledger.json',
        today: '2026-03-15',
        turns: ['Globex disputes INV-1001', 'customer accepted, mark it resolved'],
        expect: {
          supportedAmount: '150.00',
          action: 'write_off',
          asks: ['reason'],
          emailMentions: ['INV-1001'],
          mustNotHappen: ['dispute_resolved'],
        },
      }),
    })
    const engine = scriptedEngine((m) =>
      m.startsWith('Globex')
        ? { resolution: resolutionFixture(), questions: [{ topic: 'reason', text: 'What do they say?' }] }
        : { effects: ['dispute_resolved'] },
    )
    const report = await runEvals({ dir, engine: 'embedded', runtime: runtimeOf(engine) })
    const c = report.cases[0]
    expect(c?.passed).toBe(false)
    expect(c?.checks).toEqual([
      { name: 'action', passed: false, expected: 'write_off', actual: 'credit_memo' },
      { name: 'supportedAmount', passed: true, expected: '150.00', actual: '150.00' },
      { name: 'asks:reason', passed: true, expected: 'reason', actual: ['reason'] },
      { name: 'emailMentions:INV-1001', passed: true, expected: 'INV-1001', actual: 'Your dispute of INV-1001' },
      {
        name: 'mustNotHappen:dispute_resolved',
        passed: false,
        expected: 'no dispute_resolved',
        actual: ['dispute_resolved'],
      },
    ])
    expect(c?.email?.checks.find((k) => k.name === 'email:names_invoice')?.passed).toBe(true)
  })

  it('runs only the cases whose id contains the filter', async () => {
    const dir = folder({
      'northwind.ledger.json': NORTHWIND,
      'a.case.json': kase('alpha'),
      'b.case.json': kase('beta'),
    })
    const report = await runEvals({
      dir,
      engine: 'embedded',
      runtime: runtimeOf(scriptedEngine(() => ({}))),
      filter: 'bet',
    })
    expect(report.cases.map((c) => c.id)).toEqual(['beta'])
  })
})
