/**
 * Wrangler's build step (wrangler.toml `[build]`): what the Node server reads from disk at start —
 * the prompts folder and the web bundles — validated and built now, and written as one module the
 * Worker imports (`#worker-assets`, package.json "imports"). A broken prompt fails
 * the build, not the first request.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { buildWebBundles } from '../web/build.ts'
import { loadPrompts } from './adapters/prompts/load-prompts.ts'

export const WORKER_ASSETS_FILE = '.tmp/worker-build/assets.js'

const [prompts, bundles] = await Promise.all([
  loadPrompts(process.env.DISPUTE_DESK_PROMPTS ?? 'prompts'),
  buildWebBundles(),
])
mkdirSync(dirname(WORKER_ASSETS_FILE), { recursive: true })
writeFileSync(
  WORKER_ASSETS_FILE,
  `export const prompts = ${JSON.stringify(prompts)}\nexport const bundles = ${JSON.stringify(bundles)}\n`,
)
