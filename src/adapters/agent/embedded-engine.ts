/**
 * The embedded engine: no network, no model. It reads each message with the NLU modules, keeps
 * the facts, asks only for what blocks the investigation (invoice, reason), and acts through the
 * same tools the LLM and MCP clients use, so roles, limits and the audit trail apply alike.
 */
import { findLedgerReferences, type LedgerReference } from './ledger-references.ts'
import { findGoodwillShare } from './nlu/mentions.ts'
import { customersToMatch } from '../../services/customers-to-match.ts'
import { isZeroAmount } from '../../core/money.ts'
import type { Claim, Resolution } from '../../core/resolution.ts'
import type { Services } from '../../services/services.ts'
import type { ToolError } from '../../../tools/define-tool.ts'
import { questionTopicOf } from '../../../tools/errors.ts'
import { callTool, type ToolContext, toolByName } from '../../../tools/index.ts'
import type {
  ChatAction,
  ChatEvent,
  ChatResponse,
  Correction,
  Engine,
  Proposal,
  Question,
  QuestionTopic,
  TurnInput,
} from './chat-types.ts'
import { type ConversationState, claimFrom, holdsFigure, mergeFacts } from './conversation-state.ts'
import { confirms, declines, OPENED_DISPUTE, type PendingStep } from './proposals.ts'
import { beginTurn, endTurn, offer, runConfirmed, type TurnOutcome } from './turn-pipeline.ts'
import { createLocator, isInvoiceChoice, type Located, saidToStand } from './locate-claim.ts'
import { claimOfStatement, linesOf, readStatement } from './statement-lines.ts'
import type { SettlementChoice, SettlementView } from '../../services/settlement.ts'
import {
  readSettlementAsk,
  renderOptions,
  type SettlementAskInTurn,
  settlementProposal,
  settlementRecorded,
} from './settlement-turn.ts'
import { addsToClaim } from './nlu/adds-to-claim.ts'
import { approverOf, money, reasonLabel, renderEmail, renderReply } from './render-reply.ts'
import { type CorrectionPair, fieldAround, readCorrectionPair } from './nlu/turn-intent.ts'
import type { Understand, Understanding } from './understanding.ts'
import { withSpokenNumbers } from './nlu/spoken-numbers.ts'
import { spokenSumsRead } from './spoken-sums-read.ts'
import { claimLeft, narrowing, saysNoDispute } from './nlu/stance.ts'
import { signatureDigitsBlanked } from './nlu/customer-email.ts'

export interface QuestionWording {
  text: string
  quickReplies?: string[]
}

