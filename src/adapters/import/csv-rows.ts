/**
 * The CSV file as rows with the line number a person sees in a spreadsheet (header = 1), so every
 * problem can say where it is.
 */
import { parse } from 'csv-parse/sync'
import { type Ledger, parseLedger } from '../../core/ledger.ts'

export interface CsvRow {
  /** 1-based line number of the row in the file. */
  row: number
  cells: string[]
}

export interface CsvIssue {
  /** 1-based line number in the file (1 is the header row). */
  row: number
  /** The header of the column, or null when the problem is the whole row. */
  column: string | null
  message: string
}

export type CsvTable = { ok: true; headers: string[]; rows: CsvRow[] } | { ok: false; errors: CsvIssue[] }

export function readCsv(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (e) {
    const err = e as Error & { lines?: number }
    return { ok: false, errors: [{ row: err.lines ?? 0, column: null, message: `not valid CSV: ${err.message}` }] }
  }
  const [head, ...body] = records
  if (!head) return { ok: false, errors: [{ row: 1, column: null, message: 'the file is empty: no header row' }] }
  const headers = head.record.map((h) => h.trim())
  return { ok: true, headers, rows: body.map((r) => ({ row: r.info.lines, cells: r.record })) }
}

/** The converted ledger checked by the core's schema; its problems name the path (no CSV row has it). */
export function checkedLedger(value: unknown): { ok: true; ledger: Ledger } | { ok: false; errors: CsvIssue[] } {
  const parsed = parseLedger(value)
  if (parsed.ok) return parsed
  return { ok: false, errors: parsed.errors.map((e) => ({ row: 0, column: e.path, message: e.message })) }
}
