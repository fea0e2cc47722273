/**
 * A stand-in for a model, for running the evals on the LLM engine with no model at all (CI, a
 * laptop offline): the scripted server answers unscripted requests with it. It reads the person's
 * words with the embedded engine's readers (invoice references, the reason classifier, amounts) and
 * calls the tools a careful model would: resolve the invoice, investigate, or ask. It writes no
 * figures. What it measures is the LLM engine's plumbing (tools, proposals, memory, guards), not a
 * model's understanding; a real endpoint is compared side by side with `--engine llm`.
 */
import { classifyReason } from '../nlu/classify-reason.ts'
import { findAmounts } from '../nlu/amounts.ts'
import type { ScriptedReply, ScriptedRequest } from '../scripted-model-server.ts'

const REFERENCE = /\b(?=[\w/-]*\d)[A-Z]{1,6}[-/]?[\w/-]*\d\b|\b\d{3,}\b/g

const call = (name: string, args: Record<string, unknown>): ScriptedReply => ({
  toolCalls: [{ name, arguments: args }],
})
const ask = (topic: string, text: string): ScriptedReply => call('ask_clarifying_question', { topic, text })

export function standInReply(request: ScriptedRequest): ScriptedReply {
  const messages = request.messages
  const lastUser = messages.map((m) => m.role).lastIndexOf('user')
  const said = messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content ?? '')
    .join('\n')
  const latest = messages[lastUser]?.content ?? ''
  const since = messages.slice(lastUser + 1)
  const lastTool = since.filter((m) => m.role === 'tool').at(-1)
  const lastCall = since
    .filter((m) => m.role === 'assistant')
    .flatMap((m) => (m.tool_calls ?? []) as { function: { name: string } }[])
    .at(-1)?.function.name
  const reason = classifyReason(latest).code ?? classifyReason(said).code
  const references = [...(latest.match(REFERENCE) ?? []), ...(said.match(REFERENCE) ?? [])]
  if (!lastTool) {
    const reference = references[0]
    if (!reference) return ask('invoice', 'Which invoice is it about (its number, or the customer and date)?')
    return call('resolve_invoice_reference', { reference })
  }
  const result = parse(lastTool.content ?? '')
  if (lastCall === 'resolve_invoice_reference') {
    const found = result as { decision?: string; candidates?: { number: string }[] } | null
    const invoice = found?.decision === 'resolved' ? found.candidates?.[0]?.number : undefined
    if (!invoice) return ask('invoice', 'I could not tell which invoice that is: which number is on it?')
    if (!reason) return ask('reason', `What does the customer dispute on ${invoice}?`)
    // What each figure is, as the amount reader tells: the disputed amount, or the price that is right.
    const figures = findAmounts(latest)
    const amount = figures.find((f) => f.role === 'amount')?.value
    const price = figures.find((f) => f.role === 'unit_price')?.value
    const related = references.find((r) => r !== invoice && /[A-Z]/.test(r))
    return call('investigate_dispute', {
      invoiceNumber: invoice,
      reasonCode: reason,
      ...(amount ? { disputedAmount: amount } : {}),
      ...(price ? { expectedUnitPrice: price } : {}),
      ...(related && reason === 'duplicate_billing' ? { relatedInvoiceNumber: related } : {}),
    })
  }
  if (result === null) return { text: `I could not look that up: ${(lastTool.content ?? '').split('\n')[0]}` }
  return { text: 'This is what the ledger and the contract show.' }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
