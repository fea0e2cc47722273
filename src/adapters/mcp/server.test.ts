/**
 * The MCP adapter over a small test registry, driven by the SDK's own Client: what is advertised,
 * how results and refusals come back, paging of resources, prompts.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { describe, expect, it } from 'vitest'
import type { Services } from '../../services/services.ts'
import { testTools } from './test-tools.ts'
import { jsonSchemaOf } from '../../../tools/call-tool.ts'
import { ANONYMOUS_CALLER, type McpCaller } from './caller.ts'
import { CONFIRMATION_META, needsConfirmation } from './mcp-tools.ts'
import { createMcpServer } from './server.ts'

// The test tools never reach the services; the server only passes them through in the context.
const services = {} as Services
const specialist: McpCaller = { actor: { id: 'k1', name: 'Sam', role: 'specialist' }, readOnly: false }
const lead: McpCaller = { actor: { id: 'k2', name: 'Lee', role: 'lead' }, readOnly: false }

async function connect(caller: McpCaller): Promise<Client> {
  const server = createMcpServer(
    { services, today: () => '2024-05-01', persona: 'You are a test persona.', tools: testTools },
    caller,
  )
  const [a, b] = InMemoryTransport.createLinkedPair()
  await server.connect(a)
  const client = new Client({ name: 'test', version: '1' })
  await client.connect(b)
  return client
}

describe('MCP tools from the registry', () => {
  it('advertises each tool with the registry JSON schemas and truthful annotations', async () => {
    const client = await connect(lead)
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual(testTools.map((t) => t.name))
    for (const spec of testTools) {
      const t = tools.find((x) => x.name === spec.name)
      // A tool that needs a person's confirmation advertises one more argument for it, and nothing else.
      const { confirm, ...properties } = (t?.inputSchema.properties ?? {}) as Record<string, unknown>
      expect(confirm !== undefined).toBe(needsConfirmation(spec))
      expect({ ...t?.inputSchema, properties }).toEqual(jsonSchemaOf(spec.input))
      expect(t?.outputSchema).toEqual(jsonSchemaOf(spec.output))
      expect(t?.annotations?.readOnlyHint).toBe(spec.annotations.readOnly)
      expect(t?.annotations?.openWorldHint).toBe(false)
    }
    expect(tools.find((t) => t.name === 'decide_credit_memo')?.annotations?.destructiveHint).toBe(true)
  })

  it.each([
    ['a specialist', specialist, ['find_invoices', 'get_invoice', 'add_dispute_note']],
    ['a caller without a key', ANONYMOUS_CALLER, ['find_invoices', 'get_invoice']],
  ])('advertises only what %s may call', async (_label, caller, names) => {
    const client = await connect(caller)
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(names)
  })

  it('returns structuredContent and JSON text for a result', async () => {
    const client = await connect(specialist)
    const r = await client.callTool({ name: 'get_invoice', arguments: { invoiceNumber: 'T-0007' } })
    expect(r.isError).toBeFalsy()
    expect(r.structuredContent).toEqual({ number: 'T-0007', total: '10.00' })
    expect(JSON.parse((r.content as { text: string }[]).at(-1)?.text ?? '')).toEqual(r.structuredContent)
  })

  it.each([
    [
      'a lead-only tool for a specialist',
      specialist,
      'decide_credit_memo',
      { requestId: 'R1' },
      /forbidden.*needs the lead/,
    ],
    [
      'a write for a read-only caller',
      ANONYMOUS_CALLER,
      'add_dispute_note',
      { disputeId: 'D1', note: 'hello' },
      /read_only/,
    ],
    ['bad input', specialist, 'add_dispute_note', { disputeId: 'D1', note: 'x' }, /invalid_input \(field: note\)/],
    [
      'a missing invoice',
      specialist,
      'get_invoice',
      { invoiceNumber: 'NOPE' },
      /invoice_not_found \(field: invoiceNumber\)/,
    ],
  ])('refuses %s as a tool error the model can read', async (_label, caller, name, args, pattern) => {
    const client = await connect(caller)
    const r = await client.callTool({ name, arguments: args })
    expect(r.isError).toBe(true)
    expect(r.structuredContent).toBeUndefined()
    expect((r.content as { text: string }[])[0]?.text).toMatch(pattern)
  })

  it('runs a money tool only with the confirm argument, saying first what it would do', async () => {
    const client = await connect(lead)
    // Listed first, as hosts do: the SDK client then checks each result against the tool's output schema.
    await client.listTools()
    const unconfirmed = await client.callTool({ name: 'decide_credit_memo', arguments: { requestId: 'R1' } })
    expect(unconfirmed.structuredContent).toBeUndefined()
    expect(unconfirmed.isError).toBe(true)
    expect(unconfirmed._meta?.[CONFIRMATION_META]).toEqual({
      tool: 'decide_credit_memo',
      arguments: { requestId: 'R1' },
    })
    expect((unconfirmed.content as { text: string }[])[0]?.text).toMatch(/Not done yet.*R1.*confirm: true/s)
    const r = await client.callTool({ name: 'decide_credit_memo', arguments: { requestId: 'R1', confirm: true } })
    expect(r.structuredContent).toEqual({ approved: true })
  })

  it('asks the person through elicitation when the client supports it', async () => {
    const server = createMcpServer(
      { services, today: () => '2024-05-01', persona: 'You are a test persona.', tools: testTools },
      lead,
    )
    const [a, b] = InMemoryTransport.createLinkedPair()
    await server.connect(a)
    const client = new Client({ name: 'test', version: '1' }, { capabilities: { elicitation: {} } })
    const asked: string[] = []
    let answer: 'accept' | 'decline' = 'decline'
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message)
      return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' }
    })
    await client.connect(b)
    // Even an explicit confirm argument from the model does not replace asking the person.
    const declined = await client.callTool({
      name: 'decide_credit_memo',
      arguments: { requestId: 'R1', confirm: true },
    })
    expect(declined.isError).toBe(true)
    answer = 'accept'
    const accepted = await client.callTool({ name: 'decide_credit_memo', arguments: { requestId: 'R1' } })
    expect(accepted.structuredContent).toEqual({ approved: true })
    expect(asked).toHaveLength(2)
    expect(asked[0]).toMatch(/R1/)
  })

  it('throws a protocol error for an unknown tool', async () => {
    const client = await connect(lead)
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/)
  })
})

describe('MCP resources over read-only tools', () => {
  it('lists invoices page by page with a cursor until the end', async () => {
    const client = await connect(specialist)
    const uris: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await client.listResources(cursor ? { cursor } : {})
      uris.push(...page.resources.map((r) => r.uri))
      cursor = page.nextCursor
      pages += 1
    } while (cursor && pages < 10)
    expect(uris).toHaveLength(130)
    expect(new Set(uris).size).toBe(130)
    expect(uris[0]).toBe('invoice://T-0001')
    expect(pages).toBeGreaterThanOrEqual(2)
  })

  it('reads an invoice by its URI template and reports a missing one as not found', async () => {
    const client = await connect(specialist)
    const { resourceTemplates } = await client.listResourceTemplates()
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('invoice://{number}')
    const r = await client.readResource({ uri: 'invoice://T-0002' })
    expect(JSON.parse((r.contents[0] as { text: string }).text)).toEqual({ number: 'T-0002', total: '10.00' })
    await expect(client.readResource({ uri: 'invoice://NOPE' })).rejects.toThrow(/No invoice NOPE/)
  })
})

describe('MCP prompts', () => {
  it('carries the persona and the case in resolve-dispute', async () => {
    const client = await connect(specialist)
    const { prompts } = await client.listPrompts()
    expect(prompts.map((p) => p.name)).toContain('resolve-dispute')
    const r = await client.getPrompt({
      name: 'resolve-dispute',
      arguments: { invoice: 'T-0003', reason: 'price too high' },
    })
    const text = (r.messages[0]?.content as { text?: string } | undefined)?.text ?? ''
    expect(text).toContain('You are a test persona.')
    expect(text).toContain('invoice T-0003')
    expect(text).toContain('price too high')
  })

  it('refuses resolve-dispute without invoice or customer', async () => {
    const client = await connect(specialist)
    await expect(client.getPrompt({ name: 'resolve-dispute', arguments: { reason: 'late' } })).rejects.toThrow(
      /invoice or customer/,
    )
  })

  it('completes the invoice argument from find_invoices', async () => {
    const client = await connect(specialist)
    const r = await client.complete({
      ref: { type: 'ref/prompt', name: 'resolve-dispute' },
      argument: { name: 'invoice', value: '012' },
    })
    expect(r.completion.values).toEqual([
      'T-0012',
      'T-0120',
      'T-0121',
      'T-0122',
      'T-0123',
      'T-0124',
      'T-0125',
      'T-0126',
      'T-0127',
      'T-0128',
      'T-0129',
    ])
  })
})
