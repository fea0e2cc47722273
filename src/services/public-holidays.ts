/**
 * Public holidays of `policy.holidayCalendar` ("GB", "US-NY", "DE-BY"), looked up with date-holidays
 * (maintained country data) here in the service layer, so the core only receives plain dates.
 * The package (its country data, about 0.3 s to import) is loaded on the first calendar asked for,
 * not at start: a ledger without a calendar never loads it.
 */
import type Holidays from 'date-holidays'

type HolidaysClass = typeof Holidays

let library: Promise<HolidaysClass> | undefined
const load = (): Promise<HolidaysClass> => {
  library ??= import('date-holidays').then((m) => m.default)
  return library
}

const calendars = new Map<string, Holidays | null>()

function calendarOf(Holidays: HolidaysClass, code: string): Holidays | null {
  const key = code.toUpperCase()
  if (!calendars.has(key)) {
    const [country = '', region] = key.split('-')
    const known = new Holidays().getCountries()
    const states = known[country] ? new Holidays().getStates(country) : undefined
    calendars.set(key, known[country] && (!region || states?.[region]) ? new Holidays(country, region ?? '') : null)
  }
  return calendars.get(key) ?? null
}

/** A calendar's public holidays by year: date-holidays works each year out from its rules on every
 *  call (about 1 ms), and every dispute opened asks for the same one or two years. */
const years = new Map<string, string[]>()

function publicIn(hd: Holidays, key: string, year: number): string[] {
  const k = `${key} ${year}`
  let days = years.get(k)
  if (!days) {
    days = hd
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
    years.set(k, days)
  }
  return days
}

/**
 * The public holidays (type `public`, substitute days included) of the calendar in the year of
 * `from` and the next one, enough for any resolution SLA counted from `from`. An unknown calendar
 * yields none.
 */
export async function publicHolidays(calendar: string | undefined, from: string): Promise<string[]> {
  if (!calendar) return []
  const hd = calendarOf(await load(), calendar)
  if (!hd) return []
  const year = Number(from.slice(0, 4))
  // A new list each call: the years' lists are shared.
  return [year, year + 1].flatMap((y) => publicIn(hd, calendar.toUpperCase(), y))
}
