/**
 * The LLM engine: any OpenAI-compatible endpoint with tool calling, run on LangChain's createAgent
 * (llm/run-turn.ts). The model gathers facts and writes prose; the summary, amounts, classification
 * and action come from the investigate tool's result and are rendered by us. The model is offered
 * only the tools the caller's role and key allow; a tool that changes anything is never run on the
 * model's say-so: the call becomes a proposal that runs when the person confirms it (proposals.ts),
 * and the store still checks limits and segregation. Confirmations are decided here, not by a model.
 */
import type OpenAI from 'openai'
import { Claim, type Resolution } from '../../core/resolution.ts'
import type { Services } from '../../services/services.ts'
import { callTool, type ToolSpec, toolByName } from '../../../tools/index.ts'
import type { ChatEvent, ChatResponse, Engine, SideEffect, TurnInput } from './chat-types.ts'
import { allowedAmounts, figuresIn, guardFigures } from './figure-guard.ts'
import { agentTools } from './llm/agent-tools.ts'
import { DEFAULT_BUDGET, type TokenBudget, type TurnUsage } from './llm/budget.ts'
import { proposalOf } from './llm/describe-proposal.ts'
import { pastedInstruction, quotedAsData } from './llm/guardrails.ts'
import { remember, stepsOf, storedStep } from './llm/memory.ts'
import { chatModel, DEFAULT_MODEL_SETTINGS, type ModelSettings } from './llm/model.ts'
import { runModelTurn, type TurnEnd } from './llm/run-turn.ts'
import { systemPrompt } from './llm/turn-prompt.ts'
import { claimOf } from './dispute-facts.ts'
import { confirms, declines, type PendingStep } from './proposals.ts'
import { renderReply } from './render-reply.ts'
import { beginTurn, endTurn, offer, runConfirmed, type TurnExtras, type TurnOutcome } from './turn-pipeline.ts'

export interface LlmLimits {
  /** Model calls per turn. */
  maxSteps: number
  /** The whole turn, retries and tools included. */
  turnMs: number
  /** One tool call. */
  toolMs: number
  budget: TokenBudget
}

export const DEFAULT_LIMITS: LlmLimits = { maxSteps: 8, turnMs: 90_000, toolMs: 20_000, budget: DEFAULT_BUDGET }

export interface LlmEngineDeps {
  services: Services
  client: OpenAI
  model: string
  persona: string
  limits?: Partial<Omit<LlmLimits, 'budget'>> & { budget?: Partial<TokenBudget> }
  settings?: Partial<Omit<ModelSettings, 'model'>>
}

