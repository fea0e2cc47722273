/**
 * HTTP, MCP and LangChain read one error table: the same refusal gets the table's status over HTTP
 * and the same text, with the table's hint, for a model over MCP and LangChain.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { defineTool, fail } from '../../tools/define-tool.ts'
import { type ErrorCode, errorRow } from '../../tools/errors.ts'
import type { Services } from '../services/services.ts'
import { errorResponse } from './http/errors.ts'
import { langchainTools } from './langchain/tools.ts'
import { errorResult } from './mcp/mcp-tools.ts'
import { z } from 'zod'

const SAMPLE: { code: ErrorCode; message: string; field?: string }[] = [
  { code: 'invoice_not_found', message: 'No invoice INV-9.', field: 'invoiceNumber' },
  { code: 'approval_limit_exceeded', message: 'Above your limit.' },
  { code: 'credit_exceeds_supported', message: 'Only 10.00 remains.', field: 'amount' },
  { code: 'conflict', message: 'Request R1 is already approved.' },
  { code: 'internal_error', message: 'It was logged.' },
]

const refusing = (error: (typeof SAMPLE)[number]) =>
  defineTool({
    name: 'refuse',
    title: 'Refuse',
    description: 'always refuses',
    input: z.object({}),
    output: z.object({}),
    annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
    run: async () => fail(error.code, error.message, error.field),
  })

describe.each(SAMPLE)('the refusal $code', (error) => {
  it('gets the table’s status and the error as the body over HTTP', async () => {
    const app = new Hono().get('/', (c) => errorResponse(c, error))
    const res = await app.request('/')
    expect(res.status).toBe(errorRow(error.code).http)
    expect(await res.json()).toEqual({ error })
  })

  it('reads the same to a model over MCP and LangChain, with the table’s hint', async () => {
    const mcp = errorResult({ name: 'refuse' }, error)
    const [lc] = langchainTools(
      () => ({
        services: {} as Services,
        actor: { id: 'p', name: 'P', role: 'lead' },
        today: '2026-01-01',
        readOnly: false,
      }),
      { tools: [refusing(error)] },
    )
    const message = (await lc?.invoke({ type: 'tool_call', id: 'c1', name: 'refuse', args: {} } as never)) as {
      content: string
    }
    expect(mcp.isError).toBe(true)
    expect(mcp.content).toEqual([{ type: 'text', text: message.content }])
    expect(message.content).toContain(`refuse failed: ${error.code}`)
    expect(message.content).toContain(errorRow(error.code).hint)
  })
})
