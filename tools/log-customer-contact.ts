import { z } from 'zod'
import { CHANNELS } from '../src/services/customer-messages.ts'
import { defineTool, fail, ok } from './define-tool.ts'

export const ContactOutcomeView = z.object({
  status: z
    .enum(['added', 'draft_opened', 'unmatched', 'duplicate'])
    .describe(
      'added to an open dispute; opened a draft dispute (nothing decided, 0.00 disputed); kept unmatched; seen before',
    ),
  disputeId: z.string().nullable(),
  customerId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  matchedBy: z.array(z.string()).describe('how it was matched: dispute, thread, sender, domain, name, invoice'),
  messageId: z.string().nullable(),
  eventSeq: z.number().nullable().describe('the audit event on the dispute’s timeline'),
})

export const logCustomerContact = defineTool({
  name: 'log_customer_contact',
  title: 'Log a customer call, chat or email',
  description:
    'Record a contact with the customer (a call, a chat, an email) on the dispute’s timeline as a ' +
    'dispute.message_received event. Give the disputeId when known; otherwise the contact is matched by the ' +
    'sender’s address, the customer and the invoice number in the text, added to that invoice’s open dispute, or ' +
    'opens a draft dispute (nothing decided, nothing credited). Changes no figure and moves no money.',
  input: z.object({
    channel: z.enum(CHANNELS),
    text: z.string().trim().min(1).max(20_000).describe('what was said or written'),
    disputeId: z.string().min(1).max(100).optional(),
    invoiceNumber: z.string().min(1).max(100).optional().describe('as the customer gave it'),
    customerId: z.string().min(1).max(100).optional(),
    from: z.string().max(500).optional().describe('who called or wrote: a name or an email address'),
    subject: z.string().max(500).optional(),
    at: z.iso.datetime({ offset: true }).optional().describe('when it happened; now when absent'),
  }),
  output: ContactOutcomeView,
  annotations: { readOnly: false, destructive: false, idempotent: false, movesMoney: false },
  roles: ['specialist', 'lead', 'finance_controller', 'admin'],
  run: async (input, ctx) => {
    if (input.customerId && !(await ctx.services.store.ledger.getCustomer(input.customerId)))
      return fail('customer_not_found', `No customer ${input.customerId}.`, 'customerId')
    const r = await ctx.services.messages.receive(
      {
        channel: input.channel,
        text: input.text,
        disputeId: input.disputeId,
        invoiceReference: input.invoiceNumber,
        customerId: input.customerId,
        from: input.from,
        subject: input.subject,
        at: input.at,
      },
      ctx.actor,
      ctx.today,
    )
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
