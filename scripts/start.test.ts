import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startArgs } from './bench-start.ts'
import { buildServer, freshBuild } from './start.mjs'

// Inside the repository, as npm start's own: the bundle's packages resolve from its node_modules.
mkdirSync('.tmp', { recursive: true })
const builds = mkdtempSync(join(process.cwd(), '.tmp', 'start-build-test-'))
let entry = ''
beforeAll(async () => {
  entry = await buildServer(builds)
})
afterAll(() => rmSync(builds, { recursive: true, force: true }))

describe("npm start's build", () => {
  it('is the one npm start runs, and the one the start benchmark times', () => {
    expect(startArgs()).toEqual(['scripts/start.mjs'])
    expect(startArgs('tsx src/main.ts')).toEqual(['--import', 'tsx', 'src/main.ts'])
  })

  it('runs the server without tsx: its usage answers from the build', () => {
    const r = spawnSync(process.execPath, [entry, '--help'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('usage: npm start')
  })

  it('keeps each source file its own import.meta.url, so the migrations are found beside migrate.ts', () => {
    const code = readdirSync(join(entry, '..'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(entry, '..', f), 'utf8'))
      .join('\n')
    expect(code).toContain(JSON.stringify(pathToFileURL(join(process.cwd(), 'src/adapters/store/migrate.ts')).href))
    expect(code).not.toContain('import.meta.url')
  })

  it('is reused while no file it was made from changed, and made again when one did', () => {
    expect(freshBuild(builds)).toBe(entry)
    const current = JSON.parse(readFileSync(join(builds, 'current.json'), 'utf8'))
    expect(Object.keys(current.inputs)).toEqual(
      expect.arrayContaining(['src/main.ts', 'src/adapters/store/migrate.ts', 'scripts/start.mjs', 'tsconfig.json']),
    )
    const [size, mtime] = current.inputs['src/main.ts']
    writeFileSync(
      join(builds, 'current.json'),
      JSON.stringify({ ...current, inputs: { ...current.inputs, 'src/main.ts': [size, mtime - 1] } }),
    )
    expect(freshBuild(builds)).toBeNull()
  })

  it('keeps two older builds for servers still running from them, and removes the rest', async () => {
    for (let i = 0; i < 3; i++) await buildServer(builds)
    const dirs = readdirSync(builds).filter((d) => d.startsWith('build-'))
    expect(dirs).toHaveLength(3)
    const newest = JSON.parse(readFileSync(join(builds, 'current.json'), 'utf8')).dir
    expect(dirs).toContain(newest)
    expect(dirs).not.toContain(entry.split('/').at(-2))
  })
})
