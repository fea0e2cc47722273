/**
 * Runs a folder of eval cases (shared/contract/EVALS.md): each case on a fresh database loaded with
 * its ledger, every turn through the engine, then one check per `expect` key. A case that cannot be
 * read, or whose run throws or hangs, is a failed case with the reason; the run always finishes.
 *
 * How a runtime is built is injected (`RuntimeFactory`), so the CLI and the suite test share this
 * loop and only differ in configuration.
 */
import type { Engine, QuestionTopic, SideEffect } from '../src/adapters/agent/chat-types.ts'
import type { Ledger } from '../src/core/ledger.ts'
import type { Resolution } from '../src/core/resolution.ts'
import type { Actor, Store } from '../src/services/ports.ts'
import {
  type CaseResult,
  type CheckResult,
  type EvalCase,
  type EvalReport,
  SIDE_EFFECTS,
  summarise,
} from './case-schema.ts'
import { scoreEmail } from './email-quality.ts'
import { displayPath, findCaseFiles, LedgerCache, loadCase } from './load-cases.ts'
import { type CaseOutcome, harmfulOutcome, scoreCase } from './score.ts'

/** What a case needs from the product: an engine, the store it writes to, the tone lexicon. */
export interface EvalRuntime {
  engine: Engine
  store: Store
  prompts?: { lexicon: readonly string[] }
  close(): Promise<void>
}

export type RuntimeFactory = (evalCase: EvalCase, ledger: Ledger) => Promise<EvalRuntime>

export interface JudgeVerdict {
  /** 1–5, or null when the judge could not answer. */
  score: number | null
  reason: string
  scores?: { professionalism: number; clarity: number; accuracy: number }
}

export type EmailJudge = (resolution: Resolution) => Promise<JudgeVerdict>

/** Email quality is reported beside the checks; it does not decide whether a case passes. */
export interface EmailQuality {
  checks: CheckResult[]
  judge?: JudgeVerdict
}

/** What was said, kept for failing cases so a lead can see why without re-running. */
export interface Exchange {
  turn: string
  reply: string
  /** The questions the reply asked, as the person reads them (the widget shows them apart from the reply). */
  questions?: string[]
}

export type CaseRun = CaseResult & { email?: EmailQuality; turns?: number; transcript?: Exchange[] }

export interface RunReport extends EvalReport {
  cases: CaseRun[]
  startedAt: string
  commit: string | null
  ms: number
  passRate: number
}

export interface RunOptions {
  dir: string
  engine: 'embedded' | 'llm'
  runtime: RuntimeFactory
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void
  /** A case whose turns take longer fails with a timeout. Default 30 s. */
  timeoutMs?: number
  judge?: EmailJudge
  commit?: string | null
  /** Only cases whose id contains this text. */
  filter?: string
  /** The run's clock, for the report's startedAt and timings (tests fix it). */
  now?: () => number
}

export const EVAL_ACTOR: Actor = { id: 'evals', name: 'Evals', role: 'specialist' }

export async function runEvals(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const started = now()
  const files = findCaseFiles(options.dir)
  const ledgers = new LedgerCache()
  const results: CaseRun[] = []
  for (const file of files) {
    const loaded = loadCase(file, ledgers)
    if (options.filter && !loaded.id.includes(options.filter)) continue
    const t0 = now()
    const result: CaseRun = loaded.ok
      ? await runCase(loaded.evalCase, loaded.ledger, options)
      : { id: loaded.id, passed: false, ms: 0, checks: [], error: loaded.error }
    result.ms = Math.round(now() - t0)
    result.file = displayPath(file)
    results.push(result)
    const failed = result.checks.filter((c) => !c.passed).map((c) => c.name)
    log(
      `${result.passed ? 'pass' : result.harmful ? 'HARM' : 'FAIL'} ${result.id} (${result.ms} ms)` +
        (result.harmful ? ` [harmful: ${result.harmful}]` : '') +
        (result.error ? `: ${result.error}` : failed.length ? `: ${failed.join(', ')}` : ''),
    )
  }
  const report = summarise(options.engine, results)
  const s = report.summary
  log(
    `${s.passed}/${s.cases} cases passed, ${s.checksPassed}/${s.checks} checks, ${s.harmful} harmful, ${Math.round(now() - started)} ms`,
  )
  return {
    ...report,
    cases: results,
    startedAt: new Date(started).toISOString(),
    commit: options.commit ?? null,
    ms: Math.round(now() - started),
    passRate: passRate(report),
  }
}

