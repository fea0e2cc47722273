/**
 * The chat model and the middleware a turn runs with. Any OpenAI-compatible endpoint (OpenAI,
 * Ollama, vLLM, llama.cpp) through @langchain/openai's Chat Completions client. Retries are the
 * runtime's model-retry middleware (exponential backoff with jitter on 429, 5xx and dropped
 * connections, never on a deadline), so there is one retry policy, not the SDK's plus ours.
 */
import { AIMessage, type BaseMessage } from '@langchain/core/messages'
import { ChatOpenAI } from '@langchain/openai'
import { createMiddleware, modelCallLimitMiddleware, modelRetryMiddleware } from 'langchain'
import type OpenAI from 'openai'
import { estimateTokens, type TurnUsage } from './budget.ts'
import { textOf } from './memory.ts'

export interface ModelSettings {
  model: string
  temperature: number
  maxOutputTokens: number
  /** Retries of one model call on 429/5xx, with backoff from `retryDelayMs`. */
  retries: number
  retryDelayMs: number
}

export const DEFAULT_MODEL_SETTINGS: Omit<ModelSettings, 'model'> = {
  temperature: 0.2,
  maxOutputTokens: 1_024,
  retries: 3,
  retryDelayMs: 500,
}

/** The chat model for an OpenAI client's endpoint and key. */
export function chatModel(client: OpenAI, settings: ModelSettings): ChatOpenAI {
  return new ChatOpenAI({
    model: settings.model,
    apiKey: client.apiKey,
    configuration: { baseURL: client.baseURL },
    temperature: settings.temperature,
    maxTokens: settings.maxOutputTokens,
    // The retry middleware retries; the client itself does not (its 2 × 600 s would outlive any turn).
    maxRetries: 0,
    streamUsage: true,
  })
}

/** The provider's error under the runtime's wrappers (middleware errors keep it as their cause). */
export function rootError(error: unknown): unknown {
  let e = error
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause !== undefined; depth++) e = e.cause
  return e
}

/** HTTP status of a provider error, when it has one. */
export const statusOf = (error: unknown): number | undefined => {
  const s = (rootError(error) as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}

const aborted = (error: unknown): boolean => {
  const e = rootError(error)
  return e instanceof Error && (/abort/i.test(e.name) || /aborted/i.test(e.message))
}

/** 429, 5xx and dropped connections are worth another try; a deadline or a bad request is not. */
export function retryable(error: unknown): boolean {
  if (aborted(error)) return false
  const status = statusOf(error)
  if (status !== undefined) return status === 429 || status >= 500
  return /ECONNRESET|ECONNREFUSED|socket hang up|fetch failed|Connection error/i.test(String(rootError(error)))
}

export interface TurnMeter {
  usage: TurnUsage
  /** Set when a model call was not made because the turn had used its token budget. */
  overBudget: boolean
  /** Called when a retry is about to happen, for progress events. */
  onRetry?: (error: unknown, attempt: number) => void
}

/** The middleware of a turn: retries, the step limit, and the meter counting calls and tokens (and
 *  refusing a call once the turn's token budget is spent: an answer without tool calls ends the run). */
export function turnMiddleware(
  settings: ModelSettings,
  limits: { maxSteps: number; turnTokens: number },
  meter: TurnMeter,
) {
  let attempt = 0
  const meterMiddleware = createMiddleware({
    name: 'DisputeDeskMeter',
    wrapModelCall: async (request, handler) => {
      if (meter.usage.totalTokens >= limits.turnTokens) {
        meter.overBudget = true
        return new AIMessage('')
      }
      const response = await handler(request)
      meter.usage.modelCalls++
      const u = response.usage_metadata
      if (u) {
        meter.usage.inputTokens += u.input_tokens
        meter.usage.outputTokens += u.output_tokens
      } else {
        meter.usage.reported = false
        meter.usage.inputTokens += estimateTokens(
          request.messages.map((m: BaseMessage) => textOf(m)).join('') + String(request.systemPrompt ?? ''),
        )
        meter.usage.outputTokens += estimateTokens(textOf(response) + JSON.stringify(response.tool_calls ?? []))
      }
      meter.usage.totalTokens = meter.usage.inputTokens + meter.usage.outputTokens
      return response
    },
  })
  return [
    modelCallLimitMiddleware({ runLimit: limits.maxSteps, exitBehavior: 'end' }),
    modelRetryMiddleware({
      maxRetries: settings.retries,
      initialDelayMs: settings.retryDelayMs,
      backoffFactor: 2,
      maxDelayMs: 8_000,
      jitter: true,
      onFailure: 'error',
      retryOn: (error: Error) => {
        const again = retryable(error)
        if (again) meter.onRetry?.(error, ++attempt)
        return again
      },
    }),
    meterMiddleware,
  ] as const
}
