/**
 * The turn both engines run around their own reading of the message: load the conversation, build
 * the turn's tool context, run a confirmed proposal, offer a new one, then say the reply, save the
 * transcript and answer in the one ChatResponse shape. What lies in between (the NLU rules, or a
 * model) is each engine's own; this part is shared so the engines cannot drift on it.
 */
import type { ConversationMessage } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import type { ToolContext } from '../../../tools/index.ts'
import type {
  ChatAction,
  ChatEvent,
  ChatResponse,
  Proposal,
  Question,
  SideEffect,
  TurnInput,
  TurnUsage,
} from './chat-types.ts'
import { type ConversationState, loadState, understoodOf } from './conversation-state.ts'
import {
  type Executed,
  execute,
  type Pending,
  type PendingStep,
  propose,
  proposalActions,
  proposalLine,
  refusal,
} from './proposals.ts'

type Emit = ((event: ChatEvent) => void) | undefined

export interface Turn {
  input: TurnInput
  state: ConversationState
  /** The transcript before this turn (the LLM engine's memory). */
  history: ConversationMessage[]
  ctx: ToolContext
  emit: Emit
}

/** What a turn comes to, before it is said and saved. */
export interface TurnOutcome {
  reply: string
  questions: Question[]
  effects: SideEffect[]
  /** The turn ran an investigation: its resolution is streamed before the reply. */
  investigated?: boolean
}

export interface TurnExtras {
  /** Offered after the pending proposal's buttons (the embedded engine's suggestions). */
  actions?: ChatAction[]
  /** The model's tool calls and results, kept in the transcript between the two messages. */
  steps?: ConversationMessage[]
  /** What the transcript keeps of the reply, when shorter than the reply (no table). */
  remembered?: string
  usage?: TurnUsage
  /** The reply's text was streamed already, as the model wrote it. */
  streamed?: boolean
}

export async function beginTurn(services: Services, input: TurnInput, emit: Emit): Promise<Turn> {
  const saved = await services.store.conversations.load(input.sessionId)
  return {
    input,
    state: loadState(saved?.state),
    history: saved?.messages ?? [],
    ctx: {
      services,
      actor: input.actor,
      today: input.today,
      readOnly: input.readOnly,
      progress: (text) => emit?.({ type: 'progress', text }),
    },
    emit,
  }
}

export async function endTurn(
  services: Services,
  turn: Turn,
  outcome: TurnOutcome & TurnExtras,
): Promise<ChatResponse> {
  const { input, state, emit } = turn
  for (const q of outcome.questions) if (!state.asked.includes(q.topic)) state.asked.push(q.topic)
  if (state.resolution && outcome.investigated) emit?.({ type: 'resolution', resolution: state.resolution })
  if (outcome.questions.length) emit?.({ type: 'questions', questions: outcome.questions })
  if (!outcome.streamed) emit?.({ type: 'text', delta: outcome.reply })
  const at = () => new Date().toISOString()
  const said = input.message || (input.confirm ? '[confirm]' : input.cancel ? '[cancel]' : '[correction]')
  await services.store.conversations.save(
    input.sessionId,
    state,
    [
      { role: 'user', content: said, at: at() },
      ...(outcome.steps ?? []),
      { role: 'assistant', content: outcome.remembered ?? outcome.reply, at: at() },
    ],
    input.actor,
  )
  return {
    sessionId: input.sessionId,
    reply: outcome.reply,
    questions: outcome.questions,
    resolution: state.resolution,
    disputeId: state.disputeId,
    actions: [...proposalActions(state.pending), ...(outcome.actions ?? [])],
    effects: outcome.effects,
    proposal: state.pending?.proposal ?? null,
    understood: state.resolution ? understoodOf(state) : null,
    ...(outcome.usage ? { usage: outcome.usage } : {}),
  }
}

/** Keeps the proposal as the conversation's pending change and returns the line that offers it, or
 *  why this caller cannot make it (then nothing is pending: an older button cannot run instead). */
export function offer(state: ConversationState, ctx: ToolContext, proposal: Proposal, steps: PendingStep[]): string {
  const refused = refusal(steps, ctx)
  if (refused) {
    state.pending = null
    return refused
  }
  state.pending = propose(proposal, steps, ctx.actor.id)
  return proposalLine(proposal)
}

/** Runs a proposal its person confirmed and keeps what it recorded; on a refusal or a failed step,
 *  the reply that says what did and did not happen. */
export async function runConfirmed(
  pending: Pending,
  state: ConversationState,
  ctx: ToolContext,
): Promise<{ ok: true; done: Executed } | { ok: false; outcome: TurnOutcome }> {
  const refused = refusal(pending.steps, ctx)
  if (refused) return { ok: false, outcome: { reply: `${refused} Nothing was changed.`, questions: [], effects: [] } }
  const done = await execute(pending, ctx, state.disputeId)
  if (done.disputeId) state.disputeId = done.disputeId
  if (done.resolution) state.resolution = done.resolution
  if (done.ok) return { ok: true, done }
  const made = done.effects.length
    ? ` What did happen: ${done.effects.join(', ').replace(/_/g, ' ')}.`
    : ' Nothing was changed.'
  return {
    ok: false,
    outcome: {
      reply: `I could not do it: ${done.error?.message ?? 'it was refused'}.${made}`,
      questions: [],
      effects: done.effects,
    },
  }
}
