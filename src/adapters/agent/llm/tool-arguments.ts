/**
 * Arguments a model sends that are not JSON. Streamed, LangChain parses the pieces leniently and
 * hands the tool what it could read (often `{}`), so the model would hear that a field is missing
 * and might resend the same broken text. This middleware reads the text as the model sent it and
 * answers that the arguments were not JSON, before the tool runs. (A non-streamed run drops such a
 * call before any tool or middleware sees it; our engine always streams.)
 */
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages'
import { createMiddleware } from 'langchain'
import { errorTextForModel } from '../../../../tools/errors.ts'

/** Enough of the broken text for the model to see where it went wrong. */
const SHOWN_CHARS = 80

export const unparsableArgumentsMiddleware = createMiddleware({
  name: 'DisputeDeskUnparsableArguments',
  wrapToolCall: (request, handler) => {
    const { name, id } = request.toolCall
    const raw = rawArguments((request.state as { messages?: BaseMessage[] }).messages ?? [], id)
    if (raw === undefined || parses(raw)) return handler(request)
    const shown = raw.length > SHOWN_CHARS ? `${raw.slice(0, SHOWN_CHARS)}…` : raw
    return new ToolMessage({
      content: errorTextForModel(name, {
        code: 'invalid_json',
        message: `${name}: the arguments were not one valid JSON object: ${shown}`,
      }),
      tool_call_id: id ?? '',
      name,
      status: 'error',
    })
  },
})

/**
 * The arguments of call `id` as the model sent them: the OpenAI-shaped `tool_calls` that
 * @langchain/openai keeps on the latest assistant message. Undefined when that is not there.
 */
export function rawArguments(messages: readonly BaseMessage[], id: string | undefined): string | undefined {
  const last = [...messages].reverse().find((m) => AIMessage.isInstance(m))
  const calls = last?.additional_kwargs.tool_calls
  if (!id || !Array.isArray(calls)) return undefined
  return calls.find((c) => c.id === id)?.function?.arguments
}

/** Empty text is a call without arguments, which some servers send for `{}`. */
function parses(raw: string): boolean {
  if (raw.trim() === '') return true
  try {
    const value: unknown = JSON.parse(raw)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
  } catch {
    return false
  }
}
