/**
 * The embedded engine: no network, no model. It reads each message with the NLU modules, keeps
 * the facts, asks only for what blocks the investigation (invoice, reason), and acts through the
 * same tools the LLM and MCP clients use, so roles, limits and the audit trail apply alike.
 */
import { matchSku } from '../../core/claim-scope.ts'
import type { Resolution } from '../../core/resolution.ts'
import type { Services } from '../../services/services.ts'
import { callTool, type ToolContext, toolByName } from '../../../tools/index.ts'
import type {
  ChatAction,
  ChatEvent,
  ChatResponse,
  Engine,
  Question,
  QuestionTopic,
  SideEffect,
  TurnInput,
} from './chat-types.ts'
import { type ConversationState, claimFrom, loadState, mergeFacts } from './conversation-state.ts'
import { approverOf, money, reasonLabel, renderEmail, renderReply } from './render-reply.ts'
import type { Understand, Understanding } from './understanding.ts'

export interface QuestionWording {
  text: string
  quickReplies?: string[]
}

export interface EmbeddedEngineDeps {
  services: Services
  understand: Understand
  questions: Record<QuestionTopic, QuestionWording>
}

interface TurnOutcome {
  reply: string
  questions: Question[]
  effects: SideEffect[]
}

const GOODWILL = /\bgood-?will\b/i

const FOLLOW_UPS = new Set([
  'email_tone',
  'request_credit_memo',
  'request_write_off',
  'mark_resolved',
  'customer_accepted',
  'customer_rejected',
])

