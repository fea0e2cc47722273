/**
 * What each HTTP route takes and answers, for the OpenAPI document: the REST routes that call a tool
 * take its zod input and answer its zod output (one declaration), the others name the schemas their
 * handlers parse. The schemas below exist only for answers the handlers build from store records;
 * each is typed against its record, so a field added there fails the type check here.
 * `openapi.test.ts` compares this table with the routes the app registers, both ways.
 */
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { LedgerSchema } from '../../core/ledger.ts'
import { Resolution, Role, SimilarDispute } from '../../core/resolution.ts'
import { KEY_MANAGER_ROLES, NewKeyInput } from '../../services/api-keys.ts'
import type { Actor, ApiKeyListing, ChainReport, EvalRunRecord } from '../../services/ports.ts'
import type { ImportOutcome } from '../store/import-ledger.ts'
import { LEAD_ROLES } from './lead-roles.ts'
import { type ToolSpec, toolByName } from '../../../tools/index.ts'
import {
  CreditMemoRequestView,
  DisputeEventView,
  DisputeView,
  InvoiceDetail,
  InvoiceView,
  pageOf,
} from '../../../tools/schemas.ts'
import { ChatRequest, ChatResponse } from '../agent/chat-types.ts'
import { ContactOutcomeView } from '../../../tools/log-customer-contact.ts'
import { INBOUND_ROLES } from './inbound-routes.ts'
import { DeliveryQuery, DeliveryView, DigestPreviewView, NOTIFICATION_ROLES } from './notification-routes.ts'
import { IdParam, PageQuery } from './limits.ts'
import { ReportFormat } from './report-routes.ts'

export type Method = 'get' | 'post' | 'delete'

export interface RouteDoc {
  method: Method
  /** As Hono writes it: "/api/disputes/:id". */
  path: string
  operationId: string
  summary: string
  description?: string
  tag: string
  /** No API key needed. */
  public?: boolean
  /** Roles allowed; absent: every role with a key. */
  roles?: readonly Role[]
  /** Path parameters by name. */
  params?: Record<string, z.ZodType>
  query?: z.ZodObject
  headers?: Record<string, { schema: z.ZodType; description: string }>
  body?: z.ZodType
  /** The success answer; `schema` absent only for an answer without a body; `also`: other content types. */
  response: {
    status: 200 | 201 | 202
    description: string
    contentType?: string
    schema?: z.ZodType
    also?: Record<string, z.ZodType>
  }
  /** Error statuses besides the ones every route of its kind has (503: a format this server cannot make now). */
  errors?: readonly number[]
}

export const ActorView = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  customerId: z.string().optional().describe('a customer key: the customer every read is bound to'),
}) satisfies z.ZodType<Actor>

export const Health = z.object({
  status: z.literal('ok'),
  engine: z.string(),
  company: z.string(),
  today: z.string().describe('the assistant’s today, YYYY-MM-DD'),
})

const ChainReportView = z.union([
  z.object({ ok: z.literal(true), events: z.number().int(), anchored: z.boolean() }),
  z.object({ ok: z.literal(false), brokenAt: z.number().int(), reason: z.string(), problems: z.array(z.string()) }),
]) satisfies z.ZodType<ChainReport>

const EvalRunView = z.object({
  id: z.string(),
  startedAt: z.string(),
  engine: z.string(),
  commit: z.string().nullable(),
  report: z.unknown().describe('the EVALS.md report'),
  passRate: z.number(),
}) satisfies z.ZodType<EvalRunRecord>

const ImportAnswer = z.object({
  inserted: z.record(z.string(), z.number().int()),
  unchanged: z.record(z.string(), z.number().int()),
  updated: z.record(z.string(), z.number().int()).describe('records already there that the ledger changed'),
  changes: z.array(z.string()).describe('one sentence per updated record'),
  indexedForSearch: z.number().int().describe('past disputes indexed for similarity search'),
}) satisfies z.ZodType<ImportOutcome & { indexedForSearch: number }>

const ApiKeyView = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  role: Role,
  readOnly: z.boolean(),
  customerId: z.string().nullable().describe('a customer key: the customer it is bound to'),
  email: z.string().nullable(),
  prefix: z.string().describe('the first characters of the key, as lists show it; never the key'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
}) satisfies z.ZodType<ApiKeyListing>

