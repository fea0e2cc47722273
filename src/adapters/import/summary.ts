/**
 * A converter's report as lines a person reads, all of it: the counts on one line, then every row
 * of each list (skipped rows, unmatched cancellations), one per line, never cut.
 */
type Item = Record<string, unknown>

const isIssue = (x: Item): x is { row: number; column: string | null; message: string } =>
  typeof x.row === 'number' && typeof x.message === 'string'

function itemLine(x: unknown): string {
  if (x === null || typeof x !== 'object') return String(x)
  const item = x as Item
  if (isIssue(item)) return `row ${item.row}${item.column ? `, column "${item.column}"` : ''}: ${item.message}`
  return Object.entries(item)
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')
}

export function summaryLines(report: Record<string, unknown>): string[] {
  const counts: string[] = []
  const lists: string[] = []
  for (const [key, value] of Object.entries(report)) {
    if (Array.isArray(value)) {
      if (value.length === 0) continue
      lists.push(`  ${key} (${value.length}):`, ...value.map((x) => `    ${itemLine(x)}`))
    } else counts.push(`${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  }
  return [counts.join(', '), ...lists]
}
