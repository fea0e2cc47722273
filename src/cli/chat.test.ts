/**
 * `npm run chat` as a child with piped stdin (as a script or an editor integration runs it): a
 * multi-line email between """ lines is one turn of the conversation, stored as one message.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, it, vi } from 'vitest'
import { EXAMPLE_LEDGER_PATH, EXAMPLE_TODAY } from '../testing/example-ledger.ts'
import { openConfiguredDb } from './open-configured-db.ts'
import { main as importMain } from './import.ts'

const root = resolve(import.meta.dirname, '../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')

function chat(env: Record<string, string>, stdin: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(tsx, [resolve(root, 'src/cli/chat.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout }))
    child.stdin.end(stdin)
  })
}

it('takes a pasted email between """ lines as one turn, and prints the reply as Markdown', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-chat-'))
  const env = { DISPUTE_DESK_DATA: dataDir, DISPUTE_DESK_TODAY: EXAMPLE_TODAY, DISPUTE_DESK_EMPTY: '1' }
  vi.spyOn(console, 'log').mockImplementation(() => {})
  expect(await importMain([EXAMPLE_LEDGER_PATH], env)).toBe(0)
  vi.restoreAllMocks()
  const email = [
    'Hello,',
    '',
    'Invoice INV-1001 bills WIDGET-A at 14.00 but our contract says 12.50.',
    'Please correct it.',
    'Regards, Ana (Globex)',
  ]
  const r = await chat(env, ['"""', ...email, '"""', '/quit', ''].join('\n'))
  expect(r.code).toBe(0)
  // Piped stdout is not a terminal: the reply stays Markdown, with no escape codes.
  expect(r.stdout).toContain('INV-1001')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point.
  expect(r.stdout).not.toMatch(/\u001b\[/)

  const opened = await openConfiguredDb(env)
  if (!opened.ok) throw new Error(opened.message)
  try {
    const { rows } = await opened.db.query<{ content: string }>(
      "SELECT content FROM conversation_messages WHERE role = 'user' ORDER BY position",
    )
    expect(rows.map((m) => m.content)).toEqual([email.join('\n')])
  } finally {
    await opened.db.close()
  }
}, 120_000)
