import { describe, expect, it } from 'vitest'
import {
  type DisputeFacts,
  digestNotice,
  type EventFacts,
  noticeKindOf,
  noticesFor,
  slaBreachNotice,
} from './notification-rules.ts'

const dispute: DisputeFacts = {
  id: 'DSP-1',
  number: 42,
  invoiceNumber: 'INV-1001',
  customerName: 'Globex Corporation',
  reasonCode: 'pricing_error',
  status: 'investigating',
  ownerId: 'p-owner',
  amount: '120.00',
  currency: 'USD',
  targetDate: '2026-03-20',
  requestedBy: 'p-requester',
}

const event = (type: string, over: Partial<EventFacts> = {}): EventFacts => ({
  seq: 7,
  type,
  disputeId: 'DSP-1',
  actorId: 'p-actor',
  actorName: 'Ana Ruiz',
  why: 'because',
  before: null,
  after: null,
  ...over,
})

describe('notification rules', () => {
  it.each([
    ['dispute.assigned', null, 'assigned'],
    ['dispute_reassigned', null, 'assigned'],
    ['dispute.escalated', null, 'escalated'],
    ['status_changed', { status: 'escalated' }, 'escalated'],
    ['credit_memo_requested', { requiredRole: 'lead' }, 'approval_needed'],
    ['write_off_requested', null, 'approval_needed'],
    ['goodwill_credit_approved', null, 'approval_decided'],
    ['credit_memo_rejected', null, 'approval_decided'],
    ['dispute_resolved', null, 'resolved'],
    ['status_changed', { status: 'closed' }, 'resolved'],
    ['dispute.message_received', { channel: 'call' }, 'customer_message'],
    ['customer_message', null, 'customer_message'],
    ['owner_reminded', { ownerId: 'p-owner' }, 'reminder'],
    ['note_added', null, null],
    ['status_changed', { status: 'investigating' }, null],
    ['ledger_imported', null, null],
  ])('reads %s (%j) as %s', (type, after, kind) => {
    expect(noticeKindOf({ type, before: null, after })).toBe(kind)
  })

  it('tells a newly escalating investigation to the leads, the owner and the routed teams, not the actor', () => {
    const e = event('resolution_recorded', { before: { escalated: false }, after: { escalated: true } })
    const [n] = noticesFor(e, dispute)
    expect(n?.kind).toBe('escalated')
    expect(n?.to).toEqual([
      { roles: ['lead', 'finance_controller'] },
      { person: 'p-owner' },
      { team: 'sales' },
      { team: 'billing' },
    ])
    expect(noticesFor({ ...e, actorId: 'p-owner' }, dispute)[0]?.to).not.toContainEqual({ person: 'p-owner' })
  })

  it('sends an approval above the lead limit to finance controllers only, and the decision to the requester and owner', () => {
    const need = noticesFor(
      event('credit_memo_requested', { after: { requiredRole: 'finance_controller', amount: '50000.00' } }),
      dispute,
    )
    expect(need[0]?.to).toEqual([{ roles: ['finance_controller'] }])
    expect(need[0]?.subject).toContain('50000.00 USD')
    const decided = noticesFor(event('credit_memo_approved'), dispute)
    expect(decided[0]?.to).toEqual([{ person: 'p-requester' }, { person: 'p-owner' }])
    expect(decided[0]?.subject).toMatch(/^\[DisputeDesk\] Credit memo approved/)
    // People see the readable number, not the id.
    expect(decided[0]?.subject).toBe('[DisputeDesk] Credit memo approved: DSP-000042 · INV-1001 · Globex Corporation')
  })

  it('reminds the owner when a lead nudges them, and tells the owner of a portal message', () => {
    const r = noticesFor(event('owner_reminded', { after: { ownerId: 'p-owner' } }), dispute)
    expect(r[0]).toMatchObject({ kind: 'reminder', to: [{ person: 'p-owner' }] })
    const m = noticesFor(event('customer_message', { actorId: 'p-customer' }), dispute)
    expect(m[0]?.text).toContain('A portal note was added to dispute DSP-000042.')
  })

  it('tells the new and the previous owner of an assignment', () => {
    const n = noticesFor(
      event('dispute.assigned', { before: { ownerId: 'p-old' }, after: { ownerId: 'p-new' } }),
      dispute,
    )
    expect(n[0]?.to).toEqual([{ person: 'p-new' }, { person: 'p-old' }])
  })

  it('turns a sent reply into a threaded email to the customer', () => {
    const n = noticesFor(
      event('dispute.message_sent', {
        after: {
          to: 'ap@globex.example',
          subject: 'Re: INV-1001',
          text: 'Hello',
          messageId: '<a@x>',
          inReplyTo: '<b@y>',
          references: ['<b@y>'],
        },
      }),
      null,
    )
    expect(n).toEqual([
      {
        kind: 'customer_reply',
        disputeId: 'DSP-1',
        to: [{ address: 'ap@globex.example' }],
        subject: 'Re: INV-1001',
        text: 'Hello',
        thread: { messageId: '<a@x>', inReplyTo: '<b@y>', references: ['<b@y>'] },
      },
    ])
  })

  it('flags an SLA breach only for an open dispute past its date', () => {
    expect(slaBreachNotice(dispute, '2026-03-20')).toBeNull()
    expect(slaBreachNotice({ ...dispute, status: 'resolved' }, '2026-03-21')).toBeNull()
    expect(slaBreachNotice(dispute, '2026-03-21')?.to).toEqual([
      { person: 'p-owner' },
      { roles: ['lead', 'finance_controller'] },
    ])
  })

  it('counts open, overdue and awaiting approval in the digest', () => {
    const n = digestNotice({
      today: '2026-03-21',
      open: [dispute, { ...dispute, id: 'DSP-2', targetDate: '2026-04-01' }],
      awaitingApproval: [
        { disputeId: 'DSP-2', kind: 'credit_memo', amount: '10.00', currency: 'USD', requestedBy: 'Sam' },
      ],
    })
    expect(n.subject).toBe('[DisputeDesk] Daily digest 2026-03-21: 2 open, 1 overdue, 1 awaiting approval')
    expect(n.text).toContain('- DSP-2 · credit memo 10.00 USD · requested by Sam')
  })
})