export function createLlmEngine(deps: LlmEngineDeps): Engine {
  const { services } = deps
  const limits: LlmLimits = {
    ...DEFAULT_LIMITS,
    ...deps.limits,
    budget: { ...DEFAULT_LIMITS.budget, ...deps.limits?.budget },
  }
  const settings: ModelSettings = {
    ...DEFAULT_MODEL_SETTINGS,
    maxOutputTokens: limits.budget.maxOutputTokens,
    ...deps.settings,
    model: deps.model,
  }
  const chat = chatModel(deps.client, settings)
  const investigateTool = toolByName('investigate_dispute') as ToolSpec

  return {
    name: 'llm',
    async turn(input: TurnInput, emit?: (e: ChatEvent) => void): Promise<ChatResponse> {
      const turn = await beginTurn(services, input, emit)
      const { state, ctx } = turn
      const at = () => new Date().toISOString()
      const finish = (
        reply: string,
        effects: SideEffect[],
        extra: TurnExtras & Partial<Pick<TurnOutcome, 'questions' | 'investigated'>> = {},
      ) => endTurn(services, turn, { reply, effects, ...extra, questions: extra.questions ?? [] })

      // A correction by hand re-runs the investigation with the corrected facts; no model is needed.
      if (input.correct) {
        const facts = {
          ...state.facts,
          ...Object.fromEntries(Object.entries(input.correct).filter(([, v]) => v !== undefined)),
        }
        // Only the claim's own facts are checked: the customer, ERP or teams kept beside them are not a claim's.
        const stated = claimOf(facts, [])
        const claim = stated ? Claim.safeParse(stated) : null
        if (!claim?.success)
          return finish('Tell me the invoice and the reason first; then any fact can be corrected.', [])
        const r = await callTool(investigateTool, claim.data, ctx)
        if (!r.ok) return finish(`I could not investigate with that correction: ${r.error.message}`, [])
        const res = r.value as Resolution
        state.facts = { ...facts, ...claim.data, invoiceNumber: res.invoiceNumber }
        state.resolution = res
        const step: PendingStep = {
          tool: 'open_dispute',
          input: { ...claim.data, ...(state.disputeId ? { disputeId: state.disputeId } : {}) },
        }
        const tail = offer(state, ctx, proposalOf([step], state, res), [step])
        return finish(`${renderReply(res, 'Updated with your correction.')}\n\n${tail}`, [], { investigated: true })
      }

      // A confirmation or a cancel is decided here, not by the model: it cannot be talked into one.
      const token = input.confirm ?? input.cancel
      const pending = state.pending
      const typedYes = !token && pending && confirms(input.message)
      const typedNo = !token && pending && declines(input.message)
      if (token || typedYes || typedNo) {
        state.pending = null
        const valid = pending && pending.actorId === input.actor.id && (!token || pending.token === token)
        if (!valid)
          return finish(
            'That confirmation is no longer valid (it was used, cancelled or replaced), so nothing was changed.',
            [],
          )
        if (input.cancel || typedNo) return finish('Cancelled: nothing was recorded or changed.', [])
        const ran = await runConfirmed(pending, state, ctx)
        if (!ran.ok) return endTurn(services, turn, ran.outcome)
        const shown = state.disputeId ? ` (dispute ${state.disputeId})` : ''
        return finish(`Done: ${pending.proposal.summary}${shown}`, ran.done.effects)
      }

      // The model's turn. Instructions pasted into the message make it read-only (guardrails.ts).
      const injected = pastedInstruction(input.message)
      const readOnlyTurn = input.readOnly || injected !== null
      const memory = remember(turn.history, limits.budget.historyTokens)
      const { tools, findings } = agentTools({
        ctx,
        offerChanges: !readOnlyTurn,
        timeoutMs: limits.toolMs,
        resultChars: limits.budget.toolResultChars,
        onResolution: (resolution) => emit?.({ type: 'resolution', resolution }),
      })
      // Figures the model may write: what tools returned (this turn and remembered), the case's
      // amounts, and what the person typed themselves.
      const known = figuresIn([...memory.toolResults.map(parseOrText), input.message])
      const allowed = () => {
        const out = figuresIn(findings.results, new Set(known))
        const cases = [state.resolution, findings.resolution].filter((r): r is Resolution => r !== null)
        for (const a of allowedAmounts(cases)) out.add(a)
        return out
      }
      const result = await runModelTurn({
        chat,
        settings,
        maxSteps: limits.maxSteps,
        turnTokens: limits.budget.turnTokens,
        turnMs: limits.turnMs,
        systemPrompt: systemPrompt(deps.persona, input, state.disputeId, state.resolution, readOnlyTurn),
        history: memory.messages,
        message: injected ? quotedAsData(input.message) : input.message,
        tools,
        allowed,
        ...(emit ? { emit } : {}),
      })
      const usage = { ...result.usage, turnsTrimmed: memory.trimmed }
      emit?.({ type: 'usage', usage })
      const steps = stepsOf(result.messages).map((s) => storedStep(s, at()))
      if (result.end.kind === 'deadline' || result.end.kind === 'failed')
        return finish(endReply(result.end, limits, deps.model), [], { steps, usage })

      const fresh = findings.resolution
      if (fresh) {
        state.resolution = fresh
        if (findings.facts) state.facts = { ...state.facts, ...findings.facts }
      }
      const proposed = [...findings.proposed]
      if (!proposed.length && fresh && !readOnlyTurn) {
        // The product records every dispute it investigates, once the person confirms it.
        proposed.push({
          tool: 'open_dispute',
          input: {
            invoiceNumber: fresh.invoiceNumber,
            reasonCode: fresh.reasonCode,
            disputedAmount: fresh.disputedAmount,
            description: input.message.slice(0, 1000),
            ...(state.disputeId ? { disputeId: state.disputeId } : {}),
          },
        })
      }
      const proposalText = proposed.length
        ? offer(state, ctx, proposalOf(proposed, state, fresh ?? state.resolution), proposed)
        : ''
      const guarded = guardFigures(result.text, allowed())
      if (guarded.removed.length) console.error('[llm] removed figures no tool produced:', guarded.removed)
      const asked = findings.questions.map((q) => q.text).join('\n')
      const words = [guarded.text.trim(), asked].filter(Boolean).join('\n\n')
      const limitNote = limitReply(result.end, limits, usage)
      const body = fresh
        ? renderReply(fresh, [words, limitNote].filter(Boolean).join('\n\n'))
        : [words, limitNote].filter(Boolean).join('\n\n') ||
          'I have nothing to add yet: which invoice, and what is disputed?'
      // The rendered table repeats the investigate result the model already has in memory: it keeps
      // its own words, a one-line summary and the proposal instead.
      const summary = fresh
        ? `[Summary table shown for ${fresh.invoiceNumber}: ${fresh.classification}, supported ${fresh.supportedAmount} ${fresh.currency}, action ${fresh.action}.]`
        : ''
      return finish(proposalText ? `${body}\n\n${proposalText}` : body, [], {
        questions: findings.questions,
        steps,
        usage,
        ...(fresh ? { remembered: [words, limitNote, summary, proposalText].filter(Boolean).join('\n\n') } : {}),
      })
    },
  }
}

