/**
 * `npx tsx scripts/bench-llm-turn.ts [--runs N]`: the LLM engine on the demo data against the scripted
 * model server playing the stand-in model (no network): per turn, the model calls, the tokens sent
 * and received (as the server counts them: characters / 4 of the real request, tool schemas
 * included) and the engine's own time with a model that answers at once. One first turn per planted
 * defect of the demo manifest, then a follow-up in the same conversation (history and remembered
 * tool results included). Prints figures; it is not a test.
 */
import { randomUUID } from 'node:crypto'
import OpenAI from 'openai'
import { createLlmEngine } from '../src/adapters/agent/llm-engine.ts'
import { standInReply } from '../src/adapters/agent/llm/stand-in-model.ts'
import { startScriptedModelServer } from '../src/adapters/agent/scripted-model-server.ts'
import type { ChatResponse } from '../src/adapters/agent/chat-types.ts'
import { parseConfig } from '../src/config.ts'
import { generateDemo } from '../src/demo/generate.ts'
import { createRuntime } from '../src/runtime.ts'

const args = process.argv.slice(2)
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 1) || 1
const today = '2026-11-23'
const parsed = parseConfig({ DISPUTE_DESK_DATA: 'memory', DISPUTE_DESK_TODAY: today })
if (!parsed.ok) throw new Error(parsed.errors.join('; '))
const { manifest } = generateDemo({ today })
const runtime = await createRuntime(parsed.config, { log: (line) => console.error(line) })
const model = await startScriptedModelServer({ fallback: standInReply })
const engine = createLlmEngine({
  services: runtime.services,
  client: new OpenAI({ apiKey: 'scripted', baseURL: model.baseURL }),
  model: 'stand-in',
  persona: runtime.prompts.persona,
})
const actor = { id: 'bench', name: 'Bench', role: 'specialist' as const }
const first: { ms: number; r: ChatResponse }[] = []
const follow: { ms: number; r: ChatResponse }[] = []
const timed = async (into: typeof first, sessionId: string, message: string) => {
  const start = performance.now()
  const r = await engine.turn({ sessionId, message, actor, today, readOnly: false })
  into.push({ ms: performance.now() - start, r })
}
for (let pass = 0; pass < runs; pass++) {
  for (const entry of manifest) {
    const sessionId = randomUUID()
    const reason = entry.reasonCode.replace(/_/g, ' ')
    await timed(first, sessionId, `${entry.invoiceNumber}: ${reason}, disputing ${entry.expected.disputedAmount}`)
    await timed(follow, sessionId, `and what does ${entry.invoiceNumber} show for the ${reason}?`)
  }
}
await model.close()
await runtime.close()

const stats = (turns: typeof first) => {
  const pick = (f: (t: (typeof first)[number]) => number) => {
    const v = turns.map(f).sort((a, b) => a - b)
    const at = (p: number) => v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))] ?? 0
    return { median: Math.round(at(50)), p95: Math.round(at(95)), max: Math.round(at(100)) }
  }
  return {
    turns: turns.length,
    resolved: turns.filter((t) => t.r.resolution).length,
    modelCalls: pick((t) => t.r.usage?.modelCalls ?? 0),
    inputTokens: pick((t) => t.r.usage?.inputTokens ?? 0),
    outputTokens: pick((t) => t.r.usage?.outputTokens ?? 0),
    totalTokens: pick((t) => t.r.usage?.totalTokens ?? 0),
    engineMs: pick((t) => t.ms),
  }
}
console.log(
  JSON.stringify({ engine: 'llm (stand-in model)', firstTurn: stats(first), followUp: stats(follow) }, null, 2),
)
