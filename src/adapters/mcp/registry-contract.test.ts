/**
 * One registry, three channels: MCP and LangChain advertise exactly the registry's tool names and
 * JSON schemas, and every registry schema is an object schema, as MCP requires.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { describe, expect, it } from 'vitest'
import type { Services } from '../../services/services.ts'
import { jsonSchemaOf, tools } from '../../../tools/index.ts'
import { langchainTools } from '../langchain/tools.ts'
import type { McpCaller } from './caller.ts'
import { needsConfirmation } from './mcp-tools.ts'
import { createMcpServer } from './server.ts'

// Listing never reaches the services.
const services = {} as Services
const admin: McpCaller = { actor: { id: 'a', name: 'Admin', role: 'admin' }, readOnly: false }

describe('the tool registry contract', () => {
  it.each(tools.map((t) => [t.name, t] as const))('%s has object input and output schemas', (_name, spec) => {
    expect(jsonSchemaOf(spec.input).type).toBe('object')
    expect(jsonSchemaOf(spec.output).type).toBe('object')
  })

  it('has unique snake_case names', () => {
    const names = tools.map((t) => t.name)
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n).toMatch(/^[a-z]+(_[a-z]+)+$/)
  })

  it('MCP advertises the same names and JSON schemas as the registry', async () => {
    const server = createMcpServer({ services, today: () => '2024-05-01', persona: 'p' }, admin)
    const [a, b] = InMemoryTransport.createLinkedPair()
    await server.connect(a)
    const client = new Client({ name: 'contract', version: '1' })
    await client.connect(b)
    const listed = (await client.listTools()).tools
    expect(listed.map((t) => t.name)).toEqual(tools.map((t) => t.name))
    for (const spec of tools) {
      const t = listed.find((x) => x.name === spec.name)
      // Money tools add one argument, the person's confirmation; the rest is the registry's schema.
      const { confirm, ...properties } = (t?.inputSchema.properties ?? {}) as Record<string, unknown>
      expect(confirm !== undefined, spec.name).toBe(needsConfirmation(spec))
      expect({ ...t?.inputSchema, properties }, spec.name).toEqual(jsonSchemaOf(spec.input))
      expect(t?.outputSchema, spec.name).toEqual(jsonSchemaOf(spec.output))
      expect(t?.annotations?.readOnlyHint, spec.name).toBe(spec.annotations.readOnly)
      expect(t?.annotations?.idempotentHint, spec.name).toBe(spec.annotations.idempotent)
    }
    await client.close()
  })

  it('LangChain offers the same names and JSON schemas as the registry', () => {
    const lc = langchainTools(() => ({ services, actor: admin.actor, today: '2024-05-01', readOnly: false }))
    expect(lc.map((t) => t.name)).toEqual(tools.map((t) => t.name))
    for (const spec of tools) {
      const t = lc.find((x) => x.name === spec.name)
      expect(t?.schema, spec.name).toEqual(jsonSchemaOf(spec.input))
      expect(t?.description, spec.name).toBe(spec.description)
    }
  })

  it('offers LangChain agents with a read-only key only the read-only tools', () => {
    const lc = langchainTools(() => ({ services, actor: admin.actor, today: '2024-05-01', readOnly: true }))
    expect(lc.map((t) => t.name)).toEqual(tools.filter((t) => t.annotations.readOnly).map((t) => t.name))
  })
})