const parseOrText = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** What the person reads when a limit ended the turn before the model finished. */
function limitReply(end: TurnEnd, limits: LlmLimits, usage: TurnUsage): string {
  const restart = 'Tell me the invoice and what the customer disputes in one message and I will start from there.'
  if (end.kind === 'step_limit')
    return `I stopped after ${limits.maxSteps} steps without finishing, so nothing was changed. ${restart}`
  if (end.kind === 'token_budget')
    return `I stopped: this turn used ${usage.totalTokens} tokens, over its budget of ${limits.budget.turnTokens}, so nothing was changed. ${restart}`
  return ''
}

function endReply(end: TurnEnd, limits: LlmLimits, model: string): string {
  if (end.kind === 'deadline')
    return `The model did not finish within ${limits.turnMs / 1000} s, so I stopped; nothing was changed. Try again, or use a faster model.`
  if (end.kind !== 'failed') return ''
  if (end.status === 401 || end.status === 403)
    return `The model endpoint refused the key (${end.status}); check OPENAI_API_KEY. Nothing was changed.`
  if (end.status !== undefined && end.status >= 400 && end.status < 500 && /tool|function/i.test(end.message))
    return (
      `The model "${model}" does not support tool calling, which this engine needs (${end.message.slice(0, 200)}). ` +
      'Use a model with tool calling (Ollama: qwen2.5 or llama3.1; vLLM: --enable-auto-tool-choice; llama.cpp: --jinja).'
    )
  if (end.status === 429 || (end.status !== undefined && end.status >= 500))
    return `The model endpoint is overloaded (${end.status}) and still was after retries; nothing was changed. Try again in a minute.`
  return `The model endpoint failed (${end.status ?? 'no connection'}): ${end.message.slice(0, 200)}. Nothing was changed.`
}
