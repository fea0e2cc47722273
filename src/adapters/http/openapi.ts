/**
 * The OpenAPI 3.1 document of the HTTP surface, generated from the route table's zod schemas with
 * zod's own JSON Schema converter (OpenAPI 3.1 schemas are JSON Schema 2020-12), and the reference
 * page rendered from it on the server: no script, no CDN.
 */
import { z } from 'zod'
import { ErrorCodeSchema } from '../../../tools/errors.ts'
import { NAMED_SCHEMAS, type RouteDoc, ROUTES } from './openapi-routes.ts'

type Json = Record<string, unknown>

const ERRORS: Record<number, string> = {
  400: 'invalid input or JSON; `field` names the input',
  401: 'no API key, or not a valid one',
  403: 'the key’s role or read-only scope does not allow it',
  404: 'no such record',
  409: 'the record’s state does not allow it',
  413: 'the body is too large',
  422: 'the request is well-formed but the figures do not allow it',
  429: 'too many requests; Retry-After says when to come back',
  501: 'this server cannot produce that format; the message says what to install',
  503: 'what this needs is not available on this server (e.g. no Chromium for a PDF); the message says what to install',
}

const ApiError = z.object({
  error: z.object({
    code: ErrorCodeSchema.describe('machine-readable, e.g. invoice_not_found, approval_limit_exceeded'),
    message: z.string(),
    field: z.string().optional().describe('the input the problem is about'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('every problem, for invalid_ledger'),
  }),
})

/** "/api/disputes/:id" → "/api/disputes/{id}". */
export const openApiPath = (honoPath: string): string => honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** A standalone JSON Schema for a parameter (no $schema, no shared refs). */
function inlineSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json
  return rest
}

/** Converts the registered schemas at once, so each is one component and the others point at it. */
function components(schemas: Map<z.ZodType, string>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>()
  for (const [schema, id] of schemas) registry.add(schema, { id })
  const out = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Json>
  if ('__shared' in out) throw new Error('a schema refers to itself; give it an id so it becomes a component')
  return Object.fromEntries(
    Object.entries(out).map(([id, s]) => {
      // A fragment-only $id is not valid JSON Schema, and the component's place already names it.
      const { $schema: _drop, $id: _id, ...rest } = s
      return [id, rest]
    }),
  )
}

function parameters(route: RouteDoc): Json[] {
  const out: Json[] = []
  for (const [name, schema] of Object.entries(route.params ?? {})) {
    out.push({ name, in: 'path', required: true, schema: inlineSchema(schema) })
  }
  for (const [name, field] of Object.entries(route.query?.shape ?? {})) {
    const schema = inlineSchema(field as z.ZodType)
    const { description, ...rest } = schema
    const optional = (field as z.ZodType).safeParse(undefined).success
    out.push({ name, in: 'query', required: !optional, schema: rest, ...(description ? { description } : {}) })
  }
  for (const [name, h] of Object.entries(route.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description: h.description, schema: inlineSchema(h.schema) })
  }
  return out
}

function errorResponses(route: RouteDoc): Json {
  const codes = route.public
    ? []
    : [
        400,
        401,
        ...(route.roles || route.method !== 'get' ? [403] : []),
        ...(route.params ? [404] : []),
        ...(route.method === 'post' ? [409, 413, 422] : []),
        429,
        ...(route.errors ?? []),
      ]
  const ref = { $ref: '#/components/schemas/ApiError' }
  return Object.fromEntries(
    codes.map((code) => [
      String(code),
      { description: ERRORS[code], content: { 'application/json': { schema: ref } } },
    ]),
  )
}

