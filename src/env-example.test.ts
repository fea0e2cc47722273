/**
 * .env.example is the settings a newcomer copies to .env: it names every variable src/config.ts reads,
 * once, and nothing else, and each value it shows passes the configuration's own checks.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, parseConfig } from './config.ts'

const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
/** Each commented-out setting, `# NAME=value`, as [NAME, value]. */
const settings = [...text.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const)

describe('.env.example', () => {
  it('lists every variable the configuration reads, once, and no other', () => {
    const names = settings.map(([name]) => name)
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort())
  })

  it('shows values the configuration accepts, all of them at once', () => {
    const r = parseConfig(Object.fromEntries(settings))
    expect(r.ok ? [] : r.errors).toEqual([])
  })

  it('sets nothing until a line is uncommented (a copy changes no behaviour)', () => {
    const active = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))
    expect(active).toEqual([])
  })
})
