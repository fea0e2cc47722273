/**
 * Conversation memory in our database, tool calls and results included. A turn is stored as the
 * person's message, one `tool` row per model step that called tools (the calls and what each
 * returned, as the model read it), and the reply the person saw. Next turn the model reads them
 * back as the messages it exchanged, so it remembers what it asked, looked up and was told.
 */
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages'
import { z } from 'zod'
import type { ConversationMessage } from '../../../services/ports.ts'
import { estimateTokens, fitTurns } from './budget.ts'

const ToolStep = z.object({
  text: z.string().optional(),
  calls: z.array(z.object({ id: z.string(), name: z.string(), args: z.record(z.string(), z.unknown()) })),
  results: z.array(z.object({ id: z.string(), content: z.string() })),
})
export type ToolStep = z.infer<typeof ToolStep>

/** The messages of this turn worth remembering, in order, from the agent's final message list. */
export function stepsOf(messages: readonly BaseMessage[]): ToolStep[] {
  const steps: ToolStep[] = []
  for (const m of messages) {
    if (AIMessage.isInstance(m) && m.tool_calls?.length) {
      steps.push({
        ...(typeof m.content === 'string' && m.content ? { text: m.content } : {}),
        calls: m.tool_calls.map((c) => ({ id: c.id ?? '', name: c.name, args: c.args })),
        results: [],
      })
    } else if (ToolMessage.isInstance(m)) {
      steps.at(-1)?.results.push({ id: m.tool_call_id, content: textOf(m) })
    }
  }
  return steps
}

export const textOf = (m: BaseMessage): string =>
  typeof m.content === 'string'
    ? m.content
    : m.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('')

export function storedStep(step: ToolStep, at: string): ConversationMessage {
  return { role: 'tool', content: JSON.stringify(step), at }
}

export interface Remembered {
  messages: BaseMessage[]
  /** Earlier turns left out to fit the budget. */
  trimmed: number
  /** Tool results the model still sees (figures in them may be quoted). */
  toolResults: string[]
}

/** The stored conversation as model messages: the newest whole turns within `historyTokens`. */
export function remember(stored: readonly ConversationMessage[], historyTokens: number): Remembered {
  const turns: ConversationMessage[][] = []
  for (const m of stored) {
    if (m.role === 'user' || !turns.length) turns.push([m])
    else turns.at(-1)?.push(m)
  }
  const { kept, trimmed } = fitTurns(turns, (m) => estimateTokens(m.content), historyTokens)
  const messages: BaseMessage[] = []
  const toolResults: string[] = []
  for (const m of kept.flat()) {
    if (m.role === 'user') messages.push(new HumanMessage(m.content))
    else if (m.role === 'assistant') messages.push(new AIMessage(m.content))
    else {
      const step = ToolStep.safeParse(safeJson(m.content))
      if (!step.success) continue
      const answered = new Set(step.data.results.map((r) => r.id))
      const calls = step.data.calls.filter((c) => answered.has(c.id))
      if (!calls.length) continue
      messages.push(new AIMessage({ content: step.data.text ?? '', tool_calls: calls }))
      for (const r of step.data.results) {
        messages.push(new ToolMessage({ tool_call_id: r.id, content: r.content }))
        toolResults.push(r.content)
      }
    }
  }
  return { messages, trimmed, toolResults }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