export interface EmbeddedEngineDeps {
  services: Services
  understand: Understand
  questions: Record<QuestionTopic, QuestionWording>
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

/** How sure a reading of the part left of a narrowed claim must be to replace the reason held. */
const NARROWED_REASON_AT = 0.9

export function createEmbeddedEngine(deps: EmbeddedEngineDeps): Engine {
  const { services } = deps

  const ask = (topic: QuestionTopic, override?: Partial<QuestionWording>): Question => {
    const w = { ...deps.questions[topic], ...override }
    return { topic, text: w.text, ...(w.quickReplies?.length ? { quickReplies: w.quickReplies } : {}) }
  }
  const locator = createLocator({ services, ask })

  async function tool<T>(name: string, input: unknown, ctx: ToolContext) {
    const spec = toolByName(name)
    if (!spec) throw new Error(`tool ${name} is not registered`)
    return (await callTool(spec, input, ctx)) as { ok: true; value: T } | { ok: false; error: ToolError }
  }

  async function followUp(u: Understanding, state: ConversationState, ctx: ToolContext): Promise<TurnOutcome> {
    const r = state.resolution
    const claim = claimFrom(state)
    if (!r || !claim) {
      return {
        reply:
          'There is no dispute in this conversation yet. Which invoice is it about, and what does the customer say?',
        questions: [ask('invoice'), ask('reason')],
        effects: [],
      }
    }
    const disputeId = state.disputeId
    if (u.intent === 'email_tone') {
      const tone = u.tone ?? 'neutral'
      const email = disputeId
        ? await tool<Resolution['email']>('draft_customer_email', { disputeId, tone }, ctx)
        : await tool<Resolution>('investigate_dispute', { ...claim, tone }, ctx).then((x) =>
            x.ok ? { ok: true as const, value: x.value.email } : x,
          )
      if (!email.ok) return { reply: email.error.message, questions: [], effects: [] }
      state.tone = tone
      state.resolution = { ...r, email: email.value }
      return {
        reply: `Here is the email in a ${tone} tone; the figures are unchanged.\n\n### Customer email\n\n${renderEmail(state.resolution)}`,
        questions: [],
        effects: [],
      }
    }
    // Every change below is proposed, not made: it runs when the specialist confirms it.
    const record: PendingStep[] = disputeId ? [] : [{ tool: 'open_dispute', input: { ...claim } }]
    const target = disputeId ?? OPENED_DISPUTE
    const recordedFirst = disputeId ? '' : ' (recording the dispute first)'
    if (u.intent === 'request_credit_memo' || u.intent === 'request_write_off') {
      const kind =
        u.intent === 'request_write_off'
          ? 'write_off'
          : r.action === 'goodwill_credit'
            ? 'goodwill_credit'
            : 'credit_memo'
      const amount = kind === 'write_off' ? r.owedAmount : r.supportedAmount
      if (isZeroAmount(amount)) {
        return {
          reply:
            kind === 'write_off'
              ? `Nothing is left to write off on ${r.invoiceNumber}: the customer owes nothing of the disputed amount.`
              : `The evidence supports no credit on ${r.invoiceNumber} (${r.classification.replace(/_/g, ' ')}), so there is nothing to request. ` +
                'If you want to grant a goodwill credit anyway, tell me the amount (for example "a goodwill credit of 100").',
          questions: [],
          effects: [],
        }
      }
      const kindWords = kind.replace(/_/g, ' ')
      return proposeChange(
        state,
        ctx,
        {
          kind:
            kind === 'write_off'
              ? 'request_write_off'
              : kind === 'goodwill_credit'
                ? 'request_goodwill_credit'
                : 'request_credit_memo',
          summary: `Request a ${kindWords} of ${money(r, amount)} on ${r.invoiceNumber} for ${r.customerName}${recordedFirst}; it is issued only after a lead other than you approves it.`,
          invoiceNumber: r.invoiceNumber,
          amount,
          currency: r.currency,
          disputeId,
        },
        [
          ...record,
          {
            tool: 'request_credit_memo',
            input: {
              disputeId: target,
              amount,
              kind,
              reason: `${reasonLabel(r.reasonCode)}: ${r.rootCause}`.slice(0, 1000),
            },
          },
        ],
      )
    }
    if (u.intent === 'mark_resolved' || u.intent === 'customer_accepted') {
      const outcome = `Customer accepted: ${r.action.replace(/_/g, ' ')} of ${money(r, r.supportedAmount)} (${r.classification}).`
      return proposeChange(
        state,
        ctx,
        {
          kind: 'resolve_dispute',
          summary: `Mark the dispute on ${r.invoiceNumber} resolved${recordedFirst}, with the outcome "${outcome}"`,
          invoiceNumber: r.invoiceNumber,
          disputeId,
        },
        [...record, { tool: 'resolve_dispute', input: { disputeId: target, outcome } }],
      )
    }
    const note = 'Customer did not accept the proposed resolution.'
    const proposed = await proposeChange(
      state,
      ctx,
      {
        kind: 'add_note',
        summary: `Add the note "${note}" to the dispute on ${r.invoiceNumber}${recordedFirst}.`,
        invoiceNumber: r.invoiceNumber,
        disputeId,
      },
      [...record, { tool: 'add_dispute_note', input: { disputeId: target, note } }],
    )
    return {
      ...proposed,
      reply: `What is the customer's objection? If they send new documents I will re-check the evidence; once the note is recorded, ask me what we can offer them for the settlement options.\n\n${proposed.reply}`,
    }
  }

  /** "What can we offer them?" lists the settlement options; "go with the payment plan" proposes one. */
  async function settlementTurn(ask: SettlementAskInTurn, state: ConversationState, ctx: ToolContext) {
    const r = state.resolution
    if (!r || !state.disputeId)
      return {
        reply: 'Record the dispute first (confirm the proposal); then I can weigh the settlement options.',
        questions: [],
        effects: [],
      }
    const n = ask.instalments ? { instalments: ask.instalments } : {}
    const v = await tool<SettlementView>('settlement_options', { disputeId: state.disputeId, ...n }, ctx)
    if (!v.ok) return { reply: v.error.message, questions: [], effects: [] }
    if (ask.kind === 'options') return { reply: renderOptions(v.value, r), questions: [], effects: [] }
    const chosen = settlementProposal(v.value, ask.option, r, ask.instalments)
    if (!chosen)
      return { reply: `There is no such option here.\n\n${renderOptions(v.value, r)}`, questions: [], effects: [] }
    return proposeChange(state, ctx, chosen.proposal, chosen.steps)
  }

  /** Keeps the proposal as the conversation's pending change, or says why this caller cannot make it. */
  async function proposeChange(
    state: ConversationState,
    ctx: ToolContext,
    proposal: Proposal,
    steps: PendingStep[],
  ): Promise<TurnOutcome> {
    return { reply: offer(state, ctx, proposal, steps), questions: [], effects: [] }
  }

  /** Runs the pending proposal: the person who was offered it confirmed it (button or a plain yes). */
  async function confirmPending(state: ConversationState, ctx: ToolContext): Promise<TurnOutcome> {
    const pending = state.pending
    state.pending = null
    if (!pending || pending.actorId !== ctx.actor.id) {
      return {
        reply: 'There is nothing waiting for your confirmation, so nothing was changed.',
        questions: [],
        effects: [],
      }
    }
    const ran = await runConfirmed(pending, state, ctx)
    if (!ran.ok) return ran.outcome
    const { done } = ran
    const r = state.resolution
    const p = pending.proposal
    const last = done.results.at(-1) as
      | { id?: string; amount?: string; requiredRole?: string; status?: string }
      | undefined
    // The readable number (DSP-000123) the dashboard shows, when a step returned the dispute.
    const shown =
      done.results
        .map((x) => x as { number?: unknown; dispute?: { number?: unknown } })
        .map((x) => x.dispute?.number ?? x.number)
        .find((n): n is string => typeof n === 'string' && n.startsWith('DSP-')) ?? state.disputeId
    let reply: string
    switch (p.kind) {
      case 'record_dispute':
      case 'update_dispute':
        reply = `${p.kind === 'record_dispute' ? 'Recorded' : 'Updated'} dispute ${shown} on ${p.invoiceNumber}, with the investigation and its audit trail${r && !isZeroAmount(r.disputedAmount) ? `; ${money(r, r.disputedAmount)} is held apart in the aging report until it is resolved` : ''}.`
        break
      case 'request_credit_memo':
      case 'request_write_off':
      case 'request_goodwill_credit':
        reply =
          `Requested a ${p.kind.replace(/^request_/, '').replace(/_/g, ' ')} of ${r && last?.amount ? money(r, last.amount) : (last?.amount ?? '')} on ${p.invoiceNumber} (request ${last?.id}). ` +
          `It is ${last?.status}: a ${approverOf(last?.requiredRole ?? 'lead')} other than you must approve it before it is issued.`
        break
      case 'resolve_dispute': {
        const aging = r ? await services.aging(ctx.today, { customerId: r.customerId }) : null
        reply =
          `Marked dispute ${shown} on ${p.invoiceNumber} resolved and documented the outcome.` +
          (r && aging
            ? `\n\nThe aging report no longer holds ${money(r, r.disputedAmount)} in dispute for ${r.customerName}. Open balance now: ${agingLine(aging, r.customerId)}.`
            : '')
        break
      }
      case 'choose_settlement':
        reply = r ? settlementRecorded(last as unknown as SettlementChoice, r) : `Done: ${p.summary}`
        break
      default:
        reply = `Done: ${p.summary}`
    }
    return { reply, questions: [], effects: done.effects }
  }

  /** Sets the goodwill amount a share asks for; the line that says how it was computed, or ''. */
  async function goodwillFromShare(u: Understanding, state: ConversationState, message: string): Promise<string> {
    // Goodwill is for a claim the evidence does not support (DOMAIN.md); elsewhere the core says why not.
    const res = state.resolution?.classification === 'invalid' ? state.resolution : null
    if (!res || u.email || u.facts.goodwillAmount || !GOODWILL.test(message)) return ''
    const ask = findGoodwillShare(message)
    if (!ask) return ''
    const share = await services.goodwillAmount({ invoiceNumber: res.invoiceNumber, resolution: res }, ask)
    if (!share.ok)
      return share.error.code === 'invalid_claim' ? `I could not work out that share: ${share.error.message}` : ''
    u.facts.goodwillAmount = share.value.amount
    return `Goodwill: ${share.value.detail}.`
  }

  return {
    name: 'embedded',
    async turn(given: TurnInput, emit?: (e: ChatEvent) => void): Promise<ChatResponse> {
      const turn = await beginTurn(services, given, emit)
      const { state, ctx } = turn
      // The message as typed is recorded; it is read with numbers said in words written as digits
      // ("invoice zero zero four two", "in voice r2 forty one", "deux mille trois cents" in a phone's
      // transcription of a voice message), and sums said as prices are ("four fifty two" where the
      // invoice bills 452.00).
      const spoken = withSpokenNumbers(given.message)
      const input = {
        ...given,
        message: await spokenSumsRead(spoken, services.store.ledger, state.facts.invoiceNumber),
      }
      let outcome: TurnOutcome
      let shareNote = ''
      if (input.confirm || input.cancel) {
        outcome = await pressed(state, ctx, input)
      } else if (input.correct) {
        outcome = await corrected(state, ctx, input.correct)
      } else {
        const { u, references } = await understandTurn(deps, input, state)
        // "give them 10 % as goodwill": the core turns the share into an amount, capped by policy, and it
        // is proposed like one said as a figure (confirmed before anything is recorded).
        shareNote = await goodwillFromShare(u, state, input.message)
        // A goodwill credit asked for by amount ("a goodwill credit of 100") changes the claim: investigate again with it.
        const asksGoodwill = Boolean(u.facts.goodwillAmount && state.resolution)
        const settle =
          state.resolution && !u.email && !u.facts.invoiceRefs.length && !u.facts.goodwillAmount
            ? readSettlementAsk(input.message)
            : null
        if (state.pending && !u.email && confirms(input.message)) {
          outcome = await confirmPending(state, ctx)
        } else if (state.pending && !u.email && declines(input.message) && !statesFacts(u, input.message)) {
          state.pending = null
          outcome = { reply: 'Cancelled: nothing was recorded or changed.', questions: [], effects: [] }
        } else if (settle) {
          outcome = await settlementTurn(settle, state, ctx)
        } else if (
          !u.email &&
          !u.facts.goodwillAmount &&
          state.resolution &&
          state.resolution.action !== 'goodwill_credit' &&
          u.intent === 'request_credit_memo' &&
          GOODWILL.test(input.message)
        ) {
          // "offer them something as goodwill": with no figure and no share, the specialist chooses one.
          outcome = {
            reply: `What amount should the goodwill credit be, in ${state.resolution.currency}? Give me a figure (for example "a goodwill credit of 100", or "10 % of the invoice") and I will check it against the policy.`,
            questions: [ask('amount')],
            effects: [],
          }
        } else if (
          FOLLOW_UPS.has(u.intent) &&
          !u.email &&
          !asksGoodwill &&
          // With no investigation yet, "please credit them for INV-7 …" is the claim itself: investigate it.
          (state.resolution !== null || !statesFacts(u))
        ) {
          outcome = await followUp(u, state, ctx)
        } else if (!state.resolution && !state.pending && saysNoDispute(input.message)) {
          // "they withdrew the claim, nothing to credit", "they only want a paid receipt": nothing is
          // investigated or recorded, and the reply says so without calling a request a withdrawn claim.
          // The one invoice a request names stays the conversation's ("now they have the copy, and they
          // say …" is about it).
          const [only, ...more] = u.facts.invoiceRefs
          if (only && !more.length && !state.facts.invoiceNumber) {
            const found = await services.resolveInvoice(only, undefined)
            if (found.ok) state.facts.invoiceNumber = found.number
          }
          outcome = {
            reply:
              'Noted: no claim to investigate here (withdrawn, or only a question or a request for a document), so I have not opened a dispute or investigated anything. Nothing was recorded or credited. If the customer raises a claim, send me their message.',
            questions: [],
            effects: [],
          }
        } else {
          outcome = await investigateTurn(u, state, ctx, input.message, references, async (text) => {
            return (await understandTurn(deps, { ...input, message: text }, state)).u
          })
        }
      }
      if (shareNote) outcome = { ...outcome, reply: `${shareNote}\n\n${outcome.reply}` }
      return endTurn(services, turn, { ...outcome, actions: suggestions(state) })
    },
  }

  /** Facts corrected by hand (the widget's form): they replace what was read, and the claim is
   *  investigated again. An invoice is checked against the ledger first. */
  async function corrected(state: ConversationState, ctx: ToolContext, c: Correction): Promise<TurnOutcome> {
    const f = state.facts
    if (c.invoiceNumber) {
      const found = await services.resolveInvoice(c.invoiceNumber, undefined)
      if (!found.ok) return { reply: found.error.message, questions: [ask('invoice')], effects: [] }
      if (found.number !== f.invoiceNumber) {
        // Another invoice is another dispute.
        state.disputeId = null
        state.resolution = null
        state.pending = null
        delete f.relatedInvoiceNumber
      }
      f.invoiceNumber = found.number
    }
    const { invoiceNumber: _invoice, ...rest } = c
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) Object.assign(f, { [key]: value })
    // Lines named by hand win over the product words read before.
    if (c.lines) delete f.sku
    if (c.sku) delete f.lines
    return decideAndPropose(state, ctx, [], state.resolution !== null)
  }

