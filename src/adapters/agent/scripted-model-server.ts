/**
 * A local OpenAI-compatible server that plays a scripted model, for tests of the LLM engine: each
 * step of the script sees the request (messages, tools) and answers with text or tool calls. It
 * speaks the real wire format, so the openai SDK is exercised exactly as against a hosted API.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

export interface ScriptedRequest {
  model: string
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[]
  tools?: { type: string; function: { name: string } }[]
}

export type ScriptedReply =
  | { text: string }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[]; text?: string }

export type ScriptStep = (request: ScriptedRequest) => ScriptedReply

export interface ScriptedModelServer {
  baseURL: string
  requests: ScriptedRequest[]
  /** Replaces the script; steps are consumed one per completion request. */
  script(steps: ScriptStep[]): void
  close(): Promise<void>
}

export async function startScriptedModelServer(): Promise<ScriptedModelServer> {
  let steps: ScriptStep[] = []
  const requests: ScriptedRequest[] = []
  let callSeq = 0
  const app = new Hono()
  app.post('/v1/chat/completions', async (c) => {
    const request = (await c.req.json()) as ScriptedRequest
    requests.push(request)
    const step = steps.shift()
    const reply: ScriptedReply = step ? step(request) : { text: 'I have nothing more to add.' }
    const toolCalls =
      'toolCalls' in reply
        ? reply.toolCalls.map((t) => ({
            id: `call_${++callSeq}`,
            type: 'function',
            function: { name: t.name, arguments: JSON.stringify(t.arguments) },
          }))
        : undefined
    return c.json({
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: 0,
      model: request.model,
      choices: [
        {
          index: 0,
          finish_reason: toolCalls ? 'tool_calls' : 'stop',
          message: { role: 'assistant', content: reply.text ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        },
      ],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    })
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      steps = [...next]
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
