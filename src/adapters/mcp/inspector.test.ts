/**
 * A client nobody on the team wrote: the official MCP Inspector in CLI mode starts the real
 * `npm run mcp` entry (src/cli/mcp.ts) as a child process on a data folder loaded by the import CLI,
 * lists its tools and calls them, without a key (read-only) and with the specialist key.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_LEDGER_PATH } from '../../testing/example-ledger.ts'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../../..')
const inspector = resolve(root, 'node_modules/.bin/mcp-inspector')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const dataDir = mkdtempSync(join(tmpdir(), 'dd-inspector-'))
const env = ['-e', `DISPUTE_DESK_DATA=${dataDir}`, '-e', 'DISPUTE_DESK_EMPTY=1', '-e', 'DISPUTE_DESK_TODAY=2026-03-15']

async function inspect(extraEnv: string[], ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(inspector, ['--cli', ...env, ...extraEnv, tsx, 'src/cli/mcp.ts', ...args], {
    cwd: root,
    timeout: 90_000,
  })
  return JSON.parse(stdout) as Record<string, unknown>
}

beforeAll(async () => {
  await run(tsx, ['src/cli/import.ts', EXAMPLE_LEDGER_PATH], {
    cwd: root,
    env: { ...process.env, DISPUTE_DESK_DATA: dataDir, DISPUTE_DESK_EMPTY: '1' },
    timeout: 90_000,
  })
}, 120_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('the MCP Inspector CLI against npm run mcp', () => {
  it('without a key, lists only the read-only tools', async () => {
    const r = (await inspect([], '--method', 'tools/list')) as {
      tools: { name: string; annotations?: { readOnlyHint?: boolean } }[]
    }
    const names = r.tools.map((t) => t.name)
    expect(names).toContain('get_invoice')
    expect(names).toContain('investigate_dispute')
    expect(names).not.toContain('open_dispute')
    expect(names).not.toContain('decide_credit_memo')
  }, 120_000)

  it('with the specialist key, investigates the pricing example to the core’s figures', async () => {
    // The first start of the runtime on this folder created the local keys and saved them.
    const keys = JSON.parse(readFileSync(join(dataDir, 'local-keys.json'), 'utf8')) as { specialist: string }
    const r = (await inspect(
      ['-e', `DISPUTE_DESK_API_KEY=${keys.specialist}`],
      '--method',
      'tools/call',
      '--tool-name',
      'investigate_dispute',
      '--tool-arg',
      'invoiceNumber=INV-1001',
      '--tool-arg',
      'reasonCode=pricing_error',
    )) as { structuredContent: { supportedAmount: string; classification: string; action: string } }
    expect(r.structuredContent).toMatchObject({
      supportedAmount: '150.00',
      classification: 'valid',
      action: 'credit_memo',
    })
  }, 120_000)
})