  /** A confirm or cancel button: valid once, for the pending proposal it was issued with. */
  async function pressed(state: ConversationState, ctx: ToolContext, input: TurnInput): Promise<TurnOutcome> {
    const token = input.confirm ?? input.cancel
    if (!state.pending || state.pending.token !== token || state.pending.actorId !== ctx.actor.id) {
      return {
        reply: 'That button is no longer valid (it was used, cancelled or replaced), so nothing was changed.',
        questions: [],
        effects: [],
      }
    }
    if (input.cancel) {
      state.pending = null
      return { reply: 'Cancelled: nothing was recorded or changed.', questions: [], effects: [] }
    }
    return confirmPending(state, ctx)
  }

  /** What the specialist may want next, as words they can send (each becomes a proposal first). */
  function suggestions(state: ConversationState): ChatAction[] {
    const r = state.resolution
    if (!r || state.pending) return []
    if (['credit_memo', 'goodwill_credit'].includes(r.action) && !isZeroAmount(r.supportedAmount))
      return [
        {
          kind: 'suggest',
          label: `Request ${r.action === 'goodwill_credit' ? 'goodwill credit' : 'credit memo'} (${money(r, r.supportedAmount)})`,
          message: 'request the credit memo',
        },
      ]
    if (r.action === 'write_off' && !isZeroAmount(r.owedAmount))
      return [{ kind: 'suggest', label: `Request write-off (${money(r, r.owedAmount)})`, message: 'write it off' }]
    return []
  }

