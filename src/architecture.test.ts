/**
 * Imports point inward: core ← services ← tools ← adapters ← composition (runtime, server, main, cli,
 * scripts, evals). Adapters reach each other only through the links listed; web/ talks to the server
 * over HTTP and imports types only (and the pure core). Read from the source files, dynamic imports
 * included, so a change that breaks the layering fails here, whoever makes it.
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
  { prefix: 'scripts/', rank: 4 },
  { prefix: 'evals/', rank: 4 },
]

const rankOf = (path: string): number | undefined => LAYERS.find((l) => path.startsWith(l.prefix))?.rank

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

interface Import {
  spec: string
  /** The imported file from the root, for a relative import. */
  target: string | null
  /** Erased at build: `import type`, `export type`, or `import('…').Name` in a type. */
  typeOnly: boolean
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const statics = [...text.matchAll(/(?:^|\n)\s*(?:import|export)(\s+type\b)?[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => ({ spec: m[2] as string, typeOnly: Boolean(m[1]) }),
  )
  // `await import('./x.ts')` loads code; `import('./x.ts').Shape` only names a type.
  const dynamics = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)(\.(?!then\b)[A-Za-z_])?/g)].map((m) => ({
    spec: m[1] as string,
    typeOnly: Boolean(m[2]),
  }))
  return [...statics, ...dynamics].map((i) => ({
    ...i,
    target: i.spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), i.spec)) : null,
  }))
}

const files = ['src', 'tools', 'web', 'scripts', 'evals'].flatMap(sources)
const edges = files.flatMap((file) => importsOf(file).map((i) => ({ file, ...i })))

/** `src/adapters/http/app.ts` → `http`. */
const adapterOf = (path: string): string | undefined => /^src\/adapters\/([^/]+)\//.exec(path)?.[1]

/**
 * The adapters that use another adapter, and why. A new link fails the test: share through tools,
 * services or the core instead, or list it here with its reason. A link no longer used must go.
 */
const ADAPTER_LINKS: Record<string, string> = {
  'http → agent': 'the Engine port and the chat API shapes (to move where HTTP and both engines share them)',
  'mcp → agent': "the reply renderer for investigate_dispute's text (to move where both can share it)",
  'agent → langchain': "the LLM engine runs the registry's tools as LangChain tools",
  'mcp → http': 'the host guard, body limits and rate limiter the HTTP transport shares',
  'http → inbound': 'the inbound-email webhook parses the message',
  'http → pdf': 'the report as a PDF',
  'http → notify': 'the notification routes read the outbox and dispatcher',
  'http → store': "the import route's report type",
  'notify → store': "the outbox is written in the store's transactions",
  'retrieval → store': 'the search index lives in the same database',
  'langchain → retrieval': 'the LangChain retriever embeds queries like the search does',
}

/** Inner code that imports web/, evals/ or scripts/ today, and why; none may be added. */
const INNER_TO_OUTER: Record<string, string> = {
  'src/adapters/http/web-routes.ts → web/build.ts': 'the pages are bundled on the first request (esbuild at run time)',
  'src/adapters/http/web-routes.ts → web/pages.ts': 'the HTML shells of the pages',
  'src/adapters/mcp/mcp-apps.ts → web/build.ts': "the MCP Apps card's bundle",
}

/** Code web/ loads from outside it besides the pure core, and why; none may be added. */
const WEB_VALUES: Record<string, string> = {
  'web/leads/views/dispute-page.ts → src/adapters/store/dispute-lifecycle.ts':
    'the next statuses (to move to the core)',
  'web/leads/views/worklist-types.ts → src/services/ports.ts': 'the list of dispute statuses',
}

/** The entries of a list of exceptions that no longer occur (fixed: take them off the list). */
const stale = (listed: Record<string, string>, seen: Set<string>) => Object.keys(listed).filter((k) => !seen.has(k))

describe('layering', () => {
  it('reads the source tree', () => expect(files.length).toBeGreaterThan(50))

  it('no file imports a layer outside its own', () => {
    const violations: string[] = []
    for (const file of files) {
      const rank = rankOf(file)
      if (rank === undefined) continue
      for (const { target } of importsOf(file)) {
        if (!target) continue
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
          .filter((i) => !i.typeOnly && (i.spec.startsWith('node:') || i.spec === 'pg'))
          .map((i) => `${f} → ${i.spec}`),
      )
    expect(nodeOnly).toEqual([])
  })

  it('an adapter uses another adapter only through the links listed', () => {
    const seen = new Set<string>()
    const unlisted = new Set<string>()
    for (const e of edges) {
      const from = adapterOf(e.file)
      const to = e.target ? adapterOf(e.target) : undefined
      if (!from || !to || from === to || e.file.includes('/testing')) continue
      const link = `${from} → ${to}`
      seen.add(link)
      if (!(link in ADAPTER_LINKS)) unlisted.add(`${e.file} → ${e.target}`)
    }
    expect([...unlisted]).toEqual([])
    expect(stale(ADAPTER_LINKS, seen)).toEqual([])
  })

  it('the core, services, tools and adapters import nothing from web/, evals/ or scripts/ but the bundles listed', () => {
    const seen = new Set<string>()
    const unlisted: string[] = []
    for (const e of edges) {
      const rank = rankOf(e.file)
      if (rank === undefined || rank > 3 || !e.target || !/^(web|evals|scripts)\//.test(e.target)) continue
      const link = `${e.file} → ${e.target}`
      seen.add(link)
      if (!(link in INNER_TO_OUTER)) unlisted.push(link)
    }
    expect(unlisted).toEqual([])
    expect(stale(INNER_TO_OUTER, seen)).toEqual([])
  })

  it('web/ loads no server code: from outside it, types only, and the pure core', () => {
    const seen = new Set<string>()
    const unlisted: string[] = []
    for (const e of edges) {
      // e2e drives the real app in a browser test; build.ts is the bundler the server runs.
      if (!e.file.startsWith('web/') || e.file.startsWith('web/e2e/') || e.typeOnly || !e.target) continue
      if (e.target.startsWith('web/') || e.target.startsWith('src/core/')) continue
      const link = `${e.file} → ${e.target}`
      seen.add(link)
      if (!(link in WEB_VALUES)) unlisted.push(link)
    }
    expect(unlisted).toEqual([])
    expect(stale(WEB_VALUES, seen)).toEqual([])
  })

  it('reads dynamic imports and tells type-only ones apart', () => {
    // server.ts names the MCP transport's types, and loads its code on the first /mcp request.
    const mcp = edges.filter((e) => e.file === 'src/server.ts' && e.target === 'src/adapters/mcp/http.ts')
    expect(mcp.map((e) => e.typeOnly)).toEqual([true, false])
    const typed = edges.filter((e) => e.file === 'web/widget/types.ts' && e.target?.startsWith('src/'))
    expect(typed.length).toBeGreaterThan(0)
    expect(typed.every((e) => e.typeOnly)).toBe(true)
  })
})
