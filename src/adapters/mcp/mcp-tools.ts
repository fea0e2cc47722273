/**
 * The registry as MCP tools. Nothing here declares a tool: names, descriptions, JSON schemas and
 * annotations are read from each ToolSpec, and every call goes through callTool, so input
 * validation, role and read-only checks and the services' approval rules are the ones REST and the
 * agent use. A tool fault (bad input, refused, not found) comes back as `isError: true` text the
 * model can act on; only protocol faults (unknown tool name) are thrown.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  type CallToolResult,
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import type { Resolution } from '../../core/resolution.ts'
import { authorise, callTool, jsonSchemaOf } from '../../../tools/call-tool.ts'
import type { ToolContext, ToolError, ToolSpec } from '../../../tools/define-tool.ts'
import { errorTextForModel } from '../../../tools/errors.ts'
import { renderReply } from '../agent/render-reply.ts'
import type { McpCaller } from './caller.ts'
import { toolAppMeta } from './mcp-apps.ts'

type ObjectSchema = Tool['inputSchema']

function objectSchema(spec: ToolSpec, which: 'input' | 'output'): ObjectSchema {
  const schema = jsonSchemaOf(spec[which])
  // MCP requires object schemas at the root; the registry's contract test keeps it so.
  if (schema.type !== 'object') throw new Error(`${spec.name}: the ${which} schema must be a JSON object schema`)
  return schema as ObjectSchema
}

/** Tools that move money or cannot be undone run only when a person confirms the exact call. */
export const needsConfirmation = (spec: ToolSpec): boolean =>
  !spec.annotations.readOnly && (spec.annotations.movesMoney || spec.annotations.destructive)

const CONFIRM_PROPERTY = {
  type: 'boolean',
  description:
    'Set to true only after the user has seen exactly what this call does (tool, amount, dispute) and confirmed it. ' +
    'Without it the call is not made and the answer says what it would do. Clients that support elicitation ask the ' +
    'user directly instead.',
}

/** The MCP description of one registry tool, annotations taken from the spec as they are; a tool with a
 *  card (MCP Apps) names it in `_meta.ui`, and its text result stays for hosts that render none. */
export function mcpToolOf(spec: ToolSpec): Tool {
  const a = spec.annotations
  const input = objectSchema(spec, 'input')
  const meta = toolAppMeta(spec.name)
  return {
    ...(meta ? { _meta: meta } : {}),
    name: spec.name,
    title: spec.title,
    description: spec.roles ? `${spec.description} (Roles: ${spec.roles.join(', ')}.)` : spec.description,
    inputSchema: needsConfirmation(spec)
      ? { ...input, properties: { ...(input.properties ?? {}), confirm: CONFIRM_PROPERTY } }
      : input,
    outputSchema: objectSchema(spec, 'output'),
    annotations: {
      title: spec.title,
      readOnlyHint: a.readOnly,
      // Moving money is never undone by the caller, so clients should confirm it with a person.
      destructiveHint: !a.readOnly && (a.destructive || a.movesMoney),
      idempotentHint: a.idempotent,
      // Every tool works on our own ledger; none reaches the outside world.
      openWorldHint: false,
    },
  }
}

/** The tools a caller may call: only those are advertised, so a model is never offered a refusal. */
export function visibleTools(registry: readonly ToolSpec[], caller: McpCaller): ToolSpec[] {
  return registry.filter((spec) => authorise(spec, caller) === null)
}

export function errorResult(spec: Pick<ToolSpec, 'name'>, error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: errorTextForModel(spec.name, error) }] }
}

interface PageLike {
  items: unknown[]
  total: number
  limit: number
  offset: number
}

const isPage = (v: unknown): v is PageLike =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as PageLike).items) &&
  typeof (v as PageLike).total === 'number'

