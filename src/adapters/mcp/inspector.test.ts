/**
 * A client nobody on the team wrote: the official MCP Inspector in CLI mode starts our stdio
 * server as a child process, lists its tools and calls one.
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../../..')
const inspector = resolve(root, 'node_modules/.bin/mcp-inspector')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const server = resolve(import.meta.dirname, 'test-stdio-server.ts')

async function inspect(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(inspector, ['--cli', tsx, server, ...args], { cwd: root, timeout: 60_000 })
  return JSON.parse(stdout) as Record<string, unknown>
}

describe('the MCP Inspector CLI against the stdio server', () => {
  it('lists the tools a keyless stdio client may call', async () => {
    const r = (await inspect('--method', 'tools/list')) as { tools: { name: string }[] }
    expect(r.tools.map((t) => t.name)).toEqual(['find_invoices', 'get_invoice'])
  }, 60_000)

  it('calls find_invoices with typed arguments', async () => {
    const r = (await inspect(
      '--method',
      'tools/call',
      '--tool-name',
      'find_invoices',
      '--tool-arg',
      'numberFragment=012',
      '--tool-arg',
      'limit=2',
    )) as { structuredContent: { items: { number: string }[]; total: number } }
    expect(r.structuredContent.items.map((i) => i.number)).toEqual(['T-0012', 'T-0120'])
    expect(r.structuredContent.total).toBe(11)
  }, 60_000)
})
