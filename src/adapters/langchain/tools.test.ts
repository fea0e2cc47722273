/**
 * LangChain tools run through callTool: results as [JSON text, value], refusals and bad input as
 * text naming the code and field, never a thrown stack trace (not even inside a LangChain agent).
 */
import { HumanMessage, ToolMessage } from '@langchain/core/messages'
import { createAgent, FakeToolCallingModel } from 'langchain'
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

/** No stack frame and no server path reaches a model provider. */
const expectNoInternals = (text: string) => {
  expect(text).not.toContain('    at ')
  expect(text).not.toMatch(/\/src\/|node_modules/)
}

const call = async (name: string, args: unknown, actor = specialist, readOnly = false) => {
  const t = toolsFor(actor, readOnly, false).find((x) => x.name === name)
  if (!t) throw new Error(`no tool ${name}`)
  const message = await t.invoke({ type: 'tool_call', id: 'call-1', name, args } as never)
  return message as { content: string; artifact: unknown; status: string }
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

  it.each([
    ['too short', 'add_dispute_note', { disputeId: 'D', note: 'x' }, 'note'],
    ['of the wrong type', 'get_invoice', { invoiceNumber: 1001 }, 'invoiceNumber'],
    ['missing', 'get_invoice', { invoice: 'T-0005' }, 'invoiceNumber'],
  ])('answers an argument %s in one line naming the field, without running the tool', async (_l, name, args, field) => {
    const m = await call(name, args)
    expect(m.content).toMatch(new RegExp(`^${name} failed: invalid_input \\(field: ${field}\\): `))
    expect(m.artifact).toMatchObject({ error: { code: 'invalid_input', field } })
    expect(m.status).toBe('error')
    expectNoInternals(m.content)
  })

  it('feeds a bad argument back to a LangChain agent as that line, not a stack trace', async () => {
    // ToolNode turns a thrown schema refusal into text carrying the error's whole stack.
    const agent = createAgent({
      model: new FakeToolCallingModel({
        toolCalls: [[{ name: 'get_invoice', args: { invoiceNumber: 7 }, id: 'c1' }], []],
      }),
      tools: toolsFor(specialist),
    })
    const { messages } = await agent.invoke({ messages: [new HumanMessage('what is on T-0005?')] })
    const fedBack = messages.filter(ToolMessage.isInstance).map((x) => String(x.content))
    expect(fedBack).toEqual([expect.stringMatching(/^get_invoice failed: invalid_input \(field: invoiceNumber\)/)])
    expect(fedBack[0]?.length).toBeLessThan(200)
    expectNoInternals(fedBack[0] ?? '')
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
