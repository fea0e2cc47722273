import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'

export const sendCustomerReply = defineTool({
  name: 'send_customer_reply',
  title: 'Reply to the customer by email',
  description:
    'Send an email to the customer on a dispute, threaded under their last email (Message-ID, In-Reply-To, ' +
    'References), recorded on the timeline as dispute.message_sent and delivered by the notification outbox ' +
    '(SMTP). A reply to it lands on the same dispute. Send only what the user asked to send.',
  input: z.object({
    disputeId: z.string().min(1).max(100),
    text: z.string().trim().min(1).max(20_000),
    subject: z.string().trim().min(1).max(500).optional().describe('default: "Re: " and their last subject'),
    to: z.email().max(320).optional().describe('default: the sender of their last email, else the customer’s contact'),
  }),
  output: z.object({
    disputeId: z.string(),
    messageId: z.string(),
    to: z.string(),
    subject: z.string(),
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()),
    eventSeq: z.number().nullable(),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  roles: ['specialist', 'lead', 'finance_controller', 'admin'],
  run: async (input, ctx) => {
    const r = await ctx.services.messages.reply(input, ctx.actor)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