  async function investigateTurn(
    said: Understanding,
    state: ConversationState,
    ctx: ToolContext,
    whole: string,
    references: readonly LedgerReference[],
    reread: (text: string) => Promise<Understanding>,
  ): Promise<TurnOutcome> {
    let u = said
    // The claim is read without the signature under a pasted email (its street numbers are no prices).
    let message = signatureDigitsBlanked(whole)
    const isCorrection = u.intent === 'correction' && state.resolution !== null
    // Our own invoice quick reply carries the invoice's total: not a disputed amount.
    if (isInvoiceChoice(message)) delete u.facts.amount
    // "Drop the hinge price … it is only the fitter's visit of the 4th now, €380": a later turn that takes
    // back a part of the claim by name states the claim afresh on the same invoice: its reason, figures and
    // lines are this turn's (the part taken back left out). One that only says what is left ("it is just
    // the crate price now") does so where it names another reason plainly; otherwise the claim held stands.
    const narrowed = state.facts.invoiceNumber && state.facts.reasonCode ? narrowing(message) : undefined
    if (narrowed) {
      const held = state.facts
      const { invoiceNumber, customerId, erp, teams, deadline } = held
      const kept = { invoiceNumber, customerId, erp, teams, deadline }
      state.facts = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined))
      // Read again as a claim of its own on the invoice, without the part taken back.
      const left = claimLeft(message)
      const again = await reread(left)
      const r = again.facts.reason
      const plain = r && r.code !== held.reasonCode && (r.source === 'pattern' || r.confidence >= NARROWED_REASON_AT)
      if (narrowed === 'part taken back' || plain) {
        message = left
        u = again
        // The reason held stays where this turn states none.
        if (!r) state.facts.reasonCode = held.reasonCode
      } else state.facts = held
    }
    const pair = u.intent === 'correction' ? correctionPairOf(u, message, state) : undefined
    const before = { ...state.facts }
    state.facts = mergeFacts(state, u.facts, { correction: u.intent === 'correction', ...(pair ? { pair } : {}) })
    if (u.email || u.facts.reason) state.description.push(message.slice(0, 1000))

    let located = await locator.findInvoice(u, state, ctx, message)
    // A statement, one invoice a line: the claim is read again from its invoice's own lines.
    const focus = await statementFocus(whole, references, located, reread)
    if (focus) {
      message = focus.text
      u = focus.u
      state.facts = mergeFacts({ ...state, facts: before }, u.facts, { correction: u.intent === 'correction' })
      located = await locator.findInvoice(u, state, ctx, message)
    }
    const preface: string[] = []
    // The summary is of the claim read (a statement's own line); the instructions set aside are the
    // whole message's, so none goes unmentioned.
    const email = u.email ?? said.email
    if (email) {
      preface.push(`**What I understood from the customer's email:** ${email.summary}`)
      const instructions = said.email?.embeddedInstructions ?? email.embeddedInstructions
      if (instructions.length) {
        preface.push(
          `_The email also asks us to ${instructions.join('; ')}. I treat text in a customer's message as their claim, not as instructions: nothing is approved, credited or closed because of it._`,
        )
      }
    }
    if (located.number) {
      if (located.number !== state.facts.invoiceNumber && state.disputeId && !isCorrection) {
        // A different invoice starts a new dispute in the same conversation.
        state.disputeId = null
        state.resolution = null
        state.pending = null
      }
      // "they meant the other one: 3009 is the extra": the invoice that was the other one is now the
      // disputed one, and the one disputed before is the other.
      const before = state.facts.invoiceNumber
      if (before && located.number === state.facts.relatedInvoiceNumber) state.facts.relatedInvoiceNumber = before
      state.facts.invoiceNumber = located.number
      // "they paid 30119": the number was the invoice, not money.
      if (
        located.fromCandidate &&
        u.facts.amount?.raw === located.fromCandidate &&
        u.facts.amount.value === state.facts.disputedAmount
      )
        delete state.facts.disputedAmount
      // "la 418 llegaron rotas": nor a count.
      for (const k of ['quantityAffected', 'quantityReceived', 'quantityBilled'] as const)
        if (located.fromCandidate && u.facts[k] === Number(located.fromCandidate) && state.facts[k] === u.facts[k])
          delete state.facts[k]
    }
    if (u.facts.relatedInvoiceRef) {
      const related = await services.resolveInvoice(u.facts.relatedInvoiceRef, state.facts.customerId)
      if (related.ok) state.facts.relatedInvoiceNumber = related.number
    }
    if (located.related) state.facts.relatedInvoiceNumber = located.related
    if (located.number || !located.question) await locator.groundFacts(u, state, message, ctx.today)

    const questions: Question[] = []
    if (!state.facts.invoiceNumber || located.question) questions.push(located.question ?? ask('invoice'))
    if (!state.facts.reasonCode) questions.push(ask('reason'))
    // "Pasting from their accounts team:" and nothing after it: the message is still to come, so the
    // reply invites it rather than asking what it will say.
    if (
      questions.length &&
      !located.reply &&
      !state.facts.invoiceNumber &&
      !state.facts.reasonCode &&
      ANNOUNCES_PASTE.test(message)
    )
      return {
        reply: [...preface, 'Go ahead and paste it: I will read the invoice and the reason from it.'].join('\n\n'),
        questions: [],
        effects: [],
      }
    if (questions.length || located.reply) {
      const lines = [...preface]
      if (located.reply) lines.push(located.reply)
      if (!located.reply) lines.push(greetingFor(state, u))
      return { reply: lines.join('\n\n'), questions, effects: [] }
    }

    const scope = await locator.claimLines(state, message)
    state.facts.sku = scope.sku
    state.facts.lines = scope.lines
    // "the gutter clearing on that bill too … please add it": a line added to the claim investigated is disputed beside the
    // lines it held. One line's counts are no other line's: each line's evidence decides its share.
    const investigated = state.resolution?.invoiceNumber
    const added =
      investigated && investigated === state.facts.invoiceNumber && !isCorrection && addsToClaim(message)
        ? await locator.linesAdded(investigated, { sku: before.sku, lines: before.lines }, scope)
        : undefined
    if (added) {
      state.facts.lines = added
      delete state.facts.sku
      delete state.facts.quantityReceived
      delete state.facts.quantityAffected
      delete state.facts.quantityBilled
    }
    return decideAndPropose(state, ctx, preface, isCorrection)
  }

  /** The lines of a pasted statement that speak of the claim's invoice, read on their own, with that
   *  reading (statement-lines.ts chooses the invoice); undefined when the message is not a statement
   *  or no one invoice stands out. */
  async function statementFocus(
    message: string,
    references: readonly LedgerReference[],
    located: Located,
    reread: (text: string) => Promise<Understanding>,
  ): Promise<{ text: string; u: Understanding } | undefined> {
    const ledger = services.store.ledger
    const statement = readStatement(message, references)
    if (!statement) return undefined
    const chosen = await claimOfStatement(statement, located.number, {
      reread,
      getInvoice: (n) => ledger.getInvoice(n),
      stands: saidToStand,
    })
    if (!chosen) return undefined
    const text = linesOf(statement, chosen)
    return { text, u: await reread(text) }
  }

  /** Investigates the claim the state holds (reads only), renders the answer with what was read, and
   *  proposes recording it (or updating the recorded dispute when the decision changed). */
  async function decideAndPropose(
    state: ConversationState,
    ctx: ToolContext,
    preface: string[],
    isCorrection: boolean,
  ): Promise<TurnOutcome> {
    const claim = claimFrom(state)
    if (!claim)
      return {
        reply: 'Which invoice, and what is the reason?',
        questions: [ask('invoice'), ask('reason')],
        effects: [],
      }
    const investigated = await tool<Resolution>(
      'investigate_dispute',
      { ...claim, ...(state.tone !== 'neutral' ? { tone: state.tone } : {}) },
      ctx,
    )
    if (!investigated.ok) return failed(investigated.error, preface)
    const resolution = investigated.value
    const changed = !state.resolution || decisionChanged(state.resolution, resolution)
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
          // Nothing missing yet undecided: the records exist but do not show the claim either way.
          text: resolution.missingDocuments.length
            ? `Can you get ${resolution.missingDocuments.join(', ').replace(/_/g, ' ')} for ${resolution.invoiceNumber}? I could not find it in the ledger.`
            : `The ledger's records for ${resolution.invoiceNumber} do not show the claim either way. Can you get dated evidence for what is disputed (a signed log, a delivery note, the customer's own records)?`,
        }),
      )
    }
    // The routing table names teams for every reason but `other`: only then is there someone to ask about.
    if (!resolution.stakeholders.length && !state.facts.teams?.length && !state.asked.includes('teams')) {
      questions2.push(ask('teams'))
    }
    // Recording is a change too: proposed here, made when the specialist confirms.
    const steps: PendingStep[] = [
      { tool: 'open_dispute', input: { ...claim, ...(state.disputeId ? { disputeId: state.disputeId } : {}) } },
    ]
    const proposal: Proposal = {
      kind: state.disputeId ? 'update_dispute' : 'record_dispute',
      summary: state.disputeId
        ? `Update dispute ${state.disputeId} on ${resolution.invoiceNumber} with this investigation.`
        : `Record a ${reasonLabel(resolution.reasonCode).toLowerCase()} dispute on ${resolution.invoiceNumber} for ${resolution.customerName}: ${money(resolution, resolution.disputedAmount)} in dispute, ${resolution.classification.replace(/_/g, ' ')}, ${resolution.action.replace(/_/g, ' ')}${isZeroAmount(resolution.supportedAmount) ? '' : ` of ${money(resolution, resolution.supportedAmount)}`}.`,
      invoiceNumber: resolution.invoiceNumber,
      amount: resolution.disputedAmount,
      currency: resolution.currency,
      disputeId: state.disputeId,
    }
    const body = `${renderReply(resolution, intro)}\n\n${understoodLine(claim, resolution)}`
    if (state.disputeId && !changed) {
      return { reply: body, questions: questions2, effects: [], investigated: true }
    }
    const proposed = await proposeChange(state, ctx, proposal, steps)
    return { reply: `${body}\n\n${proposed.reply}`, questions: questions2, effects: [], investigated: true }
  }

  function failed(error: ToolError, preface: string[]): TurnOutcome {
    const topic = questionTopicOf(error)
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
    if (state.facts.reasonCode) {
      const label = reasonLabel(state.facts.reasonCode).toLowerCase()
      known.push(`${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label} dispute`)
    }
    if (known.length) return `Got it: ${known.join(', ')}. One more thing before I investigate:`
    return u.intent === 'greeting' || u.intent === 'new_dispute'
      ? "I'll help you resolve it. I need two things to start; I'll find the documents in the ledger myself."
      : 'To investigate I need the invoice and the reason the customer gave.'
  }
}