/** A line or a reply a person can read, beside the structured result a program reads. */
function summaryOf(spec: ToolSpec, value: unknown): string | null {
  if (spec.name === 'investigate_dispute') return renderReply(value as Resolution)
  if (isPage(value)) {
    const { items, total, offset } = value
    const shown = items.length ? `${offset + 1}–${offset + items.length}` : 'none'
    const more = offset + items.length < total ? `; next page: offset=${offset + items.length}` : ''
    return `${spec.title}: ${shown} of ${total}${more}.`
  }
  return null
}

export function successResult(spec: ToolSpec, value: unknown): CallToolResult {
  const json = JSON.stringify(value, null, 2)
  const summary = summaryOf(spec, value)
  return {
    structuredContent: value as Record<string, unknown>,
    // Clients that ignore structuredContent still get the whole result as JSON text.
    content: summary
      ? [
          { type: 'text', text: summary },
          { type: 'text', text: json },
        ]
      : [{ type: 'text', text: json }],
  }
}

export interface ToolHandlerDeps {
  registry: readonly ToolSpec[]
  caller: McpCaller
  context: () => ToolContext
}

/** Installs tools/list and tools/call on a low-level server (the caller's capabilities include tools). */
export function installToolHandlers(server: Server, deps: ToolHandlerDeps): void {
  const { registry, caller } = deps
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visibleTools(registry, caller).map(mcpToolOf) }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const spec = registry.find((t) => t.name === request.params.name)
    if (!spec) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name}`)
    const token = request.params._meta?.progressToken
    let step = 0
    const progress =
      token === undefined
        ? undefined
        : (message: string) => {
            step += 1
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken: token, progress: step, message },
              })
              .catch(() => {})
          }
    const { confirm, ...args } = (request.params.arguments ?? {}) as Record<string, unknown>
    if (needsConfirmation(spec) && authorise(spec, caller) === null) {
      const confirmed = await confirmedByPerson(server, spec, args, confirm === true)
      if (confirmed !== true) return confirmed
    }
    // Hidden tools are still refused through callTool, with the reason, rather than "unknown tool".
    const result = await callTool(spec, args, {
      ...deps.context(),
      ...(progress ? { progress } : {}),
    })
    return result.ok ? successResult(spec, result.value) : errorResult(spec, result.error)
  })
}

/** On an answer that ran nothing because no person confirmed it yet: the tool and the arguments to confirm,
 *  so an app (the dispute card) can ask its user and tell this apart from a refusal. */
export const CONFIRMATION_META = 'dispute-desk/confirmation-required'

/** Whether the person behind the client confirmed this exact call: asked through elicitation when the
 *  client supports it, else the explicit `confirm: true` argument. Otherwise the answer says what the
 *  call would do and how to confirm it; nothing runs. */
async function confirmedByPerson(
  server: Server,
  spec: ToolSpec,
  args: Record<string, unknown>,
  confirmArgument: boolean,
): Promise<true | CallToolResult> {
  const what = `${spec.title}: ${JSON.stringify(args)}`
  if (server.getClientCapabilities()?.elicitation) {
    try {
      const answer = await server.elicitInput({
        message: `DisputeDesk asks you to confirm: ${what}`,
        requestedSchema: {
          type: 'object',
          properties: { confirm: { type: 'boolean', title: 'Confirm this change', description: what } },
          required: ['confirm'],
        },
      })
      if (answer.action === 'accept' && answer.content?.confirm === true) return true
      return { isError: true, content: [{ type: 'text', text: `${spec.name} not run: the user did not confirm it.` }] }
    } catch {
      // A client that advertised elicitation but failed it falls back to the explicit argument.
    }
  }
  if (confirmArgument) return true
  // An error result: a tool with an output schema must return structuredContent otherwise, and the SDK
  // client (which every host builds on) rejects the whole answer when a listed tool's result has none.
  return {
    isError: true,
    _meta: { [CONFIRMATION_META]: { tool: spec.name, arguments: args } },
    content: [
      {
        type: 'text',
        text:
          `Not done yet. ${what}. Show the user exactly this (the amount and the dispute) and ask them to confirm; ` +
          'if they do, call the tool again with the same arguments and confirm: true.',
      },
    ],
  }
}
