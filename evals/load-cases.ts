/**
 * Finds and reads eval case files. A file that cannot be used (bad JSON, a schema error, a missing
 * ledger, a ledger that fails parseLedger) comes back as a failure with the reason, never a throw,
 * so the runner reports it as a failed case and goes on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { type Ledger, parseLedger } from '../src/core/ledger.ts'
import { EvalCase } from './case-schema.ts'

export type LoadedCase =
  | { ok: true; file: string; id: string; evalCase: EvalCase; ledger: Ledger; ledgerFile: string }
  | { ok: false; file: string; id: string; error: string }

const CASE_SUFFIX = '.case.json'

/** Every `*.case.json` under `dir` (sub-folders included), in a stable order. */
export function findCaseFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith(CASE_SUFFIX)) out.push(path)
    }
  }
  walk(resolve(dir))
  return out
}

type LedgerRead = { ok: true; ledger: Ledger } | { ok: false; error: string }

/** Reads ledgers once per run: many cases share one. */
export class LedgerCache {
  readonly #cache = new Map<string, LedgerRead>()

  read(path: string): LedgerRead {
    const hit = this.#cache.get(path)
    if (hit) return hit
    const read = readLedger(path)
    this.#cache.set(path, read)
    return read
  }
}

function readLedger(path: string): LedgerRead {
  if (!existsSync(path)) return { ok: false, error: `ledger ${path} does not exist` }
  let value: unknown
  try {
    value = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    return { ok: false, error: `ledger ${path} is not valid JSON: ${(err as Error).message}` }
  }
  const parsed = parseLedger(value)
  if (parsed.ok) return { ok: true, ledger: parsed.ledger }
  const shown = parsed.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`)
  const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : ''
  return { ok: false, error: `ledger ${path} is invalid: ${shown.join('; ')}${more}` }
}

const fallbackId = (file: string): string => basename(file).slice(0, -CASE_SUFFIX.length) || basename(file)

export function loadCase(file: string, ledgers: LedgerCache = new LedgerCache()): LoadedCase {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    return { ok: false, file, id: fallbackId(file), error: `not valid JSON: ${(err as Error).message}` }
  }
  const rawId = (raw as { id?: unknown } | null)?.id
  const id = typeof rawId === 'string' && rawId ? rawId : fallbackId(file)
  const parsed = EvalCase.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    return { ok: false, file, id, error: `not a valid case: ${issues.join('; ')}` }
  }
  const ledgerFile = resolve(dirname(file), parsed.data.ledger)
  const ledger = ledgers.read(ledgerFile)
  if (!ledger.ok) return { ok: false, file, id, error: ledger.error.replace(ledgerFile, parsed.data.ledger) }
  return { ok: true, file, id, evalCase: parsed.data, ledger: ledger.ledger, ledgerFile }
}

/** A path as the report shows it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}
