import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main, parseKeysArgs } from './keys.ts'

afterEach(() => vi.restoreAllMocks())

function captured() {
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  return out
}

describe('npm run keys: arguments', () => {
  it('reads a create command into the same input the API validates', () => {
    expect(
      parseKeysArgs(['create', '--name', 'Ana Ruiz', '--role', 'lead', '--email', 'ana@x.io', '--read-only']),
    ).toEqual({ command: 'create', input: { name: 'Ana Ruiz', role: 'lead', email: 'ana@x.io', readOnly: true } })
    expect(parseKeysArgs(['revoke', 'key-1'])).toEqual({ command: 'revoke', id: 'key-1' })
    expect(parseKeysArgs(['list', '--json'])).toEqual({ command: 'list', json: true })
  })

  it('names the option that is wrong, with the usage', () => {
    expect(parseKeysArgs(['create', '--name', 'Ana', '--role', 'boss'])).toMatch(
      /^--role: .*\nusage: npm run keys -- create/,
    )
    expect(parseKeysArgs(['create', '--role', 'lead'])).toMatch(/^--name: /)
    expect(parseKeysArgs(['create', '--name', 'Ana', '--role', 'lead', '--email', 'nope'])).toMatch(/^--email: /)
    expect(parseKeysArgs(['create', '--nope'])).toMatch(/Unknown option '--nope'/)
    expect(parseKeysArgs(['revoke'])).toMatch(/revoke needs one key id/)
    expect(parseKeysArgs(['rotate'])).toMatch(/unknown command "rotate"/)
  })

  it('prints help for the tool and for each command, with exit code 0, without opening a database', async () => {
    for (const [argv, text] of [
      [['--help'], 'commands:'],
      [['create', '--help'], '--read-only'],
      [['list', '-h'], '--json'],
      [['revoke', '--help'], 'the prefix the list shows'],
    ] as const) {
      const out = captured()
      expect(await main([...argv], { DISPUTE_DESK_DATA: '/nonexistent/never-opened' })).toBe(0)
      expect(out.join('\n')).toContain(text)
      vi.restoreAllMocks()
    }
  })

  it('exits 2 on a usage error and on a bad environment', async () => {
    captured()
    expect(await main(['create', '--name', 'Ana'], { DISPUTE_DESK_DATA: 'memory' })).toBe(2)
    expect(await main(['list'], { DISPUTE_DESK_DATA: 'memory', PORT: 'not a port' })).toBe(2)
  })
})

describe('npm run keys: on a data folder', () => {
  const env = { DISPUTE_DESK_DATA: mkdtempSync(join(tmpdir(), 'dd-keys-cli-')) }

  it('creates a key printed once, lists it with its person, and revokes it by the prefix the list shows', async () => {
    let out = captured()
    expect(await main(['create', '--name', 'Ana Ruiz', '--role', 'lead', '--email', 'ana@example.com'], env)).toBe(0)
    const key = out.find((l) => l.startsWith('ddk_')) as string
    expect(key).toMatch(/^ddk_[0-9a-f]{48}$/)
    expect(out.join('\n')).toMatch(/Created key-\S+ for Ana Ruiz \(lead\)/)

    vi.restoreAllMocks()
    out = captured()
    expect(await main(['create', '--name', 'Finn Cole', '--role', 'finance_controller', '--read-only'], env)).toBe(0)

    vi.restoreAllMocks()
    out = captured()
    expect(await main(['list'], env)).toBe(0)
    const table = out.join('\n')
    expect(table).toMatch(/^id\s+prefix\s+person\s+role\s+read-only\s+created\s+last used\s+revoked$/m)
    expect(table).toMatch(/Ana Ruiz <ana@example.com>\s+lead\s+no\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-\s+-$/m)
    expect(table).toMatch(/Finn Cole\s+finance_controller\s+yes/)
    expect(table).not.toContain(key)

    vi.restoreAllMocks()
    out = captured()
    expect(await main(['revoke', `${key.slice(0, 10)}…`], env)).toBe(0)
    expect(out.join('\n')).toMatch(/Revoked key-\S+ \(ddk_\w{6}…\) of Ana Ruiz \(lead\)/)

    vi.restoreAllMocks()
    out = captured()
    expect(await main(['list', '--json'], env)).toBe(0)
    const listed = JSON.parse(out.join('\n')) as { name: string; revokedAt: string | null }[]
    expect(listed.find((k) => k.name === 'Ana Ruiz')?.revokedAt).toMatch(/^\d{4}-/)
    expect(listed.find((k) => k.name === 'Finn Cole')?.revokedAt).toBeNull()
  }, 60_000)

  it('fails with exit code 1 on an unknown key and on a second role for the same person', async () => {
    const out = captured()
    expect(await main(['revoke', 'key-nope'], env)).toBe(1)
    expect(
      await main(['create', '--name', 'ana ruiz', '--role', 'specialist', '--email', 'ANA@example.com'], env),
    ).toBe(1)
    expect(out.join('\n')).toMatch(/No API key key-nope[\s\S]*Ana Ruiz is a lead; a person has one role/)
  }, 60_000)
})
