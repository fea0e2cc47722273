/** A ledger as parsed JSON (a file, an HTTP body) → validated → imported. One path for every caller. */
import { parseLedger } from '../../core/ledger.ts'
import type { Actor, StoreResult } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { type ImportOutcome, importLedger, type Progress } from './import-ledger.ts'

export async function importLedgerValue(
  db: Db,
  value: unknown,
  actor: Actor,
  progress?: Progress,
): Promise<StoreResult<ImportOutcome>> {
  const parsed = parseLedger(value)
  if (!parsed.ok) {
    return {
      ok: false,
      error: {
        code: 'invalid_ledger',
        message: `${parsed.errors.length} problem(s) in the ledger; nothing was imported.`,
        errors: parsed.errors,
      },
    }
  }
  return importLedger(db, parsed.ledger, actor, progress)
}