export function passRate(report: EvalReport): number {
  const { cases, passed } = report.summary
  return cases ? Math.round((passed / cases) * 10000) / 10000 : 0
}

class CaseTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeout(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function runCase(evalCase: EvalCase, ledger: Ledger, options: RunOptions): Promise<CaseRun> {
  const base = { id: evalCase.id, passed: false, ms: 0, checks: [] as CheckResult[] }
  let runtime: EvalRuntime
  try {
    runtime = await options.runtime(evalCase, ledger)
  } catch (err) {
    return { ...base, error: `could not start the runtime: ${message(err)}` }
  }
  try {
    const outcome = await withTimeout(converse(runtime, evalCase), options.timeoutMs ?? 30_000)
    const checks = scoreCase(evalCase.expect, outcome)
    const harmful = harmfulOutcome(evalCase.expect, outcome)
    const run: CaseRun = {
      ...base,
      passed: checks.length > 0 && checks.every((c) => c.passed),
      checks,
      turns: evalCase.turns.length,
      ...(harmful ? { harmful } : {}),
    }
    if (checks.length === 0) run.error = 'the case expects nothing: add at least one key to expect'
    if (!run.passed) {
      run.transcript = evalCase.turns.map((turn, i) => ({
        turn: clip(turn),
        reply: clip(outcome.replies[i] ?? ''),
        ...(outcome.questions?.[i]?.length ? { questions: outcome.questions[i] } : {}),
      }))
    }
    if (outcome.resolution) run.email = await emailQuality(outcome.resolution, runtime, options.judge)
    return run
  } catch (err) {
    return { ...base, error: `${err instanceof CaseTimeout ? '' : 'the run failed: '}${message(err)}` }
  } finally {
    await runtime.close().catch(() => {})
  }
}

async function converse(runtime: EvalRuntime, evalCase: EvalCase): Promise<CaseOutcome> {
  const sessionId = `eval-${evalCase.id}`
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 64)
    .padEnd(8, '-')
  const asked: QuestionTopic[] = []
  const replies: string[] = []
  const questions: string[][] = []
  const effects = new Set<SideEffect>()
  let resolution: Resolution | null = null
  for (const message of evalCase.turns) {
    const response = await runtime.engine.turn({
      sessionId,
      message,
      actor: EVAL_ACTOR,
      today: evalCase.today,
      readOnly: false,
    })
    asked.push(...response.questions.map((q) => q.topic))
    replies.push(response.reply)
    questions.push(response.questions.map((q) => q.text))
    for (const e of response.effects) effects.add(e)
    // The final state is the last resolution reached: a follow-up ("mark it resolved") may answer without one.
    if (response.resolution) resolution = response.resolution
  }
  const happened = new Set<string>([...effects].filter((e) => (SIDE_EFFECTS as readonly string[]).includes(e)))
  for (const e of await effectsInStore(runtime.store)) happened.add(e)
  return { resolution, asked, happened: [...happened].sort(), replies, questions }
}

/** Side effects as the database shows them, whatever the engine said it did. */
export async function effectsInStore(store: Store): Promise<string[]> {
  const out = new Set<string>()
  const memos = await store.creditMemos.list({ limit: 500 })
  for (const m of memos.items) {
    const approved = m.status === 'approved' || m.status === 'issued'
    if (approved) out.add(m.kind === 'write_off' ? 'write_off_posted' : 'credit_memo_approved')
    if (m.status === 'issued' && m.kind !== 'write_off') out.add('credit_memo_issued')
  }
  const resolved = await store.disputes.list({ status: 'resolved', limit: 1 })
  const closed = await store.disputes.list({ status: 'closed', limit: 1 })
  if (resolved.total + closed.total > 0) out.add('dispute_resolved')
  return [...out]
}

async function emailQuality(r: Resolution, runtime: EvalRuntime, judge?: EmailJudge): Promise<EmailQuality> {
  const quality: EmailQuality = { checks: scoreEmail(r, runtime.prompts?.lexicon ?? []) }
  if (judge) {
    try {
      quality.judge = await judge(r)
    } catch (err) {
      quality.judge = { score: null, reason: `the judge failed: ${message(err)}` }
    }
  }
  return quality
}

const clip = (text: string, max = 600): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))
