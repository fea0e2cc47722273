/**
 * Calendar arithmetic on "YYYY-MM-DD" strings, in UTC, so a date never shifts with the server's
 * time zone. The core has no clock: "today" is always an argument.
 */

const DAY_MS = 86_400_000

function toEpochDay(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`)
  return Math.floor(ms / DAY_MS)
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from)
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** Monday to Friday, and not one of `holidays` (company holidays and public holidays, as dates). */
export function isBusinessDay(date: string, holidays: ReadonlySet<string> = NO_HOLIDAYS): boolean {
  const d = weekday(date)
  return d !== 0 && d !== 6 && !holidays.has(date)
}

const NO_HOLIDAYS: ReadonlySet<string> = new Set()

/** The date `n` business days after `date` (weekends and `holidays` skipped; `date` itself is not counted). */
export function addBusinessDays(date: string, n: number, holidays: ReadonlySet<string> = NO_HOLIDAYS): string {
  let day = date
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (isBusinessDay(day, holidays)) left -= 1
  }
  return day
}

/** Days past due on `today` (0 when not yet due). */
export function daysPastDue(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(dueDate, today))
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whether [aStart, aEnd] and [bStart, bEnd] share at least one day. */
export function periodsOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart <= bEnd && bStart <= aEnd
}