const tool = (name: string): ToolSpec => {
  const spec = toolByName(name)
  if (!spec) throw new Error(`no tool ${name} in the registry`)
  return spec
}

/** The tool's input object; every REST route over a tool has an object input. */
const inputOf = (spec: ToolSpec): z.ZodObject => {
  if (!(spec.input instanceof z.ZodObject)) throw new Error(`${spec.name}: input is not an object`)
  return spec.input
}

/**
 * A route that runs a tool: path parameters fill tool fields (`{ id: 'disputeId' }`), the rest of the
 * input comes from the query (GET) or the JSON body (POST); `only` keeps just the body fields the
 * handler passes on.
 */
function toolRoute(
  method: 'get' | 'post',
  path: string,
  name: string,
  options: { params?: Record<string, string>; only?: string[]; drop?: string[]; tag: string; operationId: string },
): RouteDoc {
  const spec = tool(name)
  const input = inputOf(spec)
  const omitted = new Set([...Object.values(options.params ?? {}), ...(options.drop ?? [])])
  const kept = (k: string) => (options.only ? options.only.includes(k) : !omitted.has(k))
  const rest = z.object(Object.fromEntries(Object.entries(input.shape).filter(([k]) => kept(k))))
  const params = Object.fromEntries(
    Object.entries(options.params ?? {}).map(([param, field]) => [param, input.shape[field] as z.ZodType]),
  )
  return {
    method,
    path,
    operationId: options.operationId,
    summary: spec.title,
    description: `${spec.description}\n\nRuns the \`${spec.name}\` tool (the same one MCP and the assistant call).`,
    tag: options.tag,
    ...(spec.roles ? { roles: spec.roles } : {}),
    ...(options.params ? { params } : {}),
    ...(method === 'get' ? { query: rest } : { body: rest }),
    response: { status: 200, description: spec.title, schema: spec.output },
  }
}

/** A route of /api/portal over a tool; `:id` is the dispute. */
const portalRoute = (method: 'get' | 'post', path: string, name: string, operationId: string): RouteDoc =>
  toolRoute(method, `/api/portal${path}`, name, {
    tag: 'portal',
    operationId,
    ...(path.includes(':id') ? { params: { id: 'disputeId' } } : {}),
  })

const id = { id: IdParam.describe('the record’s id') }
const page = <T extends z.ZodType>(item: T) => pageOf(item)
const creditMemoStatus = CreditMemoRequestView.shape.status.exclude(['cancelled'])

