import { describe, expect, it } from 'vitest'
import { publicHolidays } from './public-holidays.ts'

describe('publicHolidays', () => {
  it.each([
    ['GB', '2026-12-01', ['2026-12-25', '2026-12-28', '2027-01-01'], ['2026-11-26']],
    ['US-NY', '2026-11-01', ['2026-11-26', '2026-12-25', '2027-01-18'], ['2026-12-28']],
    ['DE-BY', '2026-01-01', ['2026-01-06', '2026-12-25'], ['2026-11-26']],
    ['us', '2026-07-01', ['2026-07-03', '2026-11-26'], []],
  ])('lists the public holidays of %s from %s', async (calendar, from, included, excluded) => {
    const days = await publicHolidays(calendar, from)
    for (const d of included) expect(days).toContain(d)
    for (const d of excluded) expect(days).not.toContain(d)
  })

  it.each([[undefined], ['ZZ'], ['GB-XX9']])('yields no holiday for calendar %s', async (calendar) => {
    expect(await publicHolidays(calendar, '2026-01-01')).toEqual([])
  })
})
