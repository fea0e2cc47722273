import { describe, expect, it } from 'vitest'
import { recentDisputeCount } from './escalation.ts'
import { moneyOf, toDecimal } from './money.ts'
import { approvalRole, resolvePolicy } from './policy.ts'

describe('policy: DOMAIN.md defaults, overridden field by field', () => {
  it('defaults', () => {
    const p = resolvePolicy(undefined, 'USD')
    expect({
      escalationAmount: toDecimal(p.escalationAmount),
      legal: toDecimal(p.legalEscalationAmount),
      writeOff: toDecimal(p.writeOffBelow),
      specialist: toDecimal(p.approvalLimits.specialist),
      lead: toDecimal(p.approvalLimits.lead),
      days: p.escalationDaysPastDue,
      repeat: [p.repeatDisputeCount, p.repeatDisputeWindowDays],
      sla: p.resolutionSlaBusinessDays,
    }).toEqual({
      escalationAmount: '10000.00',
      legal: '10000.00',
      writeOff: '50.00',
      specialist: '1000.00',
      lead: '10000.00',
      days: 90,
      repeat: [3, 90],
      sla: 10,
    })
  })

  it('keeps the defaults a partial override leaves out, approval limits included', () => {
    const p = resolvePolicy({ writeOffBelow: '25.00', approvalLimits: { lead: '5000.00' } }, 'USD')
    expect(toDecimal(p.writeOffBelow)).toBe('25.00')
    expect(toDecimal(p.approvalLimits.specialist)).toBe('1000.00')
    expect(toDecimal(p.approvalLimits.lead)).toBe('5000.00')
    expect(toDecimal(p.escalationAmount)).toBe('10000.00')
  })

  it('reads figures in the invoice currency, rounding a threshold finer than the currency half-up', () => {
    expect(toDecimal(resolvePolicy({ writeOffBelow: '50.50' }, 'JPY').writeOffBelow)).toBe('51')
    expect(toDecimal(resolvePolicy(undefined, 'KWD').writeOffBelow)).toBe('50.000')
  })

  it.each([
    ['0.01', 'specialist'],
    ['1000.00', 'specialist'],
    ['1000.01', 'lead'],
    ['10000.00', 'lead'],
    ['10000.01', 'finance_controller'],
  ])('approval of %s needs the %s', (amount, role) => {
    expect(approvalRole(moneyOf(amount, 'USD'), resolvePolicy(undefined, 'USD'))).toBe(role)
  })
})

describe('recent disputes: the window (openedOn − N days, openedOn], this one counted once', () => {
  const base = {
    disputed: moneyOf('1', 'USD'),
    reasonCode: 'pricing_error' as const,
    daysPastDue: 0,
    strategic: false,
    openedOn: '2026-03-10',
    approvalRole: null,
  }
  it('counts 89 days back, not 90, nor later disputes, nor an id twice', () => {
    const customerDisputes = [
      { id: 'A', openedDate: '2025-12-11' }, // 89 days
      { id: 'B', openedDate: '2025-12-10' }, // 90 days
      { id: 'C', openedDate: '2026-03-11' }, // after
      { id: 'A', openedDate: '2025-12-11' },
    ]
    expect(recentDisputeCount({ ...base, customerDisputes }, 90)).toBe(2)
  })
})
