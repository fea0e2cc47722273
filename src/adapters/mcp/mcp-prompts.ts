/**
 * Two MCP prompts: `resolve-dispute` (the consultant persona from prompts/persona.md and the case)
 * and `customer-email` (the drafted email of a recorded dispute, figures fixed by the core). Both
 * read data through registry tools with callTool, the one code path every channel uses.
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { ErrorCode, type GetPromptResult, McpError } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import type { Email } from '../../core/resolution.ts'
import { callTool } from '../../../tools/call-tool.ts'
import type { ToolContext, ToolSpec } from '../../../tools/define-tool.ts'

export interface PromptDeps {
  registry: readonly ToolSpec[]
  context: () => ToolContext
  /** The consultant persona (prompts/persona.md). */
  persona: string
}

const user = (text: string): GetPromptResult['messages'][number] => ({ role: 'user', content: { type: 'text', text } })

export function resolveDisputeText(
  persona: string,
  args: { invoice?: string; customer?: string; reason: string },
): string {
  const subject = args.invoice
    ? `invoice ${args.invoice}${args.customer ? ` (customer ${args.customer})` : ''}`
    : `an invoice of customer ${args.customer}`
  const find = args.invoice
    ? `Resolve the invoice reference with find_invoices if it is not an exact number.`
    : `Find the customer with find_customer, then the invoice with find_invoices; ask which one if several fit.`
  return [
    persona.trim(),
    '---',
    `A customer disputes ${subject}. Their reason, in their words: "${args.reason}".`,
    find,
    'Map the reason to a reason code and call investigate_dispute with every fact the customer stated. Quote its figures exactly; never compute your own.',
    'Then give the dispute summary, the investigation steps, the resolution, the customer email and the prevention advice.',
  ].join('\n\n')
}

export function customerEmailText(disputeId: string, email: Email): string {
  return [
    `Here is the ${email.tone} customer email for dispute ${disputeId}, drafted from the recorded resolution.`,
    'Its figures, dates and document ids are authoritative: keep them exactly. Adjust only wording the user asks for, stay polite and factual, never blame the customer.',
    `Subject: ${email.subject}`,
    email.body,
  ].join('\n\n')
}

export function registerPrompts(server: McpServer, deps: PromptDeps): void {
  const tool = (name: string) => deps.registry.find((t) => t.name === name)
  const findInvoices = tool('find_invoices')

  const completeInvoice = async (value: string | undefined): Promise<string[]> => {
    if (!findInvoices || !value) return []
    const r = await callTool(findInvoices, { numberFragment: value, limit: 20 }, deps.context())
    return r.ok ? (r.value as { items: { number: string }[] }).items.map((i) => i.number) : []
  }
  const invoiceText = z.string().trim().min(1).describe('invoice number, as the customer wrote it')
  // SDK 1.32 looks for the completer inside an optional when registering, and on the field itself
  // when completing, so both carry it.
  const invoiceArg = findInvoices
    ? completable(
        completable(invoiceText, completeInvoice).optional().describe('invoice number, as the customer wrote it'),
        completeInvoice,
      )
    : invoiceText.optional().describe('invoice number, as the customer wrote it')

  server.registerPrompt(
    'resolve-dispute',
    {
      title: 'Resolve an invoice dispute',
      description:
        'Investigate a customer dispute as a senior AR specialist: give the invoice or the customer, and the reason.',
      argsSchema: {
        invoice: invoiceArg,
        customer: z.string().trim().min(1).optional().describe('customer name or id, when the invoice is unknown'),
        reason: z.string().trim().min(1).describe('why the customer disputes the invoice, in their words'),
      },
    },
    (args) => {
      if (!args.invoice && !args.customer) {
        throw new McpError(ErrorCode.InvalidParams, 'resolve-dispute: give invoice or customer')
      }
      return { messages: [user(resolveDisputeText(deps.persona, args))] }
    },
  )

  const draft = tool('draft_customer_email')
  if (!draft) return
  server.registerPrompt(
    'customer-email',
    {
      title: 'Customer email for a dispute',
      description: 'The customer email of a recorded dispute in a chosen tone; figures never change with the tone.',
      argsSchema: {
        disputeId: z.string().trim().min(1).describe('the dispute id, e.g. from list_disputes'),
        tone: z.enum(['neutral', 'warm', 'firm']).optional().describe('neutral (default), warm or firm'),
      },
    },
    async (args) => {
      const r = await callTool(draft, { disputeId: args.disputeId, tone: args.tone ?? 'neutral' }, deps.context())
      if (!r.ok) throw new McpError(ErrorCode.InvalidParams, `customer-email: ${r.error.message}`)
      return {
        description: `Customer email for dispute ${args.disputeId}`,
        messages: [user(customerEmailText(args.disputeId, r.value as Email))],
      }
    },
  )
}