/** Reads the message with the NLU, knowing the customers it may name and the spans the ledger knows
 *  as its own identifiers (so they are never read as figures); the identifiers come back too, for the
 *  turn's other readings of the same message (a statement's lines). */
async function understandTurn(
  deps: EmbeddedEngineDeps,
  input: TurnInput,
  state: ConversationState,
): Promise<{ u: Understanding; references: LedgerReference[] }> {
  const ledger = deps.services.store.ledger
  const customers = await customersToMatch(ledger, input.message)
  const references = await findLedgerReferences(input.message, ledger)
  const u = deps.understand(input.message, {
    today: input.today,
    customers,
    hasDispute: Boolean(state.resolution),
    ...(state.facts.reasonCode ? { reasonCode: state.facts.reasonCode } : {}),
    references: references.map((r) => ({
      index: r.index,
      length: r.length,
      ...(r.kind === 'po' ? { poNumber: r.id } : { invoiceNumber: r.invoices[0]! }),
    })),
  })
  return { u, references }
}

/** What the investigation read from the conversation, said back so the person can check it (the
 *  widget shows the same facts as an editable form). */
function understoodLine(claim: Claim, r: Resolution): string {
  const facts = [`invoice ${r.invoiceNumber}`, `${r.customerName}`, reasonLabel(r.reasonCode).toLowerCase()]
  if (claim.disputedAmount) facts.push(`${money(r, claim.disputedAmount)} disputed`)
  else facts.push(`amount in dispute from the evidence (${money(r, r.disputedAmount)})`)
  if (claim.quantityReceived !== undefined) facts.push(`${claim.quantityReceived} received`)
  if (claim.quantityAffected !== undefined) facts.push(`${claim.quantityAffected} affected`)
  if (claim.expectedUnitPrice) facts.push(`price should be ${claim.expectedUnitPrice}`)
  if (claim.relatedInvoiceNumber) facts.push(`other invoice ${claim.relatedInvoiceNumber}`)
  if (claim.sku) facts.push(`about "${claim.sku}"`)
  if (claim.lines?.length) facts.push(`line(s) ${claim.lines.join(', ')}`)
  if (claim.feeType) facts.push(`the ${claim.feeType.replace(/_/g, ' ')}`)
  if (claim.paymentReference) facts.push(`payment ref ${claim.paymentReference}`)
  if (claim.paymentDate) facts.push(`paid on ${claim.paymentDate}`)
  return `**What I read:** ${facts.join('; ')}. If any of this is wrong, correct it (edit it, or tell me) and I will check again.`
}

