import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callByName, toolContext } from '../../../tools/testing.ts'
import type { Actor, DisputeEvent } from '../../services/ports.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { type SmtpSink, smtpSink } from '../notify/testing-smtp.ts'
import { messagesInFile, parseEmail, splitMbox } from './parse-email.ts'

let t: TestApp
let specialist: Actor
let smtp: SmtpSink

function rawEmail(h: {
  from: string
  subject: string
  text: string
  messageId: string
  inReplyTo?: string
  to?: string
}): string {
  return [
    `From: ${h.from}`,
    `To: ${h.to ?? 'ar@meridian.example'}`,
    `Subject: ${h.subject}`,
    `Message-ID: ${h.messageId}`,
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`, `References: ${h.inReplyTo}`] : []),
    'Date: Sun, 15 Mar 2026 09:30:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    h.text,
    '',
  ].join('\r\n')
}

const post = (raw: string, key = t.keys.specialist) =>
  t.app.request('/api/inbound/email', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'message/rfc822' },
    body: raw,
  })

/** Posts the email, checks the status and returns what it was matched to. */
async function received(status: number, h: Parameters<typeof rawEmail>[0]) {
  const res = await post(rawEmail(h))
  expect(res.status).toBe(status)
  return res.json()
}

const timeline = async (id: string): Promise<DisputeEvent[]> => {
  const res = await t.app.request(`/api/disputes/${id}`, { headers: { Authorization: `Bearer ${t.keys.lead}` } })
  return ((await res.json()) as { events: DisputeEvent[] }).events
}

beforeAll(async () => {
  smtp = await smtpSink()
  t = await createTestApp({
    env: {
      DISPUTE_DESK_SMTP_URL: smtp.url,
      DISPUTE_DESK_MAIL_FROM: 'Meridian AR <ar@meridian.example>',
      DISPUTE_DESK_NOTIFY_EVERY_SECONDS: '0',
    },
  })
  const key = await t.runtime.store.apiKeys.verify(t.keys.specialist)
  if (!key) throw new Error('no specialist key')
  specialist = { id: key.personId, name: key.name, role: key.role }
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

/** A dispute opened the way the chat opens one; its id. */
async function openOn(invoiceNumber: string, reasonCode: 'pricing_error' | 'other'): Promise<string> {
  const opened = await t.runtime.services.openDispute({ invoiceNumber, reasonCode }, specialist, {
    today: t.runtime.today(),
  })
  if (!opened.ok) throw new Error(opened.error.message)
  return opened.value.dispute.id
}

describe('inbound customer email', () => {
  it('adds an email from the customer’s contact address to the open dispute on the invoice it names', async () => {
    const id = await openOn('INV-1001', 'pricing_error')
    const outcome = await received(201, {
      from: 'Globex AP <ap@globex.example>',
      subject: 'Re: price on invoice INV-1001',
      text: 'We still see the old price on line 1. Please confirm the credit.',
      messageId: '<globex-1@globex.example>',
    })
    expect(outcome).toMatchObject({ status: 'added', disputeId: id, customerId: 'C-100', invoiceNumber: 'INV-1001' })
    expect(outcome.matchedBy).toEqual(['sender', 'invoice'])
    const event = (await timeline(id)).find((e) => e.type === 'dispute.message_received')
    expect(event?.after).toMatchObject({
      channel: 'email',
      from: 'ap@globex.example',
      subject: 'Re: price on invoice INV-1001',
      text: 'We still see the old price on line 1. Please confirm the credit.',
      messageId: '<globex-1@globex.example>',
    })

    // The same message again is recognised by its Message-ID: nothing is added twice.
    const again = await post(
      rawEmail({ from: 'ap@globex.example', subject: 'x', text: 'x', messageId: '<globex-1@globex.example>' }),
    )
    expect(again.status).toBe(200)
    expect((await again.json()).status).toBe('duplicate')
    expect((await timeline(id)).filter((e) => e.type === 'dispute.message_received')).toHaveLength(1)

    // A threaded reply goes out through the outbox; the customer's answer to it lands on the same
    // dispute, even from another address and without an invoice number.
    const reply = await callByName(
      'send_customer_reply',
      { disputeId: id, text: 'Thank you, we are checking the contract price.' },
      toolContext(t, false, specialist),
    )
    if (!reply.ok) throw new Error(reply.error.message)
    const sent = reply.value as { messageId: string; to: string; subject: string; inReplyTo: string }
    expect(sent).toMatchObject({
      to: 'ap@globex.example',
      subject: 'Re: price on invoice INV-1001',
      inReplyTo: '<globex-1@globex.example>',
    })
    await t.runtime.notifier.runOnce()
    const mail = smtp.received.find((m) => m.messageId === sent.messageId)
    expect(mail?.inReplyTo).toBe('<globex-1@globex.example>')
    expect(mail?.references).toEqual('<globex-1@globex.example>')
    expect(mail?.text?.trim()).toBe('Thank you, we are checking the contract price.')

    const answer = await post(
      rawEmail({
        from: 'Pat from Globex <pat.personal@gmail.com>',
        subject: `Re: ${sent.subject}`,
        text: 'Thanks, waiting for it.',
        messageId: '<pat-2@gmail.com>',
        inReplyTo: sent.messageId,
      }),
    )
    expect(await answer.json()).toMatchObject({ status: 'added', disputeId: id, matchedBy: ['thread'] })
    const types = (await timeline(id)).map((e) => e.type)
    expect(types.filter((x) => x.startsWith('dispute.message_'))).toEqual([
      'dispute.message_received',
      'dispute.message_sent',
      'dispute.message_received',
    ])
  })

  it('opens a draft dispute, undecided and with nothing disputed, when the invoice has no open dispute', async () => {
    const outcome = await received(201, {
      from: 'Initech Billing <billing@initech.example>',
      subject: 'Invoice 2002 question',
      text: 'Hi, we think we were billed twice for the same service on invoice INV-2002.',
      messageId: '<initech-1@initech.example>',
    })
    expect(outcome).toMatchObject({ status: 'draft_opened', customerId: 'C-200', invoiceNumber: 'INV-2002' })
    const d = await t.runtime.store.disputes.get(outcome.disputeId)
    expect(d).toMatchObject({
      status: 'open',
      classification: null,
      originalDisputed: '0.00',
      credited: '0.00',
      writtenOff: '0.00',
    })
    const types = (await timeline(outcome.disputeId)).map((e) => e.type)
    expect(types).toContain('dispute_opened')
    expect(types.at(-1)).toBe('dispute.message_received')
    // Not investigated, not decided, no money: no resolution or credit event.
    expect(types.filter((x) => /resolution|credit|write_off/.test(x))).toEqual([])
  })

  it('takes an email with a large attachment, and names the attachment on the timeline', async () => {
    const pdf = Buffer.alloc(200_000, 7)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n')
    const raw = [
      'From: Wayne Foods AP <accounts@waynefoods.example>',
      'Subject: Signed POD for INV-5001',
      'Message-ID: <pod-1@waynefoods.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The signed proof of delivery is attached.',
      '--b1',
      'Content-Type: application/pdf; name="pod.pdf"',
      'Content-Disposition: attachment; filename="pod.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--b1--',
      '',
    ].join('\r\n')
    expect(raw.length).toBeGreaterThan(64 * 1024)
    const res = await post(raw)
    expect(res.status).toBe(201)
    const outcome = await res.json()
    const event = (await timeline(outcome.disputeId)).find((e) => e.type === 'dispute.message_received')
    expect(event?.after).toMatchObject({
      text: 'The signed proof of delivery is attached.',
      attachments: [{ filename: 'pod.pdf', contentType: 'application/pdf', size: 200_000 }],
    })
  })

  it('keeps an email it cannot match, without opening anything', async () => {
    const res = await post(
      rawEmail({
        from: 'someone@unknown.example',
        subject: 'Hello',
        text: 'Just saying hello.',
        messageId: '<x-1@unknown.example>',
      }),
    )
    expect(await res.json()).toMatchObject({ status: 'unmatched', disputeId: null, customerId: null })
  })

  it('refuses an empty body and a read-only or lead-less caller’s write the usual way', async () => {
    const empty = await post('')
    expect(empty.status).toBe(400)
    expect((await empty.json()).error.field).toBe('body')
    const headerless = await post('just some text, no headers')
    expect(headerless.status).toBe(400)
    expect((await headerless.json()).error.message).toMatch(/no From header/)
    const none = await t.app.request('/api/inbound/email', { method: 'POST', body: 'x' })
    expect(none.status).toBe(401)
  })

  it('logs a call on a dispute with log_customer_contact, on the timeline like an email', async () => {
    const id = await openOn('INV-5001', 'other')
    const r = await callByName(
      'log_customer_contact',
      { channel: 'call', disputeId: id, from: 'Bruce at Wayne Foods', text: 'Called: will send the signed POD today.' },
      toolContext(t, false, specialist),
    )
    expect(r).toMatchObject({ ok: true, value: { status: 'added', disputeId: id, matchedBy: ['dispute'] } })
    const event = (await timeline(id)).find((e) => e.type === 'dispute.message_received')
    expect(event?.after).toMatchObject({ channel: 'call', from: 'Bruce at Wayne Foods', messageId: null })
    expect(event?.actorName).toBe(specialist.name)
    const readOnly = await callByName(
      'log_customer_contact',
      { channel: 'chat', disputeId: id, text: 'x' },
      toolContext(t, true, specialist),
    )
    expect(readOnly.ok).toBe(false)
  })
})

describe('GET /api/notifications', () => {
  it('shows leads every delivery with its status, and refuses a specialist', async () => {
    await t.runtime.notifier.runOnce()
    const res = await t.app.request('/api/notifications?limit=500', {
      headers: { Authorization: `Bearer ${t.keys.lead}` },
    })
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as {
      items: { kind: string; channel: string; recipient: string; status: string }[]
    }
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'customer_reply',
        channel: 'email',
        recipient: 'ap@globex.example',
        status: 'delivered',
      }),
    )
    // No webhook configured: recorded as skipped, not lost.
    expect(items.filter((d) => d.channel === 'webhook').every((d) => d.status === 'skipped')).toBe(true)
    const spec = await t.app.request('/api/notifications', {
      headers: { Authorization: `Bearer ${t.keys.specialist}` },
    })
    expect(spec.status).toBe(403)
  })
})

describe('reading raw messages', () => {
  const one = (id: string, body: string) => `From: a@b.example\nSubject: s\nMessage-ID: <${id}@b.example>\n\n${body}\n`

  it('splits an mbox on its From_ lines and unquotes >From in bodies', async () => {
    const mbox = `From a@b.example Sun Mar 15 09:00:00 2026\n${one('1', 'first\n>From here on')}\nFrom a@b.example Sun Mar 15 10:00:00 2026\n${one('2', 'second')}`
    const parts = splitMbox(mbox)
    expect(parts).toHaveLength(2)
    const first = await parseEmail(parts[0] as string)
    expect(first).toMatchObject({ messageId: '<1@b.example>', from: 'a@b.example', text: 'first\nFrom here on' })
    expect(messagesInFile('x.eml', one('3', 'x'))).toHaveLength(1)
    expect(messagesInFile('x.mbox', mbox)).toHaveLength(2)
  })

  it('reads the text of an HTML-only email and the thread headers', async () => {
    const raw =
      'From: "AP" <ap@globex.example>\r\nSubject: Re: INV-1001\r\nMessage-ID: <h@x>\r\nIn-Reply-To: <a@y>\r\n' +
      'References: <z@y> <a@y>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Please <b>credit</b> it</p>\r\n'
    const m = await parseEmail(raw)
    expect(m.text).toContain('Please credit it')
    expect(m).toMatchObject({ fromName: 'AP', inReplyTo: '<a@y>', references: ['<z@y>', '<a@y>'] })
  })
})
