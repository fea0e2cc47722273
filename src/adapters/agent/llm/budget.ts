/**
 * The token budget of a turn. Tokens are estimated as characters / 4 (no tokenizer download, the
 * same for every model); the provider's own counts, when it sends them, are what a turn reports.
 * History is trimmed by whole turns, oldest first; a tool result is cut to a size by dropping array
 * items (saying how many), so what the model reads is always valid JSON.
 */
import type { TurnUsage } from '../chat-types.ts'

export type { TurnUsage }

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4)

export interface TokenBudget {
  /** Estimated tokens of earlier turns the model sees (the current turn is always kept whole). */
  historyTokens: number
  /** Characters of one tool result the model reads. */
  toolResultChars: number
  /** Completion tokens per model call. */
  maxOutputTokens: number
  /** Tokens one turn may use over all its model calls; no further call starts past it. */
  turnTokens: number
}

export const DEFAULT_BUDGET: TokenBudget = {
  historyTokens: 6_000,
  toolResultChars: 12_000,
  maxOutputTokens: 1_024,
  turnTokens: 120_000,
}

export const emptyUsage = (): TurnUsage => ({
  modelCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  reported: true,
  turnsTrimmed: 0,
})

/** `value` as JSON of at most `maxChars`: the longest arrays lose their tail items first, then long
 *  strings are shortened; a note says what was left out. */
export function sizedJson(value: unknown, maxChars: number): string {
  const whole = JSON.stringify(value) ?? 'null'
  if (whole.length <= maxChars) return whole
  const copy = JSON.parse(whole) as unknown
  for (let round = 0; round < 64; round++) {
    const longest = longestArray(copy)
    if (!longest || longest.array.length <= 1) break
    const keep = Math.max(1, Math.floor(longest.array.length / 2))
    const dropped = longest.array.length - keep
    longest.array.splice(keep)
    longest.array.push(`… ${dropped} more not shown; ask with narrower arguments to see them`)
    const text = JSON.stringify(copy)
    if (text.length <= maxChars) return text
  }
  const shortened = shortenStrings(copy, 200)
  const text = JSON.stringify(shortened)
  if (text.length <= maxChars) return text
  return JSON.stringify({ truncated: true, note: 'The result was too large to show; narrow the query.' })
}

function longestArray(value: unknown): { array: unknown[] } | null {
  let best: unknown[] | null = null
  const stack: unknown[] = [value]
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (Array.isArray(v)) {
      if (!best || JSON.stringify(v).length > JSON.stringify(best).length) best = v
      stack.push(...v)
    } else if (v && typeof v === 'object') stack.push(...Object.values(v))
  }
  return best ? { array: best } : null
}

function shortenStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}…` : value
  if (Array.isArray(value)) return value.map((v) => shortenStrings(v, max))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenStrings(v, max)]))
  return value
}

/** The newest whole turns that fit the budget (each turn a list of items with their text). */
export function fitTurns<T>(
  turns: readonly T[][],
  tokensOf: (item: T) => number,
  budget: number,
): { kept: T[][]; trimmed: number } {
  const kept: T[][] = []
  let used = 0
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i] as T[]
    const cost = turn.reduce((n, item) => n + tokensOf(item), 0)
    if (used + cost > budget) break
    used += cost
    kept.unshift(turn)
  }
  return { kept, trimmed: turns.length - kept.length }
}
