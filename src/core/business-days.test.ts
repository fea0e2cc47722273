import { describe, expect, it } from 'vitest'
import { addBusinessDays } from './dates.ts'
import { decide, evidence } from './testing/builders.ts'

describe('addBusinessDays', () => {
  it.each([
    ['weekends only', '2026-03-06', 1, [], '2026-03-09'],
    ['a company holiday on the next Monday', '2026-03-06', 1, ['2026-03-09'], '2026-03-10'],
    ['a holiday on a weekend changes nothing', '2026-03-06', 1, ['2026-03-07'], '2026-03-09'],
    ['Christmas week in the UK', '2026-12-23', 3, ['2026-12-25', '2026-12-28'], '2026-12-30'],
    ['ten days over Thanksgiving', '2026-11-20', 10, ['2026-11-26'], '2026-12-07'],
  ])('skips %s', (_name, from, n, holidays, expected) => {
    expect(addBusinessDays(from, n, new Set(holidays))).toBe(expected)
  })
})

describe('the resolution target date', () => {
  const ev = evidence()
  it.each([
    ['counts Monday to Friday only', {}, [], '2026-03-24'],
    ['skips policy.holidays', { holidays: ['2026-03-16', '2026-03-17'] }, [], '2026-03-26'],
    ['skips the calendar’s public holidays passed by the service', {}, ['2026-03-20'], '2026-03-25'],
    ['skips both, a date in both once', { holidays: ['2026-03-20'] }, ['2026-03-20', '2026-03-23'], '2026-03-26'],
  ])('%s', (_name, policy, publicHolidays, target) => {
    const d = decide({ reasonCode: 'pricing_error', openedOn: '2026-03-10' }, ev, { policy, publicHolidays })
    expect(d.targetDate).toBe(target)
  })
})
