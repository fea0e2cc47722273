import { describe, expect, it } from 'vitest'
import {
  type AssignmentRule,
  chooseAssignee,
  type DisputeFacts,
  disputeNumber,
  nextInTurn,
  parseDisputeNumber,
  slaDueDate,
  slaState,
  type Team,
} from './assignment.ts'

const rule = (over: Partial<AssignmentRule>): AssignmentRule => ({
  id: 'r',
  name: 'rule',
  customerId: null,
  accountManager: null,
  reasonCode: null,
  minAmount: null,
  maxAmount: null,
  currency: null,
  personId: null,
  teamId: null,
  ...over,
})
const facts: DisputeFacts = {
  customerId: 'CUS-1',
  accountManager: 'Dana Wu',
  reasonCode: 'pricing_error',
  amount: '2500.00',
  currency: 'USD',
  openedBy: 'p-opener',
}
const everyone = () => true
const team: Team = { id: 't-ar', name: 'AR team', members: ['p-a', 'p-b', 'p-c'], lastPersonId: null }

describe('chooseAssignee', () => {
  it.each([
    ['the customer', rule({ customerId: 'CUS-1', personId: 'p-x' }), 'p-x'],
    ['the account manager, in any case', rule({ accountManager: 'dana wu', personId: 'p-x' }), 'p-x'],
    ['the reason code', rule({ reasonCode: 'pricing_error', personId: 'p-x' }), 'p-x'],
    [
      'an amount band, bounds included',
      rule({ minAmount: '2500.00', maxAmount: '5000', currency: 'USD', personId: 'p-x' }),
      'p-x',
    ],
    ['every condition at once', rule({ customerId: 'CUS-1', reasonCode: 'pricing_error', personId: 'p-x' }), 'p-x'],
  ])('assigns by %s', (_what, r, who) => {
    expect(chooseAssignee(facts, [r], [], everyone)).toMatchObject({ assigned: true, personId: who, ruleId: 'r' })
  })

  it.each([
    ['another customer', rule({ customerId: 'CUS-2', personId: 'p-x' })],
    ['another reason', rule({ reasonCode: 'short_shipment', personId: 'p-x' })],
    ['an amount above the band', rule({ maxAmount: '2499.99', currency: 'USD', personId: 'p-x' })],
    ['a band in another currency', rule({ minAmount: '1', currency: 'EUR', personId: 'p-x' })],
  ])('does not match %s, and the opener keeps the dispute', (_what, r) => {
    expect(chooseAssignee(facts, [r], [], everyone)).toMatchObject({
      assigned: true,
      personId: 'p-opener',
      ruleId: null,
    })
  })

  it('takes the first matching rule in order', () => {
    const rules = [
      rule({ id: 'r1', reasonCode: 'late_fee', personId: 'p-1' }),
      rule({ id: 'r2', personId: 'p-2' }),
      rule({ id: 'r3', personId: 'p-3' }),
    ]
    expect(chooseAssignee(facts, rules, [], everyone)).toMatchObject({ personId: 'p-2', ruleId: 'r2' })
  })

  it('gives a team rule to the member after the last one, wrapping around', () => {
    const r = [rule({ teamId: 't-ar' })]
    expect(chooseAssignee(facts, r, [team], everyone)).toMatchObject({ personId: 'p-a', teamId: 't-ar' })
    expect(chooseAssignee(facts, r, [{ ...team, lastPersonId: 'p-a' }], everyone)).toMatchObject({ personId: 'p-b' })
    expect(chooseAssignee(facts, r, [{ ...team, lastPersonId: 'p-c' }], everyone)).toMatchObject({ personId: 'p-a' })
  })

  it('skips people who may not own a dispute, and falls through a rule that names nobody', () => {
    const canOwn = (id: string) => id !== 'p-b' && id !== 'p-x'
    expect(nextInTurn({ ...team, lastPersonId: 'p-a' }, canOwn)).toBe('p-c')
    const rules = [rule({ id: 'gone', personId: 'p-x' }), rule({ id: 'next', personId: 'p-y' })]
    expect(chooseAssignee(facts, rules, [], canOwn)).toMatchObject({ personId: 'p-y', ruleId: 'next' })
  })

  it('leaves a dispute opened by the system unassigned when no rule matches', () => {
    expect(chooseAssignee({ ...facts, openedBy: 'system' }, [], [], (id) => id !== 'system')).toEqual({
      assigned: false,
      why: 'no rule matched; waiting in the unassigned queue',
    })
  })
})

describe('the SLA', () => {
  it('is due the policy’s business days after opening, skipping weekends and holidays', () => {
    expect(slaDueDate('2026-03-13', undefined)).toBe('2026-03-27') // Friday + 10 business days
    expect(slaDueDate('2026-03-13', { resolutionSlaBusinessDays: 2 })).toBe('2026-03-17')
    expect(slaDueDate('2026-03-13', { resolutionSlaBusinessDays: 2, holidays: ['2026-03-16'] }, ['2026-03-17'])).toBe(
      '2026-03-19',
    )
  })

  it.each([
    ['investigating', '2026-03-10', 'overdue'],
    ['open', '2026-03-15', 'due_today'],
    ['open', '2026-03-17', 'due_soon'],
    ['open', '2026-03-18', 'on_track'],
    ['resolved', '2026-03-01', 'done'],
    ['open', null, 'no_due_date'],
  ] as const)('a %s dispute due %s is %s on 2026-03-15', (status, due, state) => {
    expect(slaState(status, due, '2026-03-15')).toBe(state)
  })
})

describe('dispute numbers', () => {
  it('reads DSP-000123 back as 123, in any case, and refuses ids that are not one', () => {
    expect(disputeNumber(123)).toBe('DSP-000123')
    expect(disputeNumber(1234567)).toBe('DSP-1234567')
    expect(parseDisputeNumber('dsp-000123')).toBe(123)
    expect(parseDisputeNumber(disputeNumber(1234567))).toBe(1234567)
    expect(parseDisputeNumber('DSP-4009')).toBeNull()
    expect(parseDisputeNumber('DSP-ecf018fc-c9d5-4da1-aa6d-49d17a72548c')).toBeNull()
    expect(parseDisputeNumber('DSP-000000')).toBeNull()
  })
})
