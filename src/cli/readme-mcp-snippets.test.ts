/**
 * The README's MCP client configurations work as written: each JSON block of "AI clients over MCP"
 * is parsed, each stdio server is started with its command, arguments, environment and working
 * directory (outside the repository unless it names one) and asked for its tools by the SDK's
 * client, each HTTP server is reached with its headers, and the curl line is sent as it is. Only
 * the placeholders are filled in: the repository's path, a real key, and a data folder of the test.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importLedgerValue } from '../adapters/store/import-value.ts'
import { createStore } from '../adapters/store/store.ts'
import { issueKey } from '../services/api-keys.ts'
import { EXAMPLE_TODAY, exampleLedger } from '../testing/example-ledger.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { openConfiguredDb } from './open-configured-db.ts'

const root = resolve(import.meta.dirname, '../..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('### AI clients over MCP'), readme.indexOf('### Plugging in'))
const blocks = (lang: string) =>
  [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string)

interface Server {
  command?: string
  args?: string[]
  env?: Record<string, string>
  cwd?: string
  url?: string
  headers?: Record<string, string>
}
/** "Claude Desktop (`claude_desktop_config.json`…):" and the block under it. */
const configs = [...section.matchAll(/^([A-Z][\w ]+) \(`[^\n]*\):\n```json\n([\s\S]*?)```/gm)].map((m) => ({
  client: m[1] as string,
  config: JSON.parse(m[2] as string) as { mcpServers?: Record<string, Server>; servers?: Record<string, Server> },
}))
const servers: [string, Server][] = configs.flatMap(({ client, config }) =>
  Object.entries(config.mcpServers ?? config.servers ?? {}).map(([name, s]): [string, Server] => [
    `${client}: ${name}`,
    s,
  ]),
)
const KEY_PLACEHOLDERS = /ddk_your_key_here|\$\{input:dd-key\}/g

const dataDir = mkdtempSync(join(tmpdir(), 'dd-readme-mcp-'))
const elsewhere = mkdtempSync(join(tmpdir(), 'dd-readme-cwd-'))
let key = ''
let t: TestApp

/** The placeholders filled in; everything else as the README wrote it. */
const fill = (s: string, withKey: string) =>
  s
    .replaceAll('/path/to/dispute-desk/.data', dataDir)
    .replaceAll('/path/to/dispute-desk', root)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable, as its config writes it.
    .replaceAll('${workspaceFolder}', root)
    .replace(KEY_PLACEHOLDERS, withKey)

beforeAll(async () => {
  const env = { DISPUTE_DESK_DATA: dataDir }
  const opened = await openConfiguredDb(env)
  if (!opened.ok) throw new Error(opened.message)
  try {
    const imported = await importLedgerValue(opened.db, exampleLedger(), { id: 'test', name: 'test', role: 'admin' })
    if (!imported.ok) throw new Error(imported.error.message)
    const issued = await issueKey(createStore(opened.db).apiKeys, { name: 'README reader', role: 'specialist' }, null)
    if (!issued.ok) throw new Error(issued.error.message)
    key = issued.value.key
  } finally {
    await opened.db.close()
  }
  t = await createTestApp()
}, 120_000)
afterAll(() => t?.close())

describe('the README’s MCP client snippets', () => {
  it('are valid JSON with a stdio and an HTTP server for each client, and keys written as ddk_ keys', () => {
    expect(blocks('json')).toHaveLength(3)
    expect(configs.map((c) => c.client)).toEqual(['Claude Desktop', 'VS Code', 'Cursor'])
    expect(servers.filter(([, s]) => s.command).length).toBe(3)
    expect(servers.filter(([, s]) => s.url).length).toBe(2)
    expect(section).not.toMatch(/\bdd_\w/)
    for (const [, s] of servers.filter(([, s]) => s.command && !s.cwd)) {
      // Started from anywhere: it must say where the prompts are.
      expect(s.env?.DISPUTE_DESK_PROMPTS).toBe('/path/to/dispute-desk/prompts')
    }
  })

  it.each(servers.filter(([, s]) => s.command))(
    '%s starts as written and lists its tools',
    async (_name, s) => {
      const env = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, fill(v, key)]))
      const transport = new StdioClientTransport({
        command: s.command as string,
        args: (s.args ?? []).map((a) => fill(a, key)),
        // A data folder of the test's (one that names none would be the repository's own ./.data).
        env: { ...env, DISPUTE_DESK_DATA: dataDir, DISPUTE_DESK_TODAY: EXAMPLE_TODAY },
        cwd: s.cwd ? fill(s.cwd, key) : elsewhere,
        stderr: 'pipe',
      })
      const client = new Client({ name: 'readme-test', version: '1' })
      await client.connect(transport)
      try {
        const { tools } = await client.listTools()
        const names = tools.map((x) => x.name)
        // The key was read: a specialist may open disputes; without a key only read-only tools are offered.
        expect(names).toContain('open_dispute')
        expect(names).toContain('investigate_dispute')
      } finally {
        await client.close()
      }
    },
    90_000,
  )

  it.each(servers.filter(([, s]) => s.url))('%s answers with its headers', async (_name, s) => {
    const headers = Object.fromEntries(Object.entries(s.headers ?? {}).map(([k, v]) => [k, fill(v, t.keys.specialist)]))
    const transport = new StreamableHTTPClientTransport(new URL(s.url as string), {
      requestInit: { headers },
      fetch: async (url, init) => t.app.fetch(new Request(url, init)),
    })
    const client = new Client({ name: 'readme-test', version: '1' })
    await client.connect(transport)
    try {
      expect((await client.listTools()).tools.map((x) => x.name)).toContain('open_dispute')
    } finally {
      await client.close()
    }
  })

  it('has a curl line that initializes a session over HTTP', async () => {
    const [curl] = blocks('sh')
    if (!curl) throw new Error('no curl example in the MCP section')
    const line = curl.replace(/\\\n\s*/g, ' ')
    const url = /curl -s (\S+)/.exec(line)?.[1] ?? ''
    const headers = Object.fromEntries(
      [...line.matchAll(/-H "([^:]+): ([^"]+)"/g)].map((m) => [
        m[1] as string,
        fill(m[2] as string, t.keys.specialist),
      ]),
    )
    const body = /-d '([^']+)'/.exec(line)?.[1] ?? ''
    const res = await t.app.fetch(new Request(url, { method: 'POST', headers, body }))
    expect(res.status).toBe(200)
    expect(res.headers.get('mcp-session-id')).toMatch(/\S/)
    expect(await res.text()).toContain('"serverInfo"')
  })
})
