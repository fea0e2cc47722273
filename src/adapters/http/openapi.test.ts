/**
 * The OpenAPI document: valid OpenAPI 3.1 by an independent validator, listing exactly the routes the
 * app registers (a route without a schema fails here), and describing what the real app answers.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { inspectRoutes } from 'hono/dev'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'
import { openApiDocument, openApiPath } from './openapi.ts'

type Json = Record<string, unknown>
type Operation = { requestBody?: Json; responses: Record<string, { content?: Record<string, { schema?: Json }> }> }

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

const doc = openApiDocument()
const paths = doc.paths as Record<string, Record<string, Operation>>

/** "METHOD /path" of every handler the app registers under /api, /mcp and /health (not middleware). */
function registeredRoutes(): string[] {
  const out = new Set<string>()
  for (const r of inspectRoutes(t.app)) {
    if (r.isMiddleware || !/^\/(api|mcp|health)(\/|\.|$)/.test(r.path)) continue
    // /mcp takes every method; the document lists the three MCP's transport uses.
    const methods = r.method === 'ALL' ? ['POST', 'GET', 'DELETE'] : [r.method]
    for (const m of methods) out.add(`${m} ${openApiPath(r.path)}`)
  }
  return [...out].sort()
}

const documentedRoutes = () =>
  Object.entries(paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort()

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 with every reference resolving', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string)
    const schemas = (doc.components as { schemas: Json }).schemas
    expect(refs.filter((r) => !(r.replace('#/components/schemas/', '') in schemas))).toEqual([])
  })

  it('lists every route the app registers, and no route it does not', () => {
    expect(documentedRoutes()).toEqual(registeredRoutes())
    expect(registeredRoutes().length).toBeGreaterThan(25)
  })

  it('gives every operation a success schema, and every POST a request body', () => {
    // Revoking takes nothing but the key's id in the path.
    const bodyless = new Set(['/api/keys/{id}/revoke'])
    const missing: string[] = []
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'))?.[1]
        if (!success || (method !== 'delete' && !Object.values(success.content ?? {})[0]?.schema)) {
          missing.push(`${method} ${path}: response`)
        }
        if (method === 'post' && !op.requestBody && !bodyless.has(path)) missing.push(`${method} ${path}: body`)
      }
    }
    expect(missing).toEqual([])
  })

  it('is served without a key, and so is its reference page', async () => {
    const json = await t.app.request('/api/openapi.json')
    expect(json.status).toBe(200)
    expect(((await json.json()) as Json).openapi).toBe('3.1.0')
    const page = await t.app.request('/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('POST /api/disputes/{id}/credit-memos')
    expect(html).toContain('<a href="#schema-ChatResponse">ChatResponse</a>')
    expect(html).not.toMatch(/<script/i)
  })
})

describe('what the real app answers matches the document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ajv.addSchema({ $id: 'doc', components: doc.components })
  const check = (method: string, path: string, status: number, body: unknown) => {
    const schema = paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema
    if (!schema) throw new Error(`no ${status} JSON schema for ${method} ${path}`)
    // Refs are relative to the document: resolve them against the copy registered above.
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"doc#/components')))
    const ok = validate(body)
    return ok ? [] : (validate.errors ?? []).map((e) => `${method} ${path}: ${e.instancePath} ${e.message}`)
  }
  const call = async (method: string, path: string, documented: string, key: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method: method.toUpperCase(),
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return check(method, documented, res.status, await res.json())
  }

  it('for the reads, a chat turn and the errors', async () => {
    const { specialist, lead } = t.keys
    const invoices = (await (
      await t.app.request('/api/invoices?limit=1', { headers: { Authorization: `Bearer ${specialist}` } })
    ).json()) as { items: { number: string }[] }
    const number = invoices.items[0]?.number ?? 'none'
    const problems = [
      ...check('get', '/health', 200, await (await t.app.request('/health')).json()),
      ...(await call('get', '/api/me', '/api/me', specialist)),
      ...(await call('get', '/api/invoices?limit=3', '/api/invoices', specialist)),
      ...(await call('get', `/api/invoices/${number}`, '/api/invoices/{number}', specialist)),
      ...(await call('get', '/api/invoices/INV-NOPE', '/api/invoices/{number}', specialist)),
      ...(await call('get', '/api/customers?query=a', '/api/customers', specialist)),
      ...(await call('get', '/api/disputes', '/api/disputes', specialist)),
      ...(await call('get', '/api/credit-memos', '/api/credit-memos', lead)),
      ...(await call('get', '/api/aging', '/api/aging', lead)),
      ...(await call('get', '/api/trends', '/api/trends', lead)),
      ...(await call('get', '/api/evals/runs', '/api/evals/runs', lead)),
      ...(await call('get', '/api/evals/runs', '/api/evals/runs', specialist)),
      ...(await call('get', '/api/keys', '/api/keys', lead)),
      ...(await call('post', '/api/chat', '/api/chat', specialist, { message: `invoice ${number} is wrong` })),
      ...(await call('post', '/api/chat', '/api/chat', specialist, { message: '' })),
    ]
    expect(problems).toEqual([])
  })
})
