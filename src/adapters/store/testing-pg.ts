/**
 * A real PostgreSQL server for tests: the one DISPUTE_DESK_TEST_PG_URL names, else a throwaway
 * cluster from the machine's binaries (PATH, then /usr/lib/postgresql/<n>/bin), one per test process,
 * listening on a unix socket in its own temp folder and deleted after. initdb costs seconds, so the
 * first process builds a data folder with a migrated template database and keeps it in the OS temp
 * folder (keyed by server version and the migrations' content); each cluster starts from a copy, and
 * each test gets a fresh database made from that template in a few tens of milliseconds.
 * No binaries and no URL: the test fails and says how to install them (no suite is ever skipped).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import type { Db } from './db.ts'
import { loadMigrations, migrate } from './migrate.ts'
import { pgDb } from './pg-db.ts'

export const TEST_PG_URL_VAR = 'DISPUTE_DESK_TEST_PG_URL'
const TEMPLATE = 'dd_template'

export interface PgServer {
  /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
  readonly adminUrl: string
  /** What ran, for the test output: e.g. "PostgreSQL 15.18 (throwaway cluster), pgvector: no". */
  readonly description: string
  readonly version: string
  /** pgvector is installed in the template (so in every test database). */
  readonly pgvector: boolean
  /** The migrated database every test database is copied from. */
  readonly template: string
  /** URL of a database on this server (same credentials and host as adminUrl). */
  urlFor(database: string): string
  /** Stops and deletes a throwaway cluster; leaves a given server alone. */
  stop(): void
}

