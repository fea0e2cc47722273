/**
 * One registry, four channels: the LLM engine's agent offers the model exactly what LangChain and MCP
 * advertise (names, descriptions, JSON schemas, role filtering), and every REST route over a tool
 * documents that tool's own fields and result. (MCP against the registry: mcp/registry-contract.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../services/ports.ts'
import type { Services } from '../../../services/services.ts'
import { createTestApp } from '../../../testing/test-app.ts'
import { authorise, jsonSchemaOf, toolByName, tools } from '../../../../tools/index.ts'
import { langchainTools } from '../../langchain/tools.ts'
import { ASK_TOOL_NAME, agentTools } from './agent-tools.ts'

const services = {} as Services
const actors: Actor[] = [
  { id: 's', name: 'Sam', role: 'specialist' },
  { id: 'l', name: 'Lee', role: 'lead' },
  { id: 'a', name: 'Ada', role: 'admin' },
]

describe('the agent’s tools', () => {
  it.each(actors.map((a) => [a.role, a] as const))(
    'are LangChain’s for a %s: same names, descriptions and schemas',
    (_role, actor) => {
      const ctx = { services, actor, today: '2026-03-15', readOnly: false }
      const agent = agentTools({ ctx, offerChanges: true, timeoutMs: 1_000, resultChars: 1_000 }).tools
      const lc = langchainTools(() => ctx)
      expect(agent.map((t) => t.name)).toEqual([...lc.map((t) => t.name), ASK_TOOL_NAME])
      expect(lc.map((t) => t.name)).toEqual(tools.filter((s) => !authorise(s, ctx)).map((s) => s.name))
      for (const t of lc) {
        const a = agent.find((x) => x.name === t.name)
        expect(a?.schema, t.name).toEqual(t.schema)
        expect(a?.description, t.name).toBe(t.description)
      }
    },
  )

  it('are the read-only ones for a read-only key', () => {
    const ctx = { services, actor: actors[2] as Actor, today: '2026-03-15', readOnly: true }
    const names = agentTools({ ctx, offerChanges: false, timeoutMs: 1_000, resultChars: 1_000 }).tools.map(
      (t) => t.name,
    )
    expect(names).toEqual([...tools.filter((s) => s.annotations.readOnly).map((s) => s.name), ASK_TOOL_NAME])
  })
})

describe('REST routes over tools', () => {
  it('document the tool’s own fields and result schema', async () => {
    const t = await createTestApp()
    try {
      const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApi
      const resolve = (s: Schema): Schema =>
        s.$ref ? (doc.components.schemas[s.$ref.split('/').at(-1) ?? ''] ?? s) : s
      let routes = 0
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const name = /Runs the `([a-z_]+)` tool/.exec(op.description ?? '')?.[1]
          if (!name) continue
          routes++
          const spec = toolByName(name)
          expect(spec, `${method} ${path}`).toBeDefined()
          if (!spec) continue
          const input = jsonSchemaOf(spec.input) as { properties: Record<string, Schema> }
          const output = jsonSchemaOf(spec.output) as { properties: Record<string, unknown> }
          // A CSV route (aging.csv) has no JSON result to compare.
          const json = op.responses['200']?.content?.['application/json']?.schema
          if (json)
            expect(Object.keys(resolve(json).properties ?? {}), `${method} ${path} result`).toEqual(
              Object.keys(output.properties),
            )
          for (const p of op.parameters ?? []) {
            // `format` picks the response's media type (html, csv, pdf), not an input of the tool.
            if (p.in !== 'query' || p.name === 'format') continue
            expect(Object.keys(input.properties), `${method} ${path} ?${p.name}`).toContain(p.name)
          }
          const body = resolve(op.requestBody?.content?.['application/json']?.schema ?? {})
          for (const field of Object.keys(body.properties ?? {}))
            expect(Object.keys(input.properties), `${method} ${path} body.${field}`).toContain(field)
        }
      }
      expect(routes).toBeGreaterThanOrEqual(15)
    } finally {
      await t.close()
    }
  }, 60_000)
})

interface Schema {
  $ref?: string
  properties?: Record<string, unknown>
}
interface Operation {
  description?: string
  parameters?: { name: string; in: string }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses: Record<string, { content?: Record<string, { schema?: Schema }> } | undefined>
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}
