import { describe, expect, it } from 'vitest'
import { proposalOf } from './describe-proposal.ts'

const say = (tool: string, input: Record<string, unknown>) =>
  proposalOf([{ tool, input }], { disputeId: 'DSP-000012' }, null).summary

describe('what a proposed assignment or reminder says', () => {
  it('names the dispute, the new owner and why, in words rather than the call’s JSON', () => {
    const s = say('assign_dispute', { disputeId: 'DSP-000012', personId: 'person-priya', why: 'Priya knows Globex' })
    expect(s).toBe('Assign dispute DSP-000012 to person-priya ("Priya knows Globex"); the new owner is notified.')
    expect(s).not.toMatch(/[{}]/)
  })

  it('says who a reminder goes to, and a customer email’s subject and text', () => {
    expect(say('remind_dispute_owner', { disputeId: 'DSP-000012', why: 'The customer chased twice' })).toBe(
      'Remind the owner of dispute DSP-000012 with "The customer chased twice" (they get an email).',
    )
    expect(
      say('send_customer_reply', {
        disputeId: 'DSP-000012',
        subject: 'Your credit',
        text: 'A reminder: we need the PO.',
      }),
    ).toBe('Email the customer on dispute DSP-000012 with the subject "Your credit": "A reminder: we need the PO.".')
  })
})
