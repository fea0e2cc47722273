/**
 * MCP over stdio for desktop clients. stdout carries JSON-RPC and nothing else: anything a module
 * prints with console.log would corrupt the stream, so console.log and console.info are sent to
 * stderr before the server starts.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { McpCaller } from './caller.ts'
import { createMcpServer, type McpDeps } from './server.ts'

export function keepStdoutForProtocol(): void {
  console.log = console.error
  console.info = console.error
  console.debug = console.error
}

export async function serveStdio(deps: McpDeps, caller: McpCaller): Promise<McpServer> {
  keepStdoutForProtocol()
  const server = createMcpServer(deps, caller)
  await server.connect(new StdioServerTransport())
  return server
}