/** Where the server binaries are: the folder holding initdb (on PATH, else the newest Debian one), or null. */
export function findPgBin(path = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql'): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb'))) return dirname(realpathSync(join(dir, 'initdb')))
  }
  if (!existsSync(debianRoot)) return null
  const versions = readdirSync(debianRoot)
    .filter((v) => existsSync(join(debianRoot, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(debianRoot, versions[0], 'bin') : null
}

export const MISSING_PG_MESSAGE =
  'No PostgreSQL server for the store tests: install Debian\'s "postgresql" package (apt-get install -y postgresql; ' +
  `.ci/run does this) so initdb is under /usr/lib/postgresql/<n>/bin, or set ${TEST_PG_URL_VAR} to a server where the ` +
  'user may CREATE DATABASE.'

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function asServerUser(bin: string, args: string[]): { cmd: string; args: string[] } {
  if (process.getuid?.() !== 0) return { cmd: bin, args }
  return { cmd: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] }
}

function run(bin: string, args: string[]): void {
  const c = asServerUser(bin, args)
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`)
}

function ownedFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  return dir
}

const socketUrl = (socketDir: string, database: string) =>
  `postgres://postgres@${encodeURIComponent(socketDir)}/${database}`

function startCluster(bin: string, dir: string): void {
  const options = [
    `-k ${dir}`,
    "-c listen_addresses=''",
    // A throwaway: durability buys nothing here and costs seconds.
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
    '-c max_connections=60',
  ].join(' ')
  run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-o', options, '-w', 'start'])
}

function stopCluster(bin: string, dir: string): void {
  const c = asServerUser(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'])
  spawnSync(c.cmd, c.args)
  rmSync(dir, { recursive: true, force: true })
}

function migrationsHash(extra: string): string {
  const h = createHash('sha256').update(extra)
  for (const m of loadMigrations()) h.update(m.name).update('\0').update(m.sql)
  return h.digest('hex').slice(0, 16)
}

/** Makes `name` a migrated database on the server at adminUrl. */
async function migrateTemplate(admin: Db, urlFor: (db: string) => string, name: string): Promise<void> {
  await admin.exec(`CREATE DATABASE ${name}`)
  const db = pgDb({ connectionString: urlFor(name), max: 1 })
  try {
    await migrate(db)
  } finally {
    await db.close()
  }
}

/** The cached data folder with a migrated template database, built once per server version and schema. */
async function templateCluster(bin: string): Promise<string> {
  const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim()
  const cached = join(tmpdir(), `dispute-desk-pg-${migrationsHash(version)}`)
  if (existsSync(join(cached, 'data', 'PG_VERSION'))) return cached
  const dir = ownedFolder('dd-pg-build-')
  try {
    run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8'])
    startCluster(bin, dir)
    const admin = pgDb({ connectionString: socketUrl(dir, 'postgres'), max: 1 })
    try {
      await migrateTemplate(admin, (d) => socketUrl(dir, d), TEMPLATE)
    } finally {
      await admin.close()
    }
    run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'])
    rmSync(join(dir, 'log'), { force: true })
    renameSync(dir, cached) // atomic; a concurrent builder's rename fails and its copy is discarded
  } catch (err) {
    if (!existsSync(join(cached, 'data', 'PG_VERSION'))) throw err
  } finally {
    stopCluster(bin, dir)
  }
  return cached
}

async function describeServer(templateUrl: string, where: string) {
  const t = pgDb({ connectionString: templateUrl, max: 1 })
  try {
    const r = await t.query<{ version: string; pgvector: boolean }>(
      "SELECT current_setting('server_version') AS version, EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS pgvector",
    )
    const version = (r.rows[0]?.version ?? '?').split(' ')[0] ?? '?'
    const pgvector = r.rows[0]?.pgvector === true
    return { version, pgvector, description: `PostgreSQL ${version} (${where}), pgvector: ${pgvector ? 'yes' : 'no'}` }
  } finally {
    await t.close()
  }
}

async function throwawayServer(bin: string): Promise<PgServer> {
  const cached = await templateCluster(bin)
  const dir = ownedFolder('dd-pg-')
  rmSync(dir, { recursive: true })
  execFileSync('cp', ['-a', cached, dir])
  const stop = () => stopCluster(bin, dir)
  startCluster(bin, dir)
  // The worker may end without running the suite's afterAll (a crash, a timeout): stop it anyway.
  process.once('exit', stop)
  const about = await describeServer(socketUrl(dir, TEMPLATE), `throwaway cluster in ${dir}`)
  return {
    adminUrl: socketUrl(dir, 'postgres'),
    template: TEMPLATE,
    ...about,
    urlFor: (d) => socketUrl(dir, d),
    stop: () => {
      process.off('exit', stop)
      stop()
    },
  }
}

async function givenServer(url: string): Promise<PgServer> {
  const urlFor = (d: string) => {
    const u = new URL(url)
    u.pathname = `/${d}`
    return u.toString()
  }
  const template = `${TEMPLATE}_${migrationsHash('')}`
  // One connection (a pool of one), so the session lock and CREATE DATABASE share a session.
  const admin = pgDb({ connectionString: url, max: 1 })
  try {
    // Several test processes share the server: one builds the template, the others wait for it.
    await admin.query("SELECT pg_advisory_lock(hashtext('dispute-desk:test-template'))")
    const seen = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])
    if (!seen.rows.length) await migrateTemplate(admin, urlFor, template)
    await admin.query("SELECT pg_advisory_unlock(hashtext('dispute-desk:test-template'))")
  } finally {
    await admin.close()
  }
  const about = await describeServer(urlFor(template), TEST_PG_URL_VAR)
  return { adminUrl: url, template, ...about, urlFor, stop: () => {} }
}

let server: Promise<PgServer> | undefined
let created = 0

/** The server for this test process, started on first use. */
export function pgServer(): Promise<PgServer> {
  server ??= (async () => {
    const given = process.env[TEST_PG_URL_VAR]
    if (given) return givenServer(given)
    const bin = findPgBin()
    if (!bin) throw new Error(MISSING_PG_MESSAGE)
    return throwawayServer(bin)
  })()
  return server
}

/** Stops this process's throwaway cluster (if one was started) and prints what ran. */
export async function stopPgServer(label: string): Promise<void> {
  if (!server) return
  const s = await server.catch(() => undefined)
  server = undefined
  if (!s) return
  console.log(`[${label}] ${s.description}: ${created} test database(s) made`)
  s.stop()
}

/**
 * A fresh database on the real server, with a `pg` Db (a pool of `max` connections): migrated (a
 * copy of the template), or `empty` for tests that run the migrations themselves.
 */
export async function serverPg(
  options: { max?: number; empty?: boolean } = {},
): Promise<{ db: Db; url: string; server: PgServer }> {
  const s = await pgServer()
  const name = `dd_test_${process.pid}_${++created}`
  const admin = pgDb({ connectionString: s.adminUrl, max: 1 })
  try {
    await admin.exec(`CREATE DATABASE ${name}${options.empty ? '' : ` TEMPLATE ${s.template}`}`)
  } finally {
    await admin.close()
  }
  const url = s.urlFor(name)
  const inner = pgDb({ connectionString: url, max: options.max ?? 10 })
  const db: Db = {
    ...inner,
    close: async () => {
      await inner.close()
      const drop = pgDb({ connectionString: s.adminUrl, max: 1 })
      await drop.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => drop.close())
    },
  }
  return { db, url, server: s }
}
