// @ts-check
/**
 * `npm start`: runs src/main.ts from a build esbuild makes of it, rebuilt here whenever a source it
 * was made from has changed, so `npm install && npm start` is still all a user types. Plain
 * JavaScript, because what it saves is the tsx loader: every module of the server resolved and
 * transformed through tsx's hooks cost a warm start about 1 s of its ~3 s (docs/performance.md,
 * "Start-up"). The server's own modules are bundled, split where main.ts and the runtime import
 * lazily (the understanding code, the MCP SDK, the demo generator stay loaded on first use); the
 * packages are not: Node loads them from node_modules as before.
 *
 * A build is one folder under .tmp/start-build/, named by when it was made; current.json names the
 * newest and the size and modification time of every file it was made from. A start compares
 * those (a few hundred stats, a few milliseconds) and rebuilds (under a second) when one differs.
 * Folders of older builds are kept a while (a server started from one still loads its lazy chunks
 * from it), then removed. When no build can be made (a read-only checkout), the server runs
 * through tsx as before.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = 'src/main.ts'
/** Files that shape the build without being one of its modules. */
const ALSO_INPUTS = ['scripts/start.mjs', 'tsconfig.json', 'package.json']
/** Builds kept besides the current one, for servers still running from them. */
const KEEP_OLDER = 2

/**
 * @typedef {{ dir: string, inputs: Record<string, [number, number]> }} Current
 * `inputs`: each file (relative to the repository) with its size and modification time.
 */

/** @param {string} file  @returns {[number, number] | null} */
function signature(file) {
  try {
    const s = statSync(join(ROOT, file))
    return [s.size, s.mtimeMs]
  } catch {
    return null
  }
}

/**
 * The current build's entry when every file it was made from is unchanged, else null.
 * @param {string} builds  @returns {string | null}
 */
export function freshBuild(builds) {
  /** @type {Current} */
  let current
  try {
    current = JSON.parse(readFileSync(join(builds, 'current.json'), 'utf8'))
  } catch {
    return null
  }
  for (const [file, [size, mtime]] of Object.entries(current.inputs)) {
    const now = signature(file)
    if (!now || now[0] !== size || now[1] !== mtime) return null
  }
  return join(builds, current.dir, 'main.js')
}

/**
 * Builds src/main.ts into a new folder of `builds`, makes it the current one and removes old ones.
 * `builds` is inside the repository: the build's packages resolve from its node_modules.
 * @param {string} builds  @returns {Promise<string>} the build's entry
 */
export async function buildServer(builds) {
  const { build } = await import('esbuild')
  const started = Date.now()
  const dir = `build-${started}-${process.pid}`
  const out = join(builds, dir)
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // Node reads and parses the map of every module it loads (source maps are on, below); without the
    // sources' text inlined the maps are half the size. A stack trace maps the same; the source line
    // an uncaught error prints is read from src/ instead, where the build was made from.
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrls],
  })
  /** @type {Current['inputs']} */
  const inputs = {}
  for (const file of [...Object.keys(result.metafile.inputs), ...ALSO_INPUTS]) {
    const sig = signature(file)
    // A file changed while esbuild ran may be in the build as it was before: the next start rebuilds.
    if (sig) inputs[file] = sig[1] >= started ? [-1, -1] : sig
  }
  const temp = join(builds, `current.json.${process.pid}`)
  writeFileSync(temp, JSON.stringify({ dir, inputs }))
  renameSync(temp, join(builds, 'current.json'))
  pruneBuilds(builds, dir)
  return join(out, 'main.js')
}

/**
 * `import.meta.url` in a bundled module is the bundle's; each source file gets its own back (the
 * migrations and the web sources are found beside the file that names them).
 * @type {import('esbuild').Plugin}
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const url = JSON.stringify(pathToFileURL(args.path).href)
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' }
    })
  },
}

/** @param {string} builds  @param {string} current */
function pruneBuilds(builds, current) {
  const older = readdirSync(builds)
    .filter((d) => d.startsWith('build-') && d !== current)
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]))
  for (const d of older.slice(KEEP_OLDER)) rmSync(join(builds, d), { recursive: true, force: true })
}

export const BUILDS = join(ROOT, '.tmp', 'start-build')

/** The build to run: the current one, or a new one; null when none can be made. */
export async function serverBuild(builds = BUILDS) {
  const fresh = freshBuild(builds)
  if (fresh) return fresh
  try {
    mkdirSync(builds, { recursive: true })
    return await buildServer(builds)
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    console.error(
      `(Could not build the server into ${relative(process.cwd(), builds)}: ${why}; running it through tsx.)`,
    )
    return null
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Stack traces name src/*.ts lines, as they did through tsx.
  process.setSourceMapsEnabled(true)
  const entry = await serverBuild()
  if (entry) await import(pathToFileURL(entry).href)
  else {
    const { register } = await import('tsx/esm/api')
    register()
    await import(pathToFileURL(join(ROOT, ENTRY)).href)
  }
}