/** Whether a re-investigation reached a different decision than the one on record. */
function decisionChanged(a: Resolution, b: Resolution): boolean {
  const keys = ['invoiceNumber', 'reasonCode', 'classification', 'action', 'disputedAmount', 'supportedAmount'] as const
  return keys.some((k) => a[k] !== b[k]) || a.escalation.required !== b.escalation.required
}

/** The figures a correction swaps ("1,250 not 1,520"), unless they are invoice numbers. */
function correctionPairOf(u: Understanding, message: string, state: ConversationState): CorrectionPair | undefined {
  const said = state.description
  const pair = readCorrectionPair(message) ?? (BARE_RESTATEMENT.test(message) ? restated(u, said) : undefined)
  if (!pair) return undefined
  // "their tally has 315 not 310": the figure withdrawn is one the claim holds (310 received),
  // so the pair corrects it, even where another invoice of the customer ends in those digits; a
  // pair withdrawing the invoice itself ("0419, not 0418") names invoices.
  const invoiceDigits = state.facts.invoiceNumber?.replace(/\D/g, '') ?? ''
  if (holdsFigure(state.facts, pair.was) && !invoiceDigits.endsWith(pair.was)) {
    const swapped = new Set([pair.now, pair.was])
    const rest = u.facts.invoiceCandidates?.filter((c) => !swapped.has(c))
    if (rest?.length) u.facts.invoiceCandidates = rest
    else delete u.facts.invoiceCandidates
  }
  const refs = [...u.facts.invoiceRefs, ...(u.facts.invoiceCandidates ?? [])].map((r) => r.replace(/\D/g, ''))
  if (refs.some((r) => r.endsWith(pair.now) || r.endsWith(pair.was))) return undefined
  if (pair.field) return pair
  // "it is 60, not 90": the words around 90 where it was said name the fact.
  for (const text of [...said].reverse()) {
    const field = fieldAround(text, pair.was)
    if (field) return { ...pair, field }
  }
  return pair
}

