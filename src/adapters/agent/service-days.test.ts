import { describe, expect, it } from 'vitest'
import { serviceDaysIn } from './locate-claim.ts'

describe('the days a service claim names, placed in the service period', () => {
  it.each([
    ['nobody came on the 3rd and 4th', '2026-02-01', '2026-02-28', ['2026-02-03', '2026-02-04']],
    ['the cleaners missed the 12th', '2026-03-01', '2026-03-31', ['2026-03-12']],
    ['no patrol on 14 March or on the 15th', '2026-03-01', '2026-03-31', ['2026-03-14', '2026-03-15']],
    ['they skipped the 30th', '2026-02-01', '2026-02-28', []],
    ['the 2nd visit never happened', '2026-02-01', '2026-02-28', []],
    ['only 2 of the 4 visits happened', '2026-02-01', '2026-02-28', []],
    ['missed the 31st and the 2nd', '2026-01-15', '2026-02-14', ['2026-01-31', '2026-02-02']],
  ])('%j in %s..%s is %j', (text, start, end, days) => {
    expect(serviceDaysIn(text, start, end)).toEqual(days)
  })
})

describe('ordinals that count visits are not days', () => {
  it.each(['the 2nd engineer visit did not take place', 'the 3rd cleaning visit was skipped', 'their 2nd delivery'])(
    '%j names no day',
    (text) => {
      expect(serviceDaysIn(text, '2026-02-01', '2026-02-28')).toEqual([])
    },
  )
})
