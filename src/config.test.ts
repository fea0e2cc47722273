import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDotEnv, parseConfig } from './config.ts'

const dir = mkdtempSync(join(tmpdir(), 'dd-dotenv-'))
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('loadDotEnv', () => {
  it('sets the variables of a .env file that the environment does not set, and keeps those it does', () => {
    const path = file('a.env', '# demo\nPORT=9000\nexport DISPUTE_DESK_TODAY="2026-11-29"\nHOST=0.0.0.0 # comment\n')
    const env: Record<string, string | undefined> = { HOST: '127.0.0.1' }
    expect(loadDotEnv(path, env)).toEqual({ ok: true, file: path, names: ['DISPUTE_DESK_TODAY', 'PORT'] })
    expect(env).toEqual({ HOST: '127.0.0.1', PORT: '9000', DISPUTE_DESK_TODAY: '2026-11-29' })
    const parsed = parseConfig(env)
    expect(parsed.ok && [parsed.config.port, parsed.config.host, parsed.config.today]).toEqual([
      9000,
      '127.0.0.1',
      '2026-11-29',
    ])
  })

  it('treats a missing file as nothing to load', () => {
    const env = {}
    expect(loadDotEnv(join(dir, 'none.env'), env)).toEqual({ ok: true, file: null, names: [] })
    expect(env).toEqual({})
  })

  it('says why a .env that exists cannot be read', () => {
    const r = loadDotEnv(dir, {})
    expect(r.ok ? '' : r.error).toMatch(/^cannot read .*EISDIR/)
  })
})

describe('DISPUTE_DESK_DB_THREAD', () => {
  it('puts the embedded database in its own thread when on, keeps it on the main thread when off or unset', () => {
    const thread = (value?: string) => {
      const r = parseConfig(value === undefined ? {} : { DISPUTE_DESK_DB_THREAD: value })
      return r.ok ? r.config.dbThread : r.errors
    }
    expect([thread('on'), thread('off'), thread()]).toEqual([true, false, false])
    expect(thread('yes')).toEqual(['DISPUTE_DESK_DB_THREAD: expected on or off'])
  })
})
