/**
 * The contract's example ledger (kept in the eval suite, evals/cases/), parsed, for tests that need
 * a real ledger. Read from the repository so a clean clone has it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Ledger, parseLedger } from '../core/ledger.ts'

export const EXAMPLE_LEDGER_PATH = fileURLToPath(new URL('../../evals/cases/northwind.ledger.json', import.meta.url))

/** The examples' today (the cases' `today`): the figures in the example cases hold on this date. */
export const EXAMPLE_TODAY = '2026-03-15'

export function exampleLedger(): Ledger {
  const parsed = parseLedger(JSON.parse(readFileSync(EXAMPLE_LEDGER_PATH, 'utf8')))
  if (!parsed.ok) throw new Error(`${EXAMPLE_LEDGER_PATH} does not parse: ${parsed.errors[0]?.message}`)
  return parsed.ledger
}
