/**
 * Imports point inward: core ← services ← tools ← adapters ← composition (runtime, server, main, cli).
 * Read from the source files, so a change that breaks the layering fails here, whoever makes it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Lower ranks are inner layers; a file may import its own rank or lower. */
const LAYERS: { prefix: string; rank: number }[] = [
  { prefix: 'src/core/', rank: 0 },
  { prefix: 'src/demo/', rank: 1 },
  { prefix: 'src/services/', rank: 1 },
  { prefix: 'tools/', rank: 2 },
  { prefix: 'src/adapters/', rank: 3 },
  { prefix: 'src/config.ts', rank: 3 },
  { prefix: 'src/', rank: 4 },
]

const rankOf = (path: string): number | undefined => LAYERS.find((l) => path.startsWith(l.prefix))?.rank

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] as string)
}

const files = [...sources('src'), ...sources('tools')]

describe('layering', () => {
  it('reads the source tree', () => expect(files.length).toBeGreaterThan(50))

  it('no file imports a layer outside its own', () => {
    const violations: string[] = []
    for (const file of files) {
      const rank = rankOf(file)
      if (rank === undefined) continue
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = relative(ROOT, resolve(ROOT, dirname(file), spec))
        const targetRank = rankOf(target)
        if (targetRank !== undefined && targetRank > rank) violations.push(`${file} → ${target}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('the services and tools need no Node-only module, so they run on Workers too', () => {
    const nodeOnly = files
      .filter((f) => f.startsWith('src/services/') || f.startsWith('tools/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('node:') || s === 'pg')
          .map((s) => `${f} → ${s}`),
      )
    expect(nodeOnly).toEqual([])
  })
})
