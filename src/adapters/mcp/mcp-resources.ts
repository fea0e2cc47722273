/**
 * Invoices, disputes (with their audit trail) and the two reports as MCP resources. Every read and
 * every listing calls a read-only registry tool through callTool, so a resource shows exactly what
 * the tool returns, and a resource whose tool is not in the registry is simply not offered. The
 * MCP Apps card (`ui://`, mcp-apps.ts) is listed with the reports.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Resource,
  type ResourceTemplate,
} from '@modelcontextprotocol/sdk/types.js'
import { callTool } from '../../../tools/call-tool.ts'
import type { ToolContext, ToolSpec } from '../../../tools/define-tool.ts'
import { errorRow } from '../../../tools/errors.ts'
import { type AppPages, appListing, appsOf, defaultAppPages, readApp } from './mcp-apps.ts'

/** MCP's "resource not found" code (the spec reserves it; the SDK has no constant for it). */
export const RESOURCE_NOT_FOUND = -32002

/** Rows per resources/list page: big enough for a picker, small enough for a desktop client. */
export const RESOURCE_PAGE_SIZE = 100

const JSON_MIME = 'application/json'

interface FixedResource {
  uri: string
  tool: string
  name: string
  title: string
  description: string
}

const REPORTS: readonly FixedResource[] = [
  {
    uri: 'report://aging',
    tool: 'aging_report',
    name: 'aging-report',
    title: 'Aging report',
    description: 'Open receivables by aging bucket, per customer and in total, with disputed amounts shown apart.',
  },
  {
    uri: 'report://trends',
    tool: 'dispute_trends',
    name: 'dispute-trends',
    title: 'Dispute trends',
    description: 'Disputes by customer, reason, department, SKU and month, with settlement figures.',
  },
]

const TEMPLATES = [
  {
    scheme: 'invoice',
    uriTemplate: 'invoice://{number}',
    name: 'invoice',
    title: 'Invoice',
    description: 'One invoice with its lines, balance, disputed amount and collections hold.',
    read: 'get_invoice',
    input: (key: string) => ({ invoiceNumber: key }),
    list: 'find_invoices',
  },
  {
    scheme: 'dispute',
    uriTemplate: 'dispute://{id}',
    name: 'dispute',
    title: 'Dispute',
    description: 'One dispute with its amounts, resolution and its audit trail.',
    read: 'get_dispute',
    input: (key: string) => ({ disputeId: key }),
    list: 'list_disputes',
  },
] as const

type Template = (typeof TEMPLATES)[number]

export const invoiceUri = (number: string): string => `invoice://${encodeURIComponent(number)}`
export const disputeUri = (id: string): string => `dispute://${encodeURIComponent(id)}`

interface Cursor {
  /** Index in the listing order: reports first, then each template's records. */
  section: number
  offset: number
}

const encodeCursor = (c: Cursor): string => btoa(JSON.stringify(c))

function decodeCursor(raw: string | undefined): Cursor {
  if (!raw) return { section: 0, offset: 0 }
  try {
    const c = JSON.parse(atob(raw)) as Cursor
    if (Number.isInteger(c.section) && Number.isInteger(c.offset) && c.section >= 0 && c.offset >= 0) return c
  } catch {
    // falls through to the error below
  }
  throw new McpError(ErrorCode.InvalidParams, 'cursor: not a cursor this server returned; list again from the start')
}

interface Row {
  invoiceNumber?: string
  number?: string
  id?: string
  customerId?: string
  currency?: string
  total?: string
  openBalance?: string
  status?: string
  reasonCode?: string
  remainingDisputed?: string
}

function resourceOfRow(t: Template, row: Row): Resource {
  if (t.scheme === 'invoice') {
    const number = String(row.number)
    return {
      uri: invoiceUri(number),
      name: number,
      title: `${number} · ${row.customerId} · ${row.openBalance ?? row.total} ${row.currency} open`,
      mimeType: JSON_MIME,
    }
  }
  const id = String(row.id)
  return {
    uri: disputeUri(id),
    name: id,
    title: `${id} · ${row.invoiceNumber} · ${row.reasonCode} · ${row.status} · ${row.remainingDisputed} ${row.currency}`,
    mimeType: JSON_MIME,
  }
}

export interface ResourceHandlerDeps {
  registry: readonly ToolSpec[]
  context: () => ToolContext
  appPages?: AppPages
}

export function installResourceHandlers(server: Server, deps: ResourceHandlerDeps): void {
  const tool = (name: string) => deps.registry.find((t) => t.name === name)
  const reports = REPORTS.filter((r) => tool(r.tool))
  const templates = TEMPLATES.filter((t) => tool(t.read))
  const apps = appsOf(deps.registry.map((t) => t.name))

  const run = async (name: string, input: unknown, uri: string) => {
    const spec = tool(name)
    if (!spec) throw new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} not found`)
    const r = await callTool(spec, input, deps.context())
    if (r.ok) return r.value
    const code = errorRow(r.error.code).http === 404 ? RESOURCE_NOT_FOUND : ErrorCode.InvalidParams
    throw new McpError(code, `${uri}: ${r.error.message}`)
  }

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: templates.map(
      (t): ResourceTemplate => ({
        uriTemplate: t.uriTemplate,
        name: t.name,
        title: t.title,
        description: t.description,
        mimeType: JSON_MIME,
      }),
    ),
  }))

  // Sections in order: the reports (one page), then disputes and invoices, paged by their list tools.
  server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
    const cursor = decodeCursor(request.params?.cursor)
    const listed = templates.filter((t) => tool(t.list))
    if (cursor.section === 0) {
      const resources = [
        ...reports.map(
          (r): Resource => ({
            uri: r.uri,
            name: r.name,
            title: r.title,
            description: r.description,
            mimeType: JSON_MIME,
          }),
        ),
        ...apps.map(appListing),
      ]
      return listed.length ? { resources, nextCursor: encodeCursor({ section: 1, offset: 0 }) } : { resources }
    }
    const t = listed[cursor.section - 1]
    if (!t) throw new McpError(ErrorCode.InvalidParams, 'cursor: past the end of the listing')
    const page = (await run(t.list, { limit: RESOURCE_PAGE_SIZE, offset: cursor.offset }, `${t.scheme}://`)) as {
      items: Row[]
      total: number
    }
    const resources = page.items.map((row) => resourceOfRow(t, row))
    const nextOffset = cursor.offset + page.items.length
    const next: Cursor | null =
      page.items.length > 0 && nextOffset < page.total
        ? { section: cursor.section, offset: nextOffset }
        : cursor.section < listed.length
          ? { section: cursor.section + 1, offset: 0 }
          : null
    return next ? { resources, nextCursor: encodeCursor(next) } : { resources }
  })

  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri
    const app = apps.find((a) => a.uri === uri)
    if (app) return readApp(app, deps.appPages ?? defaultAppPages)
    const report = reports.find((r) => r.uri === uri)
    const match = /^([a-z]+):\/\/(.+)$/.exec(uri)
    const template = match ? templates.find((t) => t.scheme === match[1]) : undefined
    let value: unknown
    if (report) value = await run(report.tool, {}, uri)
    else if (template && match?.[2]) value = await run(template.read, template.input(decodeURIComponent(match[2])), uri)
    else throw new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} not found`)
    return { contents: [{ uri, mimeType: JSON_MIME, text: JSON.stringify(value, null, 2) }] }
  })
}
