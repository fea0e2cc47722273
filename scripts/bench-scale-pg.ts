/**
 * The PostgreSQL server `npm run bench:scale` measures on: a cluster of its own, from the machine's
 * binaries, in a folder that outlives the run (a million invoices take minutes to import, so a second
 * run with --reuse measures again without importing). Unlike the tests' throwaway cluster it keeps
 * the server's default durability, and it loads pg_stat_statements to show what each turn reads.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { findPgBin, MISSING_PG_MESSAGE } from '../src/adapters/store/testing-pg.ts'
import { pgDb } from '../src/adapters/store/pg-db.ts'

export const DATABASE = 'dd_scale'

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function run(bin: string, args: string[]): void {
  const [cmd, ...rest] = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', bin, ...args] : [bin, ...args]
  const r = spawnSync(cmd as string, rest, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`)
}

export interface ScaleServer {
  /** The bench's database. */
  url: string
  /** The maintenance database, for CREATE DATABASE. */
  adminUrl: string
  stop(): void
}

/** Starts the cluster in `dir/pg` (made on first use) with an empty or existing `dd_scale` database. */
export async function startScaleServer(dir: string, fresh: boolean): Promise<ScaleServer> {
  const bin = findPgBin()
  if (!bin) throw new Error(MISSING_PG_MESSAGE)
  const data = join(dir, 'pg')
  const socket = join(dir, 'socket')
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(data, { recursive: true })
    mkdirSync(socket, { recursive: true })
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir])
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'])
  }
  const options = [`-k ${socket}`, "-c listen_addresses=''", '-c shared_preload_libraries=pg_stat_statements']
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'pg.log'), '-o', options.join(' '), '-w', 'start'])
  const url = (db: string) => `postgres://postgres@${encodeURIComponent(socket)}/${db}`
  const admin = pgDb({ connectionString: url('postgres'), max: 1 })
  try {
    if (fresh) await admin.exec(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
    const seen = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (!seen.rows.length) await admin.exec(`CREATE DATABASE ${DATABASE}`)
  } finally {
    await admin.close()
  }
  const db = pgDb({ connectionString: url(DATABASE), max: 1 })
  await db.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').finally(() => db.close())
  return {
    url: url(DATABASE),
    adminUrl: url('postgres'),
    stop: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
  }
}