function buildDocument(): Json {
  const outputs = new Map<z.ZodType, string>([[ApiError, 'ApiError'], ...NAMED_SCHEMAS.output])
  const inputs = new Map<z.ZodType, string>(NAMED_SCHEMAS.input)
  const name = (map: Map<z.ZodType, string>, schema: z.ZodType, id: string) => {
    if (!map.has(schema)) map.set(schema, id)
    return { $ref: `#/components/schemas/${map.get(schema)}` }
  }
  const paths: Record<string, Record<string, Json>> = {}
  for (const route of ROUTES) {
    const op = pascal(route.operationId)
    const { response } = route
    // Text answers (CSV, HTML, event streams) are plain strings: no component for them.
    const schema = (s: z.ZodType) => (s instanceof z.ZodString ? inlineSchema(s) : name(outputs, s, op))
    const also = Object.entries(response.also ?? {}).map(([type, s]) => [type, { schema: schema(s) }])
    const content = response.schema
      ? {
          content: {
            [response.contentType ?? 'application/json']: { schema: schema(response.schema) },
            ...Object.fromEntries(also),
          },
        }
      : {}
    const roles = route.roles ? `\n\nRoles: ${route.roles.join(', ')}.` : ''
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description || roles ? { description: `${route.description ?? ''}${roles}`.trim() } : {}),
      tags: [route.tag],
      ...(route.public ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: name(inputs, route.body, `${op}Body`) } },
            },
          }
        : {}),
      responses: {
        [String(response.status)]: { description: response.description, ...content },
        ...errorResponses(route),
      },
    }
    const path = openApiPath(route.path)
    paths[path] = { ...paths[path], [route.method]: operation }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'DisputeDesk API',
      version: '0.1.0',
      description:
        'Invoice disputes: chat with the assistant, ledger reads, disputes and their lifecycle, credit memo ' +
        'requests and approvals, reports, and the same tools over MCP at /mcp. Every route under /api except ' +
        'this document and its reference page needs `Authorization: Bearer <key>` (keys start with `ddk_`).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((t) => ({ name: t })),
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key, ddk_…' } },
      schemas: { ...components(outputs, 'output'), ...components(inputs, 'input') },
    },
  }
}

let cached: Json | undefined
/** Built once per process: the routes and schemas do not change while it runs. */
export function openApiDocument(): Json {
  cached ??= buildDocument()
  return cached
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)

/** Only its own inline style: the page needs nothing else. */
export const REFERENCE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"

/** The reference page: each operation with its parameters and schemas, linked to the components. */
export function referencePage(doc: Json = openApiDocument()): string {
  const paths = doc.paths as Record<string, Record<string, Json>>
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas
  // JSON, escaped, with each component reference a link to the component.
  const pre = (v: unknown) =>
    `<pre>${escapeHtml(JSON.stringify(v, null, 2)).replace(/#\/components\/schemas\/(\w+)/g, '<a href="#schema-$1">$1</a>')}</pre>`
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = (op.requestBody as Json | undefined)?.content
      const responses = op.responses as Record<string, Json>
      return `<section id="${escapeHtml(String(op.operationId))}">
<h3><code>${method.toUpperCase()} ${escapeHtml(path)}</code> ${escapeHtml(String(op.summary))}</h3>
${op.description ? `<p>${escapeHtml(String(op.description))}</p>` : ''}
${(op.parameters as Json[]).length ? `<h4>Parameters</h4>${pre(op.parameters)}` : ''}
${body ? `<h4>Body</h4>${pre(body)}` : ''}
<h4>Responses</h4>${pre(responses)}
</section>`
    }),
  )
  const defs = Object.entries(schemas).map(
    ([id, s]) => `<section id="schema-${escapeHtml(id)}"><h3>${escapeHtml(id)}</h3>${pre(s)}</section>`,
  )
  const info = doc.info as { title: string; description: string }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
pre{background:#f4f5f7;padding:.75rem;overflow:auto;font-size:13px}section{border-top:1px solid #dde;margin-top:1.5rem}
h3 code{background:#eef;padding:.1rem .3rem}</style></head>
<body><h1>${escapeHtml(info.title)}</h1><p>${escapeHtml(info.description)}</p>
<p>The document itself: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Operations</h2>${ops.join('\n')}<h2>Schemas</h2>${defs.join('\n')}</body></html>`
}
