/**
 * One MCP server per connected caller, built from the tool registry. Tools and resources use the
 * low-level handlers so the advertised JSON schemas are exactly the registry's (jsonSchemaOf) and
 * validation errors are callTool's, naming the field; prompts use McpServer's prompt helpers.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { Services } from '../../services/services.ts'
import type { ToolContext, ToolSpec } from '../../../tools/define-tool.ts'
import { tools as registryTools } from '../../../tools/index.ts'
import type { McpCaller } from './caller.ts'
import type { AppPages } from './mcp-apps.ts'
import { registerPrompts } from './mcp-prompts.ts'
import { installResourceHandlers } from './mcp-resources.ts'
import { installToolHandlers } from './mcp-tools.ts'

export interface McpDeps {
  services: Services
  /** The assistant's today, "YYYY-MM-DD", read on every call. */
  today: () => string
  /** The consultant persona (prompts/persona.md) the resolve-dispute prompt carries. */
  persona: string
  /** Defaults to the registry; tests pass a smaller list. */
  tools?: readonly ToolSpec[]
  version?: string
  /** The MCP Apps pages, prebuilt (the Worker cannot run esbuild); built on their first read when absent. */
  appPages?: AppPages
}

export const SERVER_NAME = 'dispute-desk'

const INSTRUCTIONS =
  'DisputeDesk resolves invoice disputes from the ledger. Call investigate_dispute as soon as you know the invoice ' +
  'and the reason; quote its figures exactly and never compute your own. Money never moves without a recorded ' +
  'approval by a person with the right role: request_credit_memo only files a request. List tools page with ' +
  'limit/offset and filter dates with from/to (YYYY-MM-DD).'

export function createMcpServer(deps: McpDeps, caller: McpCaller): McpServer {
  const registry = deps.tools ?? registryTools
  const server = new McpServer(
    { name: SERVER_NAME, title: 'DisputeDesk', version: deps.version ?? '0.1.0' },
    {
      capabilities: { tools: { listChanged: false }, resources: { listChanged: false } },
      instructions: INSTRUCTIONS,
    },
  )
  const context = (): ToolContext => ({
    services: deps.services,
    actor: caller.actor,
    today: deps.today(),
    readOnly: caller.readOnly,
  })
  installToolHandlers(server.server, { registry, caller, context })
  installResourceHandlers(server.server, { registry, context, ...(deps.appPages ? { appPages: deps.appPages } : {}) })
  registerPrompts(server, { registry, context, persona: deps.persona })
  return server
}