/** A turn that is only a figure with correction words ("make that 10.50", "sorry, 45.00"). */
const BARE_RESTATEMENT =
  /^\s*(?:(?:make (?:it|that)|no|actually|sorry|oops|my bad|my mistake|i meant|it'?s|it is|should be|correction)[\s,:-]*)+[$€£]?\s?\d[\d,]*(?:\.\d{1,2})?\s*[.!]?\s*$/i

/** "make that 10.50": one money figure in a correction restates the one money fact the claim holds. */
function restated(u: Understanding, said: readonly string[]): CorrectionPair | undefined {
  const f = u.facts
  const figures = [f.amount?.value, f.expectedUnitPrice].filter((v): v is string => v !== undefined)
  if (new Set(figures).size !== 1 || !said.length) return undefined
  const now = figures[0] as string
  // The figure said last of those the conversation holds is the one restated.
  for (const text of [...said].reverse()) {
    const last = [...text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{1,2}/g)].at(-1)?.[0]
    if (last) {
      const field = fieldAround(text, last)
      return { now, was: last.replace(/,/g, ''), ...(field ? { field } : {}) }
    }
  }
  return undefined
}

/** A message that states dispute facts is not a bare "no": "no, it's 45 units" corrects, it does not cancel. */
function statesFacts(u: Understanding, message = ''): boolean {
  const f = u.facts
  // "no, 1,250 not 1,520" swaps one figure for another: a correction, not a no.
  if (u.intent === 'correction' && readCorrectionPair(message)) return true
  return Boolean(
    f.invoiceRefs.length ||
      f.invoiceCandidates?.length ||
      f.customerId ||
      f.goodwillAmount ||
      f.amount ||
      f.quantityReceived !== undefined ||
      f.quantityAffected !== undefined ||
      f.expectedUnitPrice ||
      f.reason,
  )
}

function agingLine(aging: unknown, customerId: string): string {
  const customers =
    (aging as { customers?: { customerId: string; total?: unknown; openBalance?: unknown }[] }).customers ?? []
  const row = customers.find((c) => c.customerId === customerId)
  return row ? JSON.stringify(row.total ?? row.openBalance ?? row) : 'no open items'
}

/** A message that announces text to follow ("Pasting from their finance office:", "see below -", "their email:"). */
const ANNOUNCES_PASTE =
  /^[^\n]{0,80}?(?:past(?:e|ing)|forward(?:ing)?|see below|below|their (?:e-?mail|message|note)|from [^\n]{1,50})\s*[:\-–—]\s*$/i
