/**
 * One model turn on LangChain's createAgent: the model and tools loop until the model answers in
 * words, a clarifying question ends the turn, the step limit is hit or the turn's deadline passes.
 * Tokens stream out as they arrive (guarded sentence by sentence), tool progress in between.
 */
import { AIMessage, AIMessageChunk, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { DynamicStructuredTool } from '@langchain/core/tools'
import type { ChatOpenAI } from '@langchain/openai'
import { createAgent } from 'langchain'
import type { ChatEvent } from '../chat-types.ts'
import { emptyUsage, type TurnUsage } from './budget.ts'
import { guardedStream } from './guarded-stream.ts'
import { textOf } from './memory.ts'
import { type ModelSettings, rootError, statusOf, type TurnMeter, turnMiddleware } from './model.ts'
import { unparsableArgumentsMiddleware } from './tool-arguments.ts'

export interface ModelTurn {
  chat: ChatOpenAI
  settings: ModelSettings
  maxSteps: number
  /** Tokens the turn may use over all its model calls. */
  turnTokens: number
  /** The whole turn's deadline: model calls, retries and tools together. */
  turnMs: number
  systemPrompt: string
  history: BaseMessage[]
  message: string
  tools: DynamicStructuredTool[]
  /** Figures the text may carry, as known at the moment (grows as tools answer). */
  allowed: () => Set<string>
  emit?: (event: ChatEvent) => void
}

export type TurnEnd =
  | { kind: 'answered' }
  | { kind: 'step_limit' }
  | { kind: 'token_budget' }
  | { kind: 'deadline' }
  /** The endpoint failed for good: no tool calling, a refused key, retries spent. */
  | { kind: 'failed'; status: number | undefined; message: string }

export interface ModelTurnResult {
  end: TurnEnd
  /** The model's final words (unguarded; the engine guards and renders them). */
  text: string
  /** This turn's messages after the person's (tool calls, results, the answer). */
  messages: BaseMessage[]
  usage: TurnUsage
}

export async function runModelTurn(turn: ModelTurn): Promise<ModelTurnResult> {
  const meter: TurnMeter = {
    usage: emptyUsage(),
    overBudget: false,
    onRetry: (error, attempt) =>
      turn.emit?.({
        type: 'progress',
        text: `The model endpoint answered ${statusOf(error) ?? 'with an error'}; trying again (${attempt})…`,
      }),
  }
  const agent = createAgent({
    model: turn.chat,
    tools: turn.tools,
    // A plain string, not content parts: some local servers (older llama.cpp, Ollama) take only strings.
    systemPrompt: new SystemMessage(turn.systemPrompt),
    middleware: [
      ...turnMiddleware(turn.settings, { maxSteps: turn.maxSteps, turnTokens: turn.turnTokens }, meter),
      unparsableArgumentsMiddleware,
    ],
  })
  const input = [...turn.history, new HumanMessage(turn.message)]
  const signal = AbortSignal.timeout(turn.turnMs)
  const text = guardedStream(turn.allowed, (delta) => turn.emit?.({ type: 'text', delta }))
  let messages: BaseMessage[] = input
  try {
    const stream = await agent.stream(
      { messages: input },
      { streamMode: ['messages', 'values'], signal, recursionLimit: turn.maxSteps * 3 + 5 },
    )
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === 'values') {
        messages = (chunk as { messages: BaseMessage[] }).messages
      } else {
        const [m] = chunk as [BaseMessage]
        if (AIMessageChunk.isInstance(m)) {
          const delta = textOf(m)
          if (delta) text.push(delta)
          if (m.response_metadata?.finish_reason) text.flush()
        }
      }
    }
    text.flush()
  } catch (error) {
    text.flush()
    const mine = messages.slice(input.length)
    if (signal.aborted) return { end: { kind: 'deadline' }, text: '', messages: mine, usage: meter.usage }
    const status = statusOf(error)
    const root = rootError(error)
    if (status !== undefined || /Connection error|fetch failed/i.test(String(root)))
      return {
        end: { kind: 'failed', status, message: root instanceof Error ? root.message : String(root) },
        text: '',
        messages: mine,
        usage: meter.usage,
      }
    throw error
  }
  const mine = messages.slice(input.length)
  const last = mine.at(-1)
  // The step limit ends the run with a message of its own (no provider metadata), not one the model wrote.
  const limited =
    meter.usage.modelCalls >= turn.maxSteps &&
    last !== undefined &&
    AIMessage.isInstance(last) &&
    Object.keys(last.response_metadata ?? {}).length === 0
  const answer = last && AIMessage.isInstance(last) && !last.tool_calls?.length ? textOf(last) : ''
  const end: TurnEnd = meter.overBudget
    ? { kind: 'token_budget' }
    : limited
      ? { kind: 'step_limit' }
      : { kind: 'answered' }
  return { end, text: end.kind === 'answered' ? answer : '', messages: mine, usage: meter.usage }
}
