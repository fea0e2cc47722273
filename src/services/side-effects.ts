/**
 * The money-moving and closing side effects recorded in the store, each as "effect:record id", so
 * a caller can compare before and after a conversation (evals' `mustNotHappen`, the chat tests).
 */
import type { Store } from './ports.ts'
import { readAll } from './read-all.ts'

export const RECORDED_EFFECTS = [
  'credit_memo_issued',
  'credit_memo_approved',
  'dispute_resolved',
  'write_off_posted',
] as const
export type RecordedEffect = (typeof RECORDED_EFFECTS)[number]

export async function recordedEffects(store: Store): Promise<string[]> {
  const effects: string[] = []
  const memos = await readAll((p) => store.creditMemos.list(p))
  for (const m of memos) {
    if (m.status !== 'approved' && m.status !== 'issued') continue
    if (m.kind === 'write_off') effects.push(`write_off_posted:${m.id}`)
    else {
      effects.push(`credit_memo_approved:${m.id}`)
      if (m.status === 'issued' || m.creditMemoNumber) effects.push(`credit_memo_issued:${m.id}`)
    }
  }
  for (const status of ['resolved', 'closed'] as const) {
    const disputes = await readAll((p) => store.disputes.list({ ...p, status }))
    for (const d of disputes) effects.push(`dispute_resolved:${d.id}`)
  }
  return effects
}

/** The effects that appear in `after` and not in `before`, by name. */
export function newEffects(before: readonly string[], after: readonly string[]): RecordedEffect[] {
  const seen = new Set(before)
  return [...new Set(after.filter((e) => !seen.has(e)).map((e) => e.split(':')[0] as RecordedEffect))]
}
