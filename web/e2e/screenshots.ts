/**
 * Where the browser tests write their screenshots. The README's images in docs/screenshots/ are
 * rewritten only when asked (`UPDATE_SCREENSHOTS=1 npx vitest run web/e2e`), so an ordinary run never
 * leaves a tracked image changed by pixel noise; otherwise they go to .tmp/shots/ (git-ignored), or to
 * the folder DISPUTE_DESK_SCREENSHOTS names. Each is taken without animation or caret, and kept small.
 */
import { mkdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? `${ROOT}docs/screenshots/`
    : `${ROOT}${(process.env.DISPUTE_DESK_SCREENSHOTS || '.tmp/shots').replace(/\/?$/, '/')}`

/** Writes `name` (e.g. "worklist-375.png") and returns its size in bytes. */
export async function screenshot(target: Page | Locator, name: string, fullPage = false): Promise<number> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = `${SCREENSHOTS}${name}`
  const options = { path, animations: 'disabled', caret: 'hide' } as const
  await ('goto' in target ? target.screenshot({ ...options, fullPage }) : target.screenshot(options))
  return statSync(path).size
}