/** Schemas used by several answers (or bodies), named as components; the rest take the operation's name. */
export const NAMED_SCHEMAS: { output: [z.ZodType, string][]; input: [z.ZodType, string][] } = {
  output: [
    [ChatResponse, 'ChatResponse'],
    [Resolution, 'Resolution'],
    [InvoiceView, 'InvoiceView'],
    [InvoiceDetail, 'InvoiceDetail'],
    [DisputeView, 'DisputeView'],
    [DisputeEventView, 'DisputeEvent'],
    [SimilarDispute, 'SimilarDispute'],
    [CreditMemoRequestView, 'CreditMemoRequest'],
    [ApiKeyView, 'ApiKey'],
    [ActorView, 'Actor'],
    [EvalRunView, 'EvalRun'],
  ],
  input: [
    [ChatRequest, 'ChatRequest'],
    [LedgerSchema, 'Ledger'],
  ],
}

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness, engine and today',
    tag: 'server',
    public: true,
    response: { status: 200, description: 'the server is up', schema: Health },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'server',
    public: true,
    response: { status: 200, description: 'the document', schema: z.record(z.string(), z.unknown()) },
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'apiReference',
    summary: 'The API reference as a web page (rendered from this document)',
    tag: 'server',
    public: true,
    response: { status: 200, description: 'an HTML page', contentType: 'text/html', schema: z.string() },
  },
  {
    method: 'get',
    path: '/api/me',
    operationId: 'me',
    summary: 'Who the key belongs to',
    tag: 'keys',
    response: { status: 200, description: 'the person acting with this key', schema: ActorView },
  },
  {
    method: 'post',
    path: '/api/chat',
    operationId: 'chat',
    summary: 'One turn of the conversation',
    description:
      'Send exactly one of `message`, `confirm`, `cancel` (a token from the last answer’s actions) or `correct`. ' +
      'Leave `sessionId` out on the first turn: the server issues one, bound to this key.',
    tag: 'chat',
    body: ChatRequest,
    response: { status: 200, description: 'the assistant’s answer', schema: ChatResponse },
  },
  {
    method: 'post',
    path: '/api/chat/stream',
    operationId: 'chatStream',
    summary: 'One turn, streamed as Server-Sent Events',
    description:
      'The same turn as POST /api/chat. Events: `progress` `{text}`, `resolution` `{resolution}`, `text` `{delta}`, ' +
      'then `done` with the ChatResponse as data (or `error` `{code, message}`).',
    tag: 'chat',
    body: ChatRequest,
    response: { status: 200, description: 'an event stream', contentType: 'text/event-stream', schema: z.string() },
  },
  toolRoute('get', '/api/invoices', 'find_invoices', { tag: 'ledger', operationId: 'listInvoices' }),
  toolRoute('get', '/api/invoices/:number', 'get_invoice', {
    tag: 'ledger',
    operationId: 'getInvoice',
    params: { number: 'invoiceNumber' },
  }),
  toolRoute('get', '/api/customers', 'find_customer', { tag: 'ledger', operationId: 'findCustomers' }),
  // The customer's side (a customer key reaches only these and the invoice reads, scoped to its customer).
  portalRoute('get', '/invoices', 'find_invoices', 'portalInvoices'),
  portalRoute('get', '/similar', 'search_similar_disputes', 'portalSimilar'),
  portalRoute('get', '/disputes', 'list_portal_disputes', 'portalDisputes'),
  portalRoute('get', '/disputes/:id', 'get_portal_dispute', 'portalDispute'),
  {
    ...portalRoute('post', '/disputes', 'submit_dispute', 'submitDispute'),
    headers: { 'Idempotency-Key': { schema: z.string().min(8).max(128), description: 'makes a retry safe' } },
  },
  portalRoute('post', '/disputes/:id/messages', 'send_dispute_message', 'sendDisputeMessage'),
  portalRoute('post', '/disputes/:id/rating', 'rate_dispute', 'rateDispute'),
  portalRoute('post', '/disputes/:id/findings', 'share_dispute_findings', 'shareDisputeFindings'),
  toolRoute('get', '/api/disputes', 'list_disputes', { tag: 'disputes', operationId: 'listDisputes' }),
  {
    method: 'get',
    path: '/api/disputes/:id',
    operationId: 'getDispute',
    summary: 'A dispute with its audit trail, the chain check and similar past disputes',
    tag: 'disputes',
    params: id,
    response: {
      status: 200,
      description: 'the dispute',
      schema: (tool('get_dispute').output as z.ZodObject).extend({
        chain: ChainReportView,
        similar: z.array(SimilarDispute),
      }),
    },
  },
  toolRoute('post', '/api/disputes/:id/notes', 'add_dispute_note', {
    tag: 'disputes',
    operationId: 'addDisputeNote',
    params: { id: 'disputeId' },
  }),
  toolRoute('post', '/api/disputes/:id/status', 'update_dispute', {
    tag: 'disputes',
    operationId: 'updateDisputeStatus',
    params: { id: 'disputeId' },
  }),
  toolRoute('post', '/api/disputes/:id/resolve', 'resolve_dispute', {
    tag: 'disputes',
    operationId: 'resolveDispute',
    params: { id: 'disputeId' },
    only: ['outcome'],
  }),
  {
    ...toolRoute('post', '/api/disputes/:id/credit-memos', 'request_credit_memo', {
      tag: 'credit memos',
      operationId: 'requestCreditMemo',
      params: { id: 'disputeId' },
    }),
    headers: {
      'Idempotency-Key': {
        schema: z.string().min(8).max(128),
        description: 'the same key with the same request returns the first request instead of making another',
      },
    },
  },
  {
    method: 'get',
    path: '/api/credit-memos',
    operationId: 'listCreditMemos',
    summary: 'Credit memo, write-off and goodwill requests',
    tag: 'credit memos',
    query: z.object({ status: creditMemoStatus.optional(), ...PageQuery.shape }),
    response: { status: 200, description: 'a page of requests', schema: page(CreditMemoRequestView) },
  },
  toolRoute('post', '/api/credit-memos/:id/decision', 'decide_credit_memo', {
    tag: 'credit memos',
    operationId: 'decideCreditMemo',
    params: { id: 'requestId' },
  }),
  {
    method: 'post',
    path: '/api/tools/:name',
    operationId: 'callTool',
    summary: 'Call a tool of the registry by name',
    description:
      'The body is the tool’s input and the answer its output (their JSON Schemas are what MCP tools/list ' +
      'advertises), with the same role and read-only checks as every route: the dashboard’s worklist and ' +
      'dispute page act through it (assign_dispute, get_worklist, update_dispute, …).',
    tag: 'tools',
    params: { name: z.string().regex(/^[a-z]+(_[a-z]+)+$/) },
    body: z.record(z.string(), z.unknown()),
    response: { status: 200, description: 'the tool’s output', schema: z.record(z.string(), z.unknown()) },
  },
  toolRoute('get', '/api/aging', 'aging_report', { tag: 'reports', operationId: 'agingReport' }),
  {
    ...toolRoute('get', '/api/aging.csv', 'aging_report', {
      tag: 'reports',
      operationId: 'agingReportCsv',
      drop: ['includeCsv'],
    }),
    summary: 'The aging report as CSV',
    response: { status: 200, description: 'a CSV file', contentType: 'text/csv', schema: z.string() },
  },
  toolRoute('get', '/api/trends', 'dispute_trends', { tag: 'reports', operationId: 'disputeTrends' }),
  toolRoute('get', '/api/insights', 'dispute_insights', { tag: 'reports', operationId: 'disputeInsights' }),
  (() => {
    const route = toolRoute('get', '/api/reports/management', 'management_report', {
      tag: 'reports',
      operationId: 'managementReport',
    })
    return {
      ...route,
      query: (route.query as z.ZodObject).extend({ format: ReportFormat }),
      response: {
        status: 200,
        description:
          'the printable page (html, the default), its tables as CSV, the page as PDF, or the report as JSON',
        contentType: 'text/html',
        schema: z.string(),
        also: {
          'text/csv': z.string(),
          'application/pdf': z.string().describe('binary'),
          'application/json': route.response.schema as z.ZodType,
        },
      },
      errors: [503],
    } satisfies RouteDoc
  })(),
  {
    method: 'get',
    path: '/api/evals/runs',
    operationId: 'listEvalRuns',
    summary: 'Stored eval runs',
    tag: 'evals',
    roles: LEAD_ROLES,
    query: PageQuery,
    response: { status: 200, description: 'a page of runs', schema: page(EvalRunView) },
  },
  {
    method: 'get',
    path: '/api/evals/runs/:id',
    operationId: 'getEvalRun',
    summary: 'One eval run with its report',
    tag: 'evals',
    roles: LEAD_ROLES,
    params: id,
    response: { status: 200, description: 'the run', schema: EvalRunView },
  },
  {
    method: 'post',
    path: '/api/import',
    operationId: 'importLedger',
    summary: 'Import a ledger (dispute-desk.ledger/v1), all or nothing',
    description:
      'Idempotent by natural keys: a record already there is counted unchanged, except a payment whose amount ' +
      'changed, which is updated (`updated`, `changes`). 422 lists every problem.',
    tag: 'ledger',
    roles: LEAD_ROLES,
    body: LedgerSchema,
    response: { status: 200, description: 'what was imported', schema: ImportAnswer },
  },
  {
    method: 'get',
    path: '/api/keys',
    operationId: 'listKeys',
    summary: 'API keys and their people (revoked ones too; never a key itself)',
    tag: 'keys',
    roles: KEY_MANAGER_ROLES,
    response: { status: 200, description: 'the keys', schema: z.object({ items: z.array(ApiKeyView) }) },
  },
  {
    method: 'post',
    path: '/api/keys',
    operationId: 'createKey',
    summary: 'Create a key for a person (shown once)',
    tag: 'keys',
    roles: KEY_MANAGER_ROLES,
    body: NewKeyInput,
    response: {
      status: 201,
      description: 'the new key, the only time it is shown',
      schema: ApiKeyView.extend({ key: z.string().describe('ddk_…; send as "Authorization: Bearer <key>"') }),
    },
  },
  {
    method: 'post',
    path: '/api/keys/:id/revoke',
    operationId: 'revokeKey',
    summary: 'Revoke a key (by id or the prefix a list shows)',
    tag: 'keys',
    roles: KEY_MANAGER_ROLES,
    params: { id: IdParam.describe('the key’s id or its prefix') },
    response: { status: 200, description: 'the revoked key', schema: ApiKeyView },
  },
  {
    method: 'post',
    path: '/api/inbound/email',
    operationId: 'receiveEmail',
    summary: 'Record a customer’s email (raw RFC 822) on its dispute',
    description:
      'Send the raw message as the body (Content-Type: message/rfc822, up to DISPUTE_DESK_IMPORT_MAX_MB, default 32 MB). It is matched by its ' +
      'thread (In-Reply-To/References), sender, customer name and invoice number, then added to the open ' +
      'dispute’s timeline (dispute.message_received), or opens a draft dispute, or is kept unmatched. 201, or ' +
      '200 when its Message-ID was recorded before.',
    tag: 'disputes',
    roles: INBOUND_ROLES,
    body: z.string().describe('the raw message'),
    response: { status: 201, description: 'what it was matched to', schema: ContactOutcomeView },
  },
  {
    method: 'get',
    path: '/api/notifications',
    operationId: 'listNotifications',
    summary: 'The notification deliveries: every email and webhook planned, its status, attempts and last error',
    tag: 'notifications',
    roles: NOTIFICATION_ROLES,
    query: DeliveryQuery,
    response: { status: 200, description: 'newest first', schema: z.object({ items: z.array(DeliveryView) }) },
  },
  {
    method: 'get',
    path: '/api/notifications/digest',
    operationId: 'previewDigest',
    summary: 'Today’s daily digest for leads as it would be sent now, with its recipients',
    tag: 'notifications',
    roles: NOTIFICATION_ROLES,
    response: { status: 200, description: 'the digest', schema: DigestPreviewView },
  },
  {
    method: 'post',
    path: '/api/notifications/:id/retry',
    operationId: 'retryNotification',
    summary: 'Try a failed delivery again now (one more attempt; 409 when it is not failed)',
    tag: 'notifications',
    roles: NOTIFICATION_ROLES,
    params: { id: IdParam.describe('the delivery’s id (NTF-…)') },
    body: z.object({}).describe('nothing: send {}'),
    response: { status: 200, description: 'the delivery after the attempt', schema: DeliveryView },
  },
  ...mcpRoutes(),
]

