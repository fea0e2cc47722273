/**
 * A pasted table whose header names a column of what is claimed: a bill review's "Billed | Allowed |
 * Reduction", a remittance's "Invoiced | Paid | Deduction", a claim sheet's "Disputed". Its cells in that
 * column are the figures claimed; a row whose claim cell is nought is listed, not disputed (its other
 * figures are what the sheet shows, not what it asks back).
 */
import { isTableRow, type Span } from './pasted-text.ts'

/** A header cell that names the column of claims, in English or as the gloss would leave it typed. */
const CLAIM_HEADER =
  /^(?:reductions?|reduced by|disputed?|disputed amount|amount disputed|quer(?:y|ied)|short(?:age|fall| ?paid)?|deductions?|deducted|withheld|variance|diff(?:erence)?|adjust(?:ment|ed)?|rejected|disallowed|not allowed|cut|to credit|credit requested|claimed|claim)$/i

/** One cell of a row: its text and where it starts in the whole text. */
interface Cell {
  text: string
  index: number
}

/** Cells set apart by two spaces or more, a tab or a bar. */
function cellsOf(line: string, at: number): Cell[] {
  const cells: Cell[] = []
  for (const m of line.matchAll(/[^\s|](?:(?!\s{2,}|\t|\s*\|)[^|])*/g)) cells.push({ text: m[0], index: at + m.index })
  return cells
}

/** A cell that is a sum of money alone: decimals always, a sign or a code beside it at most. */
const MONEY_CELL =
  /^[-(]?(?:\p{Sc}\s?|[A-Z]{3}\s?)?\d{1,3}(?:[,.\u00a0\u202f ]?\d{3})*[.,]\d{2}\)?(?:\s?[A-Z]{3}|\s?\p{Sc})?$/u
const isMoney = (c: Cell): boolean => MONEY_CELL.test(c.text)
const isNought = (c: Cell): boolean => !/[1-9]/.test(c.text)

export interface ClaimColumn {
  /** The claim cells that are not nought (a row's and the total's). */
  claimed: Span[]
  /** Rows whose claim cell is nought. */
  settled: Span[]
}

/**
 * The claim column of the text's tables, if any: found by its header, then placed among the columns of
 * money by the rows that fill every column (a total row, shorter, is read by its money cells in order).
 */
export function claimColumn(text: string): ClaimColumn {
  // The amount reader asks of the same message once a figure: the last answer is kept.
  if (last?.text === text) return last.column
  const column = readClaimColumn(text)
  last = { text, column }
  return column
}
let last: { text: string; column: ClaimColumn } | undefined

function readClaimColumn(text: string): ClaimColumn {
  const out: ClaimColumn = { claimed: [], settled: [] }
  const lines: { line: string; at: number }[] = []
  let at = 0
  for (const line of text.split('\n')) {
    lines.push({ line, at })
    at += line.length + 1
  }
  for (let h = 0; h < lines.length; h++) {
    const { line, at: headerAt } = lines[h]!
    if (/\d/.test(line)) continue
    const header = cellsOf(line, headerAt)
    const claimAt = header.findIndex((c) => CLAIM_HEADER.test(c.text.trim()))
    if (header.length < 3 || claimAt < 0) continue
    const rows: Cell[][] = []
    const spans: Span[] = []
    for (let r = h + 1; r < lines.length && isTableRow(lines[r]!.line); r++) {
      rows.push(cellsOf(lines[r]!.line, lines[r]!.at))
      spans.push({ index: lines[r]!.at, length: lines[r]!.line.length })
    }
    const full = rows.filter((cells) => cells.length === header.length)
    if (!full.length || !full.every((cells) => isMoney(cells[claimAt]!))) continue
    const moneyColumns = header.map((_, i) => i).filter((i) => full.every((cells) => isMoney(cells[i]!)))
    const k = moneyColumns.indexOf(claimAt)
    rows.forEach((cells, i) => {
      const money = cells.filter(isMoney)
      if (money.length !== moneyColumns.length) return
      const cell = money[k]!
      if (isNought(cell)) out.settled.push(spans[i]!)
      else out.claimed.push({ index: cell.index, length: cell.text.length })
    })
  }
  return out
}

/** The text with the rows a claim column says are not disputed blanked out (lengths kept). */
export function withoutSettledRows(text: string): string {
  const { settled } = claimColumn(text)
  let out = text
  for (const s of settled) out = out.slice(0, s.index) + ' '.repeat(s.length) + out.slice(s.index + s.length)
  return out
}
