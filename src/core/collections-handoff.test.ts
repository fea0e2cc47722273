import { describe, expect, it } from 'vitest'
import {
  collectionsHandoff,
  type FollowUpFacts,
  followUpReminder,
  type HandoffInput,
  slaFlag,
} from './collections-handoff.ts'

// A dispute of 300.00 decided on Tuesday 2026-03-10.
const handoff = (patch: Partial<HandoffInput>) =>
  collectionsHandoff({
    currency: 'USD',
    remainingDisputed: '300.00',
    stillInDispute: '120.00',
    decidedOn: '2026-03-10',
    ...patch,
  })

describe('the hold once a dispute is decided', () => {
  it('releases what is owed (180.00) and keeps what is still in dispute (the 120.00 credit not issued yet)', () => {
    const h = handoff({})
    expect(h).toEqual({
      currency: 'USD',
      released: '180.00',
      kept: '120.00',
      // 5 business days after Tuesday 2026-03-10.
      followUps: [{ seq: 1, dueOn: '2026-03-17', expectedPaid: '180.00' }],
    })
  })

  it('keeps everything while escalated: nothing released, no follow-up', () => {
    const h = handoff({
      stillInDispute: '300.00',
    })
    expect(h).toMatchObject({ released: '0.00', kept: '300.00', followUps: [] })
  })

  it('never keeps more than the dispute still holds (a credit already issued lowered it)', () => {
    const h = handoff({ remainingDisputed: '100.00' })
    expect(h).toMatchObject({ released: '0.00', kept: '100.00', followUps: [] })
  })

  it('a payment plan follows up on each instalment, with what should be paid by then in all', () => {
    const h = handoff({
      instalments: [
        { n: 1, dueOn: '2026-04-10', amount: '60.00' },
        { n: 2, dueOn: '2026-05-11', amount: '60.00' },
        { n: 3, dueOn: '2026-06-10', amount: '60.00' },
      ],
    })
    expect(h.followUps).toEqual([
      { seq: 1, dueOn: '2026-04-10', expectedPaid: '60.00' },
      { seq: 2, dueOn: '2026-05-11', expectedPaid: '120.00' },
      { seq: 3, dueOn: '2026-06-10', expectedPaid: '180.00' },
    ])
  })

  it('the follow-up date skips holidays and takes the policy’s number of business days', () => {
    const h = handoff({
      stillInDispute: '0.00',
      followUpBusinessDays: 2,
      holidays: new Set(['2026-03-11']),
    })
    expect(h.followUps[0]?.dueOn).toBe('2026-03-13')
  })
})

describe('the follow-up reminder', () => {
  const f: FollowUpFacts = {
    disputeId: 'd-1',
    number: 42,
    invoiceNumber: 'INV-1',
    customerName: 'Acme Corp',
    currency: 'USD',
    ownerId: 'p-ana',
    seq: 1,
    dueOn: '2026-03-17',
    expectedPaid: '180.00',
    paidSince: '0.00',
  }

  it('fires to the owner the day after the date when the customer has not paid', () => {
    const n = followUpReminder(f, '2026-03-18')
    expect(n).toMatchObject({ kind: 'reminder', disputeId: 'd-1', to: [{ person: 'p-ana' }] })
    expect(n?.subject).toBe('[DisputeDesk] Payment follow-up: DSP-000042 · INV-1 · Acme Corp')
    expect(n?.text).toContain('180.00 USD short')
  })

  it('does not fire on or before the date', () => {
    expect(followUpReminder(f, '2026-03-17')).toBeNull()
  })

  it('does not fire when the customer paid what was due', () => {
    expect(followUpReminder({ ...f, paidSince: '180.00' }, '2026-03-18')).toBeNull()
  })

  it('fires for the part still missing when they paid some of it', () => {
    expect(followUpReminder({ ...f, paidSince: '100.00' }, '2026-03-18')?.text).toContain('80.00 USD short')
  })
})

describe('the SLA flag', () => {
  it('flags an open dispute past its target date to the lead', () => {
    expect(
      slaFlag({ status: 'investigating', openedOn: '2026-02-20', targetDate: '2026-03-06' }, '2026-03-10', {}),
    ).toEqual({
      dueOn: '2026-03-06',
      breached: true,
      daysOver: 4,
      flagTo: 'lead',
    })
  })

  it('counts the policy SLA in business days when there is no target date', () => {
    // Opened Friday 2026-02-20; 3 business days: Wednesday 2026-02-25.
    const f = slaFlag({ status: 'open', openedOn: '2026-02-20', targetDate: null }, '2026-02-26', {
      resolutionSlaBusinessDays: 3,
    })
    expect(f).toMatchObject({ dueOn: '2026-02-25', breached: true, flagTo: 'lead' })
  })

  it('does not flag a dispute within its SLA, nor a resolved one', () => {
    expect(slaFlag({ status: 'open', openedOn: '2026-03-09', targetDate: null }, '2026-03-10', {}).breached).toBe(false)
    expect(
      slaFlag({ status: 'resolved', openedOn: '2026-01-01', targetDate: '2026-01-15' }, '2026-03-10', {}).flagTo,
    ).toBeNull()
  })
})
