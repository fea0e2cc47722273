import { describe, expect, it } from 'vitest'
import { claimedServiceDays, claimedWeekdays, serviceDaysIn } from './locate-claim.ts'

describe('the days a service claim names, placed in the service period', () => {
  it.each([
    ['nobody came on the 3rd and 4th', '2026-02-01', '2026-02-28', ['2026-02-03', '2026-02-04']],
    ['the cleaners missed the 12th', '2026-03-01', '2026-03-31', ['2026-03-12']],
    ['no patrol on 14 March or on the 15th', '2026-03-01', '2026-03-31', ['2026-03-14', '2026-03-15']],
    ['they skipped the 30th', '2026-02-01', '2026-02-28', []],
    ['the 2nd visit never happened', '2026-02-01', '2026-02-28', []],
    ['only 2 of the 4 visits happened', '2026-02-01', '2026-02-28', []],
    ['missed the 31st and the 2nd', '2026-01-15', '2026-02-14', ['2026-01-31', '2026-02-02']],
    ['no crew on 5/3, 12/3 and 19/3', '2026-03-01', '2026-03-31', ['2026-03-05', '2026-03-12', '2026-03-19']],
    ['no crew on 5.3., 12.3.', '2026-03-01', '2026-03-31', ['2026-03-05', '2026-03-12']],
    ['no guard on 4, 5 and 6 March', '2026-03-01', '2026-03-31', ['2026-03-04', '2026-03-05', '2026-03-06']],
    ['nobody on site 9-11 Mar', '2026-03-01', '2026-03-31', ['2026-03-09', '2026-03-10', '2026-03-11']],
    ['the course of 9-11 Mar, its last day cancelled', '2026-03-09', '2026-03-11', []],
    ['personne les 3 et 4 mars', '2026-03-01', '2026-03-31', ['2026-03-03', '2026-03-04']],
    ['on 3/5 nobody came', '2026-03-01', '2026-03-31', ['2026-03-05']],
    ['no llegó nadie el 17 de marzo', '2026-03-01', '2026-03-31', ['2026-03-17']],
    ['no vino el técnico del 9 ni del 16', '2026-03-01', '2026-03-31', ['2026-03-09', '2026-03-16']],
    ["le technicien n'est pas venu le 4 et le 11", '2026-03-01', '2026-03-31', ['2026-03-04', '2026-03-11']],
    ['el camión vino una vez, el 5. Reclaman lo demás', '2026-03-01', '2026-03-31', []],
    ['la limpieza no se hizo el 21.', '2026-03-01', '2026-03-31', ['2026-03-21']],
    ['el 13 % de recargo no corresponde', '2026-03-01', '2026-03-31', []],
    ['el 12 vinieron 20 personas', '2026-03-01', '2026-03-31', []],
    ['niemand kam am 9. März', '2026-03-01', '2026-03-31', ['2026-03-09']],
    // Each day of a list with its weekday before it, in the customer's language too.
    ['no crew on Monday 9 or Thursday 12 March', '2026-03-01', '2026-03-31', ['2026-03-09', '2026-03-12']],
    ['nadie vino el lunes 9 ni el jueves 12 de marzo', '2026-03-01', '2026-03-31', ['2026-03-09', '2026-03-12']],
    // Weekdays from the runtime's locale data, in the languages of Europe that write them as one word.
    ['geen schoonmaker op maandag 2 en dinsdag 3 maart', '2026-03-01', '2026-03-31', ['2026-03-02', '2026-03-03']],
    ['ingen vakt på torsdag 5 och fredag 6 mars', '2026-03-01', '2026-03-31', ['2026-03-05', '2026-03-06']],
    [
      'nikt nie przyszedł w poniedziałek 16 i wtorek 17 marca',
      '2026-03-01',
      '2026-03-31',
      ['2026-03-16', '2026-03-17'],
    ],
    // "And" between the days of a list in other languages: a day dropped from the list is a day less credited.
    ['pompa nuk punoi më 3, 4 dhe 5 mars', '2026-03-01', '2026-03-31', ['2026-03-03', '2026-03-04', '2026-03-05']],
    ['nu a venit nimeni pe 9 și 10 martie', '2026-03-01', '2026-03-31', ['2026-03-09', '2026-03-10']],
    ['ei siivousta 12 ja 13 maaliskuuta', '2026-03-01', '2026-03-31', ['2026-03-12', '2026-03-13']],
    // A bare day after its article and weekday ("ni el miércoles 11 ni el 18").
    ['la técnica no vino ni el miércoles 11 ni el 18', '2026-03-01', '2026-03-31', ['2026-03-11', '2026-03-18']],
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

describe('days said from the speaker’s today', () => {
  it.each([
    ['nobody showed up on the 4th or the 11th, the lawn was a jungle by Saturday', ['2026-03-04', '2026-03-11']],
    ['the cleaner missed the 9th; I will chase it tomorrow', ['2026-03-09']],
    ['no guard on the 17th, they want it sorted by end of month', ['2026-03-17']],
  ])('name no day of the service period: %j', (text, days) => {
    expect(serviceDaysIn(text, '2026-03-01', '2026-03-31')).toEqual(days)
  })
})

describe('days the speaker corrected in the same message', () => {
  it.each([
    [
      'first he said no cleaner on the 3rd and 4th, then checked the rota and corrected it: the 4th and 5th',
      ['2026-03-04', '2026-03-05'],
    ],
    ['nobody came the 9th, no wait, the 10th', ['2026-03-10']],
    ['the 12th was fine, only the 13th was missed', ['2026-03-13']],
    // The day a cancellation or notice was given is no day of the claim.
    ['the Friday 20 March workshop was called off by them on the 16th, still billed', ['2026-03-20']],
    ['they rang on the 2nd: nobody came on the 9th', ['2026-03-09']],
    // The start of a state that goes on names no day: the count of what was billed decides.
    ['the chiller stood idle, out of use since 1 March; take one unit-month off', []],
    ['only one inspection took place, on 5 March; the second one was never done', []],
    [
      'Note from Sam: I was on site on the 3rd and the 4th.\nCustomer: nobody turned up on 4 and 5 March, they dispute those two days',
      ['2026-03-04', '2026-03-05'],
    ],
  ])('%j names %j', (text, days) => {
    expect(claimedServiceDays(text, '2026-03-01', '2026-03-31')).toEqual(days)
  })
})

describe('the day of a date with its month', () => {
  it('is that date, never the same day of another month of the period', () => {
    expect(serviceDaysIn('the fitter never turned up on June 3rd', '2026-05-01', '2026-05-31')).toEqual([])
    expect(serviceDaysIn('the fitter never turned up on June 3rd', '2026-06-01', '2026-06-30')).toEqual(['2026-06-03'])
  })
})

describe('days that name a week or close a sentence', () => {
  it.each([
    ['the overtime in the wk of Mar 29 is disputed, 18 hrs in all', '2026-03-23', '2026-04-05', []],
    ['for the week ending 12 April there should be no call-out charge', '2026-04-01', '2026-04-30', []],
    ['Your engineer did not show on 4/30. The 4/28 visit was fine.', '2026-04-01', '2026-04-30', ['2026-04-30']],
  ])('%j in %s..%s claims %j', (text, start, end, days) => {
    expect(claimedServiceDays(text, start, end)).toEqual(days)
  })
})

describe('days of the paperwork, not of the service', () => {
  it.each([
    'we invoiced stage 2 (ref 77, $9,000) on June 3 but their board never signed it off',
    'they say the audit was never done; their manager approved it by phone on the 8th though',
  ])('%j claims no day', (text) => {
    expect(claimedServiceDays(text, '2026-06-01', '2026-06-30')).toEqual([])
  })
})

describe('check: days a bill or a report names beside a denial', () => {
  it.each([
    'we billed the gate post that was not manned on the 18th and 19th',
    'security raised that the side entrance had no guard on 18th and 19th June',
  ])('%j claims the days denied', (text) => {
    expect(claimedServiceDays(text, '2026-06-01', '2026-06-30')).toEqual(['2026-06-18', '2026-06-19'])
  })
})

describe('a weekday said with no date', () => {
  it.each([
    ['the fitter was down for Tue to Thu (9-11 June); the site says nobody came on the Thursday', ['2026-06-11']],
    ['they dispute the Monday and the Friday, no trainer turned up', ['2026-06-08', '2026-06-12']],
  ])('%j is the one day of its name in a week-long period', (text, days) => {
    expect(claimedWeekdays(text, '2026-06-08', '2026-06-14')).toEqual(days)
  })
  it('names no day where the period holds several of that name (check)', () => {
    const text = 'the fitter was down for Tue to Thu (9-11 June); the site says nobody came on the Thursday'
    expect(claimedWeekdays(text, '2026-06-01', '2026-06-30')).toEqual([])
  })
})
