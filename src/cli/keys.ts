/**
 * `npm run keys -- create|list|revoke`: the people who use DisputeDesk and their API keys, on the
 * configured database (DISPUTE_DESK_DATA or DATABASE_URL). A key is printed once, when it is created;
 * only its hash is stored. Exit codes: 0 done, 1 failed, 2 usage.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { createStore } from '../adapters/store/store.ts'
import { ROLES } from '../core/resolution.ts'
import { issueKey, NewKeyInput, revokeKey } from '../services/api-keys.ts'
import type { ApiKeyListing, Store } from '../services/ports.ts'
import { exitCodes, readDotEnv, runIfEntry } from './entry.ts'
import { openConfiguredDb } from './open-configured-db.ts'

const USAGE = {
  main: `usage: npm run keys -- <command> [options]
commands:
  create   create a key for a person (printed once)
  list     every key: id, prefix, person, role, read-only, created, last used, revoked
  revoke   revoke a key; requests with it are refused at once
Run "npm run keys -- <command> --help" for its options. The database is DISPUTE_DESK_DATA or
DATABASE_URL, from the environment or a .env file in the working directory.
${exitCodes('done', 'failed (no such key, database in use or unreachable)')}`,
  create: `usage: npm run keys -- create --name NAME --role ROLE [--email EMAIL] [--read-only]
  --name NAME     the person's name, as the audit trail shows it ("Ana Ruiz")
  --role ROLE     ${ROLES.join(' | ')}
  --email EMAIL   optional; a key for an email (else a name) that already has keys joins that person
  --customer ID   for --role customer (required there): the customer the key is bound to (CUS-1007)
  --read-only     the key may look things up but not change anything`,
  list: `usage: npm run keys -- list [--json]
  --json          one JSON array instead of a table`,
  revoke: `usage: npm run keys -- revoke ID
  ID              the key's id, or the prefix the list shows (ddk_ab12cd)`,
} as const

type Command = 'create' | 'list' | 'revoke'

const OPTIONS = {
  create: {
    name: { type: 'string' },
    role: { type: 'string' },
    email: { type: 'string' },
    customer: { type: 'string' },
    'read-only': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  list: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  revoke: { help: { type: 'boolean', short: 'h' } },
} as const satisfies Record<Command, ParseArgsConfig['options']>

type Parsed =
  | { command: 'help'; text: string }
  | { command: 'create'; input: NewKeyInput }
  | { command: 'list'; json: boolean }
  | { command: 'revoke'; id: string }

/** Reads the arguments; a string is a usage error to print (exit code 2). */
export function parseKeysArgs(argv: string[]): Parsed | string {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help', text: USAGE.main }
  }
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    return `unknown command "${command}"\n${USAGE.main}`
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] }
  try {
    // One config per command: the values' type is the union of all three, so it is named once here.
    parsed = parseArgs({
      args: rest,
      options: OPTIONS[command],
      allowPositionals: command === 'revoke',
      strict: true,
    }) as typeof parsed
  } catch (err) {
    return `${(err as Error).message}\n${USAGE[command]}`
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help', text: USAGE[command] }
  if (command === 'list') return { command: 'list', json: values.json === true }
  if (command === 'revoke') {
    if (positionals.length !== 1) return `revoke needs one key id\n${USAGE.revoke}`
    return { command: 'revoke', id: positionals[0] as string }
  }
  const input = NewKeyInput.safeParse({
    name: values.name,
    role: values.role,
    ...(values.email !== undefined ? { email: values.email } : {}),
    ...(values.customer !== undefined ? { customerId: values.customer } : {}),
    ...(values['read-only'] ? { readOnly: true } : {}),
  })
  if (!input.success) {
    const problems = input.error.issues.map((i) => `--${String(i.path[0] ?? 'name')}: ${i.message}`)
    return `${problems.join('\n')}\n${USAGE.create}`
  }
  return { command: 'create', input: input.data }
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-')

/** The list as an aligned text table. */
export function formatKeys(keys: ApiKeyListing[]): string {
  const head = ['id', 'prefix', 'person', 'role', 'read-only', 'created', 'last used', 'revoked']
  const rows = keys.map((k) => [
    k.id,
    `${k.prefix}…`,
    k.email ? `${k.name} <${k.email}>` : k.name,
    k.role,
    k.readOnly ? 'yes' : 'no',
    day(k.createdAt),
    day(k.lastUsedAt),
    day(k.revokedAt),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(head), ...rows.map(line)].join('\n')
}

async function run(store: Store, args: Exclude<Parsed, { command: 'help' }>): Promise<number> {
  if (args.command === 'list') {
    const all = await store.apiKeys.list({ includeRevoked: true })
    console.log(args.json ? JSON.stringify(all, null, 2) : all.length ? formatKeys(all) : 'No keys yet.')
    return 0
  }
  if (args.command === 'create') {
    const r = await issueKey(store.apiKeys, args.input, null, store.ledger)
    if (!r.ok) {
      console.error(`${r.error.message}`)
      return 1
    }
    const k = r.value.record
    console.log(`Created ${k.id} for ${k.name} (${k.role}${k.readOnly ? ', read-only' : ''}).`)
    console.log('The key is shown this once; only its hash is stored:')
    console.log(r.value.key)
    return 0
  }
  const r = await revokeKey(store.apiKeys, args.id, null)
  if (!r.ok) {
    console.error(r.error.message)
    return 1
  }
  console.log(`Revoked ${r.value.id} (${r.value.prefix}…) of ${r.value.name} (${r.value.role}).`)
  return 0
}

/** `dotEnv`: a .env file to read into `env` first (the command line reads ./.env; tests pass none). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { dotEnv?: string } = {},
): Promise<number> {
  const args = parseKeysArgs(argv)
  if (typeof args === 'string') {
    console.error(args)
    return 2
  }
  if (args.command === 'help') {
    console.log(args.text)
    return 0
  }
  if (options.dotEnv !== undefined && !readDotEnv('keys', options.dotEnv)) return 2
  const opened = await openConfiguredDb(env)
  if (!opened.ok) {
    console.error(opened.message)
    return opened.exitCode
  }
  try {
    return await run(createStore(opened.db), args)
  } finally {
    await opened.db.close()
  }
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2), process.env, { dotEnv: '.env' }))
