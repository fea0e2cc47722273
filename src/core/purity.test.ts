/**
 * The core stays pure (STYLE.md): its modules import only zod and each other, and never read a
 * clock or a random source. Test files are exempt (they import vitest, fs, fast-check).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = import.meta.dirname

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? '')
}

/** Strips comments so prose about Date.now does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')

const files = sources(CORE)

describe('src/core is pure', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(20)
    expect(files.map((f) => relative(CORE, f))).toContain('investigate.ts')
  })

  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only zod and src/core', (_name, file) => {
    const outside = importsOf(readFileSync(file, 'utf8')).filter(
      (spec) =>
        spec !== 'zod' && (!spec.startsWith('.') || relative(CORE, resolve(dirname(file), spec)).startsWith('..')),
    )
    expect(outside).toEqual([])
  })

  it.each(files.map((f) => [relative(CORE, f), f]))('%s reads no clock and no randomness', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'))
    expect(text).not.toMatch(/Date\.now\s*\(/)
    expect(text).not.toMatch(/new Date\(\s*\)/)
    expect(text).not.toMatch(/Math\.random\s*\(/)
    expect(text).not.toMatch(/performance\.now\s*\(/)
    expect(text).not.toMatch(/process\.(env|hrtime)/)
  })

  it('catches what it is meant to catch', () => {
    expect(importsOf("import { x } from 'node:fs'\nimport type { Y } from './y.ts'")).toEqual(['node:fs', './y.ts'])
    expect(importsOf("const m = await import('pg')")).toEqual(['pg'])
    expect(code('// Date.now() in a comment\nconst a = 1')).not.toMatch(/Date\.now/)
  })
})
