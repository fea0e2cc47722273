/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list contributes 1/(k + rank), so a document
 * ranked well by both full-text and vectors rises, and neither method's raw scores need calibrating.
 * Boosts for the same customer or reason are expressed in the same unit (a top-ranked hit in one list).
 */
export const RRF_K = 60

export interface Boosts {
  /** Added when the document's customer is the query's customer. */
  sameCustomer: number
  /** Added when the document's reason code is the query's reason code. */
  sameReason: number
}

export const DEFAULT_BOOSTS: Boosts = { sameCustomer: 0.5 / (RRF_K + 1), sameReason: 1 / (RRF_K + 1) }

export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>()
  for (const list of lists) {
    list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)))
  }
  return scores
}

export interface Candidate {
  id: string
  customerId: string
  reasonCode: string
}

/** Fused score plus boosts, best first; ties broken by id so the order never wobbles. */
export function fuseAndBoost<T extends Candidate>(
  lists: readonly (readonly string[])[],
  rows: ReadonlyMap<string, T>,
  query: { customerId?: string; reasonCode?: string },
  boosts: Boosts = DEFAULT_BOOSTS,
): { row: T; score: number }[] {
  const fused = reciprocalRankFusion(lists)
  const out: { row: T; score: number }[] = []
  for (const [id, base] of fused) {
    const row = rows.get(id)
    if (!row) continue
    let score = base
    if (query.customerId && row.customerId === query.customerId) score += boosts.sameCustomer
    if (query.reasonCode && row.reasonCode === query.reasonCode) score += boosts.sameReason
    out.push({ row, score })
  }
  return out.sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1))
}