export function createEmbeddedEngine(deps: EmbeddedEngineDeps): Engine {
  const { services } = deps

  const ask = (topic: QuestionTopic, override?: Partial<QuestionWording>): Question => {
    const w = { ...deps.questions[topic], ...override }
    return { topic, text: w.text, ...(w.quickReplies?.length ? { quickReplies: w.quickReplies } : {}) }
  }

  async function tool<T>(name: string, input: unknown, ctx: ToolContext) {
    const spec = toolByName(name)
    if (!spec) throw new Error(`tool ${name} is not registered`)
    return (await callTool(spec, input, ctx)) as
      | { ok: true; value: T }
      | { ok: false; error: { code: string; message: string } }
  }

  async function followUp(u: Understanding, state: ConversationState, ctx: ToolContext): Promise<TurnOutcome> {
    const disputeId = state.disputeId
    const r = state.resolution
    if (!disputeId || !r) {
      return {
        reply:
          'There is no dispute in this conversation yet. Which invoice is it about, and what does the customer say?',
        questions: [ask('invoice'), ask('reason')],
        effects: [],
      }
    }
    if (u.intent === 'email_tone') {
      const tone = u.tone ?? 'neutral'
      const email = await tool<Resolution['email']>('draft_customer_email', { disputeId, tone }, ctx)
      if (!email.ok) return { reply: email.error.message, questions: [], effects: [] }
      state.tone = tone
      state.resolution = { ...r, email: email.value }
      return {
        reply: `Here is the email in a ${tone} tone; the figures are unchanged.\n\n### Customer email\n\n${renderEmail(state.resolution)}`,
        questions: [],
        effects: [],
      }
    }
    if (u.intent === 'request_credit_memo' || u.intent === 'request_write_off') {
      const kind =
        u.intent === 'request_write_off'
          ? 'write_off'
          : r.action === 'goodwill_credit'
            ? 'goodwill_credit'
            : 'credit_memo'
      const amount = kind === 'write_off' ? r.owedAmount : r.supportedAmount
      const requested = await tool<{ id: string; amount: string; requiredRole: string; status: string }>(
        'request_credit_memo',
        { disputeId, amount, kind, reason: `${reasonLabel(r.reasonCode)}: ${r.rootCause}` },
        ctx,
      )
      if (!requested.ok)
        return { reply: `I could not request it: ${requested.error.message}`, questions: [], effects: [] }
      const v = requested.value
      return {
        reply:
          `Requested a ${kind.replace(/_/g, ' ')} of ${money(r, v.amount)} on ${r.invoiceNumber} (request ${v.id}). ` +
          `It is ${v.status}: a ${approverOf(v.requiredRole)} other than you must approve it before it is issued.`,
        questions: [],
        effects: ['credit_memo_requested'],
      }
    }
    if (u.intent === 'mark_resolved' || u.intent === 'customer_accepted') {
      const outcome = `Customer accepted: ${r.action.replace(/_/g, ' ')} of ${money(r, r.supportedAmount)} (${r.classification}).`
      const resolved = await tool('resolve_dispute', { disputeId, outcome }, ctx)
      if (!resolved.ok) return { reply: `I could not close it: ${resolved.error.message}`, questions: [], effects: [] }
      const aging = await services.aging(ctx.today, { customerId: r.customerId })
      return {
        reply:
          `Marked dispute ${disputeId} on ${r.invoiceNumber} resolved and documented the outcome: ${outcome}\n\n` +
          `The aging report no longer holds ${money(r, r.disputedAmount)} in dispute for ${r.customerName}. ` +
          `Open balance now: ${agingLine(aging, r.customerId)}.`,
        questions: [],
        effects: ['dispute_resolved'],
      }
    }
    const noted = await tool(
      'add_dispute_note',
      { disputeId, note: 'Customer did not accept the proposed resolution.' },
      ctx,
    )
    return {
      reply: noted.ok
        ? 'Noted that the customer does not accept. What is their objection? If they send new documents I will re-check the evidence.'
        : noted.error.message,
      questions: [],
      effects: noted.ok ? ['note_added'] : [],
    }
  }

  async function findInvoice(
    u: Understanding,
    state: ConversationState,
    ctx: ToolContext,
  ): Promise<{ number?: string; fromCandidate?: string; reply?: string; question?: Question }> {
    const customerId = state.facts.customerId
    let missing: { reply?: string; question?: Question } | undefined
    for (const ref of u.facts.invoiceRefs) {
      const found = await services.resolveInvoice(ref, undefined)
      if (found.ok) return { number: found.number }
      if (found.error.code === 'ambiguous_invoice') {
        const narrowed = customerId ? await services.resolveInvoice(ref, customerId) : found
        if (narrowed.ok) return { number: narrowed.number }
        missing ??= {
          reply: found.error.message,
          question: ask('invoice', { quickReplies: found.error.candidates.slice(0, 6) }),
        }
      } else {
        missing ??= { reply: `I can't find an invoice "${ref}" in the ledger, so I have nothing to investigate yet.` }
      }
    }
    // A lone number ("the late charge on 40019") counts only when it names exactly one invoice,
    // the named customer's first; it never moves a conversation off the invoice it is about.
    if (!state.facts.invoiceNumber || u.facts.invoiceRefs.length) {
      for (const candidate of u.facts.invoiceCandidates ?? []) {
        const mine = customerId ? await services.resolveInvoice(candidate, customerId) : undefined
        const found = mine?.ok ? mine : await services.resolveInvoice(candidate, undefined)
        if (found.ok) return { number: found.number, fromCandidate: candidate }
      }
    }
    if (missing) return missing
    if (state.facts.invoiceNumber || !customerId) return {}
    const open = await tool<{ items: { number: string; status?: string }[]; total: number }>(
      'find_invoices',
      { customerId, limit: 50 },
      ctx,
    )
    if (!open.ok) return {}
    const candidates = open.value.items.filter((i) => i.status !== 'paid' && i.status !== 'void')
    if (candidates.length === 1 && candidates[0]) return { number: candidates[0].number }
    return {
      question: ask('invoice', { quickReplies: candidates.slice(0, 6).map((i) => i.number) }),
    }
  }

  /** The lines the claim is about: those the product words name, else those the conversation's words
   *  name when they pick out some, not all, of the invoice's lines ("the valve price"). */
  async function claimLines(state: ConversationState, message: string): Promise<{ sku?: string; lines?: number[] }> {
    const number = state.facts.invoiceNumber
    const invoice = number ? await services.store.ledger.getInvoice(number) : null
    if (!invoice) return {}
    const said = state.facts.sku
    if (said) {
      if (matchSku(invoice.lines, said).length) return { sku: said }
      for (const w of said.split(/\s+/)) if (w.length >= 3 && matchSku(invoice.lines, w).length) return { sku: w }
    }
    // A disputed fee names its own lines; the core finds them.
    if (invoice.lines.length < 2 || state.facts.feeType) return {}
    const said2 = new Set(wordStems([...state.description, message].join(' ')))
    const named = invoice.lines.filter((l) => wordStems(`${l.sku} ${l.description ?? ''}`).some((w) => said2.has(w)))
    return named.length && named.length < invoice.lines.length ? { lines: named.map((l) => l.line) } : {}
  }

  return {
    name: 'embedded',
    async turn(input: TurnInput, emit?: (e: ChatEvent) => void): Promise<ChatResponse> {
      const saved = await services.store.conversations.load(input.sessionId)
      const state = loadState(saved?.state)
      const ctx: ToolContext = {
        services,
        actor: input.actor,
        today: input.today,
        readOnly: false,
        progress: (text) => emit?.({ type: 'progress', text }),
      }
      const customers = (await services.store.ledger.listCustomers({ limit: 100_000 })).items
      const u = deps.understand(input.message, { today: input.today, customers, hasDispute: Boolean(state.disputeId) })

      let outcome: TurnOutcome
      // "give them a $100 goodwill credit" changes the claim: investigate again with it.
      const asksGoodwill = Boolean(u.facts.goodwillAmount && state.disputeId)
      if (
        !u.email &&
        !u.facts.goodwillAmount &&
        state.resolution &&
        state.resolution.action !== 'goodwill_credit' &&
        u.intent === 'request_credit_memo' &&
        GOODWILL.test(input.message)
      ) {
        // "offer 10% as goodwill": a share needs a figure the specialist chooses; we do not compute it.
        outcome = {
          reply: `What amount should the goodwill credit be, in ${state.resolution.currency}? Give me a figure (for example "a goodwill credit of 100") and I will check it against the policy.`,
          questions: [ask('amount')],
          effects: [],
        }
      } else if (FOLLOW_UPS.has(u.intent) && !u.email && !asksGoodwill) {
        outcome = await followUp(u, state, ctx)
      } else {
        outcome = await investigateTurn(u, state, ctx, input.message)
      }
      const resolution = state.resolution
      const actions: ChatAction[] =
        resolution &&
        state.disputeId &&
        ['credit_memo', 'goodwill_credit'].includes(resolution.action) &&
        !outcome.effects.includes('credit_memo_requested')
          ? [
              {
                kind: 'request_credit_memo',
                label: `Request credit memo (${money(resolution, resolution.supportedAmount)})`,
                amount: resolution.supportedAmount,
                disputeId: state.disputeId,
              },
            ]
          : []
      for (const q of outcome.questions) if (!state.asked.includes(q.topic)) state.asked.push(q.topic)
      if (resolution && outcome.effects.includes('resolution_recorded')) emit?.({ type: 'resolution', resolution })
      if (outcome.questions.length) emit?.({ type: 'questions', questions: outcome.questions })
      emit?.({ type: 'text', delta: outcome.reply })
      await services.store.conversations.save(
        input.sessionId,
        state,
        [
          { role: 'user', content: input.message, at: new Date().toISOString() },
          { role: 'assistant', content: outcome.reply, at: new Date().toISOString() },
        ],
        input.actor,
      )
      return {
        sessionId: input.sessionId,
        reply: outcome.reply,
        questions: outcome.questions,
        resolution: outcome.effects.includes('resolution_recorded') ? resolution : (resolution ?? null),
        disputeId: state.disputeId,
        actions,
        effects: outcome.effects,
      }
    },
  }

  async function investigateTurn(
    u: Understanding,
    state: ConversationState,
    ctx: ToolContext,
    message: string,
  ): Promise<TurnOutcome> {
    const isCorrection = u.intent === 'correction' && state.resolution !== null
    state.facts = mergeFacts(state, u.facts, { correction: u.intent === 'correction' })
    if (u.email || u.facts.reason) state.description.push(message.slice(0, 1000))
    const preface: string[] = []
    if (u.email) {
      preface.push(`**What I understood from the customer's email:** ${u.email.summary}`)
      if (u.email.embeddedInstructions.length) {
        preface.push(
          `_The email also asks us to ${u.email.embeddedInstructions.join('; ')}. I treat text in a customer's message as their claim, not as instructions: nothing is approved, credited or closed because of it._`,
        )
      }
    }

    const located = u.facts.invoiceRefs.length || !state.facts.invoiceNumber ? await findInvoice(u, state, ctx) : {}
    if (located.number) {
      if (located.number !== state.facts.invoiceNumber && state.disputeId && !isCorrection) {
        // A different invoice starts a new dispute in the same conversation.
        state.disputeId = null
        state.resolution = null
      }
      state.facts.invoiceNumber = located.number
      // "they paid 30119": the number was the invoice, not money.
      if (
        located.fromCandidate &&
        u.facts.amount?.raw === located.fromCandidate &&
        u.facts.amount.value === state.facts.disputedAmount
      )
        delete state.facts.disputedAmount
    }
    if (u.facts.relatedInvoiceRef) {
      const related = await services.resolveInvoice(u.facts.relatedInvoiceRef, state.facts.customerId)
      if (related.ok) state.facts.relatedInvoiceNumber = related.number
    }

    const questions: Question[] = []
    if (!state.facts.invoiceNumber) questions.push(located.question ?? ask('invoice'))
    if (!state.facts.reasonCode) questions.push(ask('reason'))
    if (questions.length || located.reply) {
      const lines = [...preface]
      if (located.reply) lines.push(located.reply)
      if (!located.reply) lines.push(greetingFor(state, u))
      return { reply: lines.join('\n\n'), questions, effects: [] }
    }

    const scope = await claimLines(state, message)
    state.facts.sku = scope.sku
    state.facts.lines = scope.lines
    const claim = claimFrom(state)
    if (!claim)
      return {
        reply: 'Which invoice, and what is the reason?',
        questions: [ask('invoice'), ask('reason')],
        effects: [],
      }
    const effects: SideEffect[] = []
    let resolution: Resolution
    if (state.disputeId) {
      const r = await tool<Resolution>('investigate_dispute', claim, ctx)
      if (!r.ok) return failed(r.error, preface)
      resolution = r.value
      const recorded = await services.store.disputes.recordResolution(state.disputeId, resolution, ctx.actor)
      if (recorded.ok) effects.push('resolution_recorded')
    } else {
      const r = await tool<{ dispute: { id: string }; resolution: Resolution }>('open_dispute', claim, ctx)
      if (!r.ok) return failed(r.error, preface)
      resolution = r.value.resolution
      state.disputeId = r.value.dispute.id
      effects.push('dispute_opened', 'resolution_recorded')
    }
    state.resolution = resolution
    ctx.progress?.('Writing up the resolution…')
    const intro = [
      ...preface,
      isCorrection
        ? `Updated with your correction. Re-checked ${resolution.invoiceNumber} against the evidence.`
        : `I investigated ${resolution.invoiceNumber} for ${resolution.customerName} (${reasonLabel(resolution.reasonCode).toLowerCase()}).`,
    ].join('\n\n')
    const questions2: Question[] = []
    if (resolution.classification === 'needs_info') {
      questions2.push(
        ask('documents', {
          text: `Can you get ${resolution.missingDocuments.join(', ').replace(/_/g, ' ')} for ${resolution.invoiceNumber}? I could not find it in the ledger.`,
        }),
      )
    }
    // The routing table names teams for every reason but `other`: only then is there someone to ask about.
    if (!resolution.stakeholders.length && !state.facts.teams?.length && !state.asked.includes('teams')) {
      questions2.push(ask('teams'))
    }
    return { reply: renderReply(resolution, intro), questions: questions2, effects }
  }

  function failed(error: { code: string; message: string; field?: string }, preface: string[]): TurnOutcome {
    const topic = topicOfError(error)
    // Which line or charge the claim is about: the core's message is the question to ask.
    const aboutCharge = /^(lines|sku|feeType)$/.test(error.field ?? '')
    return {
      reply: [...preface, aboutCharge ? error.message : `I could not investigate: ${error.message}`].join('\n\n'),
      questions: [aboutCharge ? ask('amount', { text: error.message }) : ask(topic)],
      effects: [],
    }
  }

  function greetingFor(state: ConversationState, u: Understanding): string {
    const known: string[] = []
    if (state.facts.invoiceNumber) known.push(`invoice ${state.facts.invoiceNumber}`)
    if (state.facts.reasonCode) known.push(`a ${reasonLabel(state.facts.reasonCode).toLowerCase()} dispute`)
    if (known.length) return `Got it: ${known.join(', ')}. One more thing before I investigate:`
    return u.intent === 'greeting' || u.intent === 'new_dispute'
      ? "I'll help you resolve it. I need two things to start; I'll find the documents in the ledger myself."
      : 'To investigate I need the invoice and the reason the customer gave.'
  }
}

/** Words of four letters or more, singular, lower-case: "Valves, brass 2in" → valve, brass. */
function wordStems(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).map((w) => (w.length > 4 ? w.replace(/(?<!s)s$/, '') : w))
}

function agingLine(aging: unknown, customerId: string): string {
  const customers =
    (aging as { customers?: { customerId: string; total?: unknown; openBalance?: unknown }[] }).customers ?? []
  const row = customers.find((c) => c.customerId === customerId)
  return row ? JSON.stringify(row.total ?? row.openBalance ?? row) : 'no open items'
}

/** Which question fixes a refused claim: the field the core or the store named decides it. */
function topicOfError(error: { code: string; field?: string }): QuestionTopic {
  const field = error.field ?? ''
  if (/invoice/i.test(field) || error.code.includes('invoice')) return 'invoice'
  if (/amount|quantity|price/i.test(field)) return 'amount'
  if (/deadline/i.test(field)) return 'deadline'
  return 'reason'
}
