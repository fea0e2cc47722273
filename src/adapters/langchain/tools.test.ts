/**
 * LangChain tools run through callTool: results as [JSON text, value], refusals and bad input as
 * text naming the code and field, never a thrown stack trace.
 */
import { describe, expect, it } from 'vitest'
import type { Actor } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import type { ToolSpec } from '../../../tools/define-tool.ts'
import { testTools } from '../mcp/test-tools.ts'
import { langchainTools } from './tools.ts'

// The test tools never reach the services.
const services = {} as Services
const specialist: Actor = { id: 'k1', name: 'Sam', role: 'specialist' }
const toolsFor = (actor: Actor, readOnly = false, onlyAllowed = true) =>
  langchainTools(() => ({ services, actor, today: '2024-05-01', readOnly }), { tools: testTools, onlyAllowed })

const call = async (name: string, args: unknown, actor = specialist, readOnly = false) => {
  const t = toolsFor(actor, readOnly, false).find((x) => x.name === name)
  if (!t) throw new Error(`no tool ${name}`)
  const message = await t.invoke({ type: 'tool_call', id: 'call-1', name, args } as never)
  return message as { content: string; artifact: unknown }
}

describe('LangChain tools', () => {
  it('returns the result as JSON text and as the artifact', async () => {
    const m = await call('get_invoice', { invoiceNumber: 'T-0005' })
    expect(JSON.parse(m.content)).toEqual({ number: 'T-0005', total: '10.00' })
    expect(m.artifact).toEqual({ number: 'T-0005', total: '10.00' })
  })

  it.each([
    ['a lead-only tool', 'decide_credit_memo', { requestId: 'R1' }, false, /forbidden/],
    ['a write with a read-only key', 'add_dispute_note', { disputeId: 'D', note: 'hello' }, true, /read_only/],
  ])('answers %s with text the model can act on', async (_label, name, args, readOnly, pattern) => {
    const m = await call(name, args, specialist, readOnly)
    expect(m.content).toMatch(pattern)
  })

  it('rejects input outside the JSON schema before running, naming the field', async () => {
    // LangChain validates against the advertised JSON schema itself; agents (ToolNode) hand this
    // message back to the model as the tool result.
    await expect(call('add_dispute_note', { disputeId: 'D', note: 'x' })).rejects.toThrow(/note/)
  })

  it('answers a call still running at its timeout with an error the model can act on', async () => {
    const hangs = { ...testTools[0], name: 'get_invoice', run: () => new Promise<never>(() => {}) } as ToolSpec
    const [slow] = langchainTools(() => ({ services, actor: specialist, today: '2024-05-01', readOnly: false }), {
      tools: [hangs],
      timeoutMs: 30,
    })
    const m = (await slow?.invoke({
      type: 'tool_call',
      id: 'c',
      name: 'get_invoice',
      args: { invoiceNumber: 'T-1' },
    } as never)) as {
      content: string
    }
    expect(m.content).toMatch(/get_invoice failed: internal_error: get_invoice did not answer within 0.03 s/)
  })

  it('offers only the tools the caller may call by default', () => {
    expect(toolsFor(specialist, true).map((t) => t.name)).toEqual(['find_invoices', 'get_invoice'])
  })
})
