/**
 * A local OpenAI-compatible server that plays a scripted model, for tests of the LLM engine: each
 * step of the script sees the request (messages, tools) and answers with text, tool calls, an HTTP
 * error (429, 500) or silence (a hung request). It speaks the real wire format, streamed (SSE chunks)
 * when the client asks for it, so the client library is exercised exactly as against a hosted API.
 * Usage is reported as characters / 4, the same estimate the engine budgets with.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { estimateTokens } from './llm/budget.ts'

export interface ScriptedRequest {
  model: string
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[]
  tools?: { type: string; function: { name: string; parameters?: unknown } }[]
  stream?: boolean
  temperature?: number
  max_tokens?: number
  max_completion_tokens?: number
}

export type ScriptedReply =
  | { text: string }
  | { toolCalls: { name: string; arguments: Record<string, unknown> | string }[]; text?: string }
  /** An HTTP error, as a provider sends one (429 rate limit, 500/503 overload). */
  | { status: number; message?: string }
  /** Never answers: the request hangs until the client gives up. */
  | { hang: true }

export type ScriptStep = (request: ScriptedRequest) => ScriptedReply

export interface ScriptedModelServer {
  baseURL: string
  requests: ScriptedRequest[]
  /** Replaces the script; steps are consumed one per completion request. */
  script(steps: ScriptStep[]): void
  /** Steps not consumed yet. */
  remaining(): number
  close(): Promise<void>
}

export interface ScriptedModelOptions {
  /** Answers a request when no scripted step is left (default: a sentence with nothing to add). */
  fallback?: ScriptStep
  port?: number
}

export async function startScriptedModelServer(options: ScriptedModelOptions = {}): Promise<ScriptedModelServer> {
  let steps: ScriptStep[] = []
  const requests: ScriptedRequest[] = []
  const hung = new Set<() => void>()
  let callSeq = 0
  const app = new Hono()
  app.post('/v1/chat/completions', async (c) => {
    const request = (await c.req.json()) as ScriptedRequest
    requests.push(request)
    const step = steps.shift()
    const reply: ScriptedReply = step
      ? step(request)
      : (options.fallback?.(request) ?? { text: 'I have nothing more to add.' })
    if ('hang' in reply) {
      // Held until the client aborts (or the server closes); the client's deadline is under test.
      await new Promise<void>((resolve) => {
        hung.add(resolve)
        c.req.raw.signal.addEventListener('abort', () => resolve())
      })
      return c.json({ error: { message: 'closed' } }, 504)
    }
    if ('status' in reply)
      return c.json(
        { error: { message: reply.message ?? `scripted ${reply.status}`, type: 'scripted_error' } },
        reply.status as 429,
        reply.status === 429 ? { 'retry-after-ms': '10' } : {},
      )
    const toolCalls =
      'toolCalls' in reply
        ? reply.toolCalls.map((t) => ({
            id: `call_${++callSeq}`,
            type: 'function' as const,
            function: {
              name: t.name,
              arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments),
            },
          }))
        : undefined
    const text = reply.text ?? null
    const promptTokens = estimateTokens(JSON.stringify(request.messages) + JSON.stringify(request.tools ?? []))
    const completionTokens = estimateTokens((text ?? '') + JSON.stringify(toolCalls ?? ''))
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    }
    const id = `chatcmpl-${requests.length}`
    const finish = toolCalls ? 'tool_calls' : 'stop'
    if (!request.stream) {
      return c.json({
        id,
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [
          {
            index: 0,
            finish_reason: finish,
            message: { role: 'assistant', content: text, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
          },
        ],
        usage,
      })
    }
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra = {}) => ({
      data: JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created: 0,
        model: request.model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
        ...extra,
      }),
    })
    return streamSSE(c, async (stream) => {
      await stream.writeSSE(chunk({ role: 'assistant', content: '' }))
      // Word by word, as a model streams; a pause lets the reader see them arrive apart.
      for (const piece of (text ?? '').match(/\S+\s*|\s+/g) ?? []) {
        await stream.writeSSE(chunk({ content: piece }))
        await stream.sleep(1)
      }
      for (const [index, call] of (toolCalls ?? []).entries()) {
        await stream.writeSSE(
          chunk({
            tool_calls: [
              { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
            ],
          }),
        )
        await stream.writeSSE(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }))
      }
      await stream.writeSSE(chunk({}, finish))
      await stream.writeSSE({
        data: JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created: 0,
          model: request.model,
          choices: [],
          usage,
        }),
      })
      await stream.writeSSE({ data: '[DONE]' })
    })
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s))
    s.once('error', reject)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      steps = [...next]
    },
    remaining: () => steps.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of hung) release()
        server.close(() => resolve())
      }),
  }
}