/** MCP over Streamable HTTP: JSON-RPC messages (the SDK's own schema); the protocol is MCP's, not REST. */
function mcpRoutes(): RouteDoc[] {
  const session = {
    'mcp-session-id': {
      schema: z.string(),
      description: 'the session id the initialize answer gave; absent only on initialize',
    },
  }
  const common = { path: '/mcp', tag: 'mcp', headers: session } as const
  const about = 'MCP Streamable HTTP (https://modelcontextprotocol.io); the same API keys and roles as /api.'
  return [
    {
      ...common,
      method: 'post',
      operationId: 'mcpPost',
      summary: 'Send a JSON-RPC message to the MCP server',
      description: `${about} Accept both application/json and text/event-stream.`,
      body: JSONRPCMessageSchema as unknown as z.ZodType,
      response: { status: 200, description: 'the JSON-RPC answer (or an event stream)', schema: JSONRPCMessageSchema },
    },
    {
      ...common,
      method: 'get',
      operationId: 'mcpStream',
      summary: 'Open the session’s server-to-client event stream',
      description: about,
      response: { status: 200, description: 'an event stream', contentType: 'text/event-stream', schema: z.string() },
    },
    {
      ...common,
      method: 'delete',
      operationId: 'mcpEndSession',
      summary: 'End the MCP session',
      description: about,
      response: { status: 200, description: 'the session is closed' },
    },
  ]
}
