/**
 * HTML to PDF in headless Chromium through playwright-core, the pair the browser tests already use
 * (no browser download: the system's Chromium). Either may be missing where the server runs; the
 * answer then says what to install instead of failing the request with a stack trace.
 */
import { existsSync } from 'node:fs'

export type PdfResult = { ok: true; pdf: Uint8Array } | { ok: false; message: string }
export type RenderPdf = (html: string) => Promise<PdfResult>

/** Where Debian, Ubuntu and Chrome's packages put the browser. */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
] as const

const INSTALL =
  'Install Chromium ("apt-get install -y chromium", or Google Chrome) and playwright-core ("npm install", a ' +
  'dev dependency); the HTML and CSV formats work without them.'

export function chromiumPdf(paths: readonly string[] = CHROMIUM_PATHS): RenderPdf {
  return async (html) => {
    const executablePath = paths.find((p) => existsSync(p))
    if (!executablePath) return { ok: false, message: `No Chromium found at ${paths.join(', ')}. ${INSTALL}` }
    let chromium: typeof import('playwright-core').chromium
    try {
      chromium = (await import('playwright-core')).chromium
    } catch {
      return { ok: false, message: `playwright-core is not installed. ${INSTALL}` }
    }
    let browser: Awaited<ReturnType<typeof chromium.launch>>
    try {
      browser = await chromium.launch({
        executablePath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      })
    } catch (error) {
      // A browser that cannot start is no browser: say so, with the start-up error's first line.
      const why = String((error as Error).message ?? error).split('\n')[0]
      return { ok: false, message: `Chromium at ${executablePath} could not start (${why}). ${INSTALL}` }
    }
    try {
      const page = await browser.newPage({ javaScriptEnabled: false })
      // The page is whole (inline styles, no script, no image from elsewhere): nothing to wait for.
      await page.setContent(html, { waitUntil: 'load' })
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
      return { ok: true, pdf: new Uint8Array(pdf) }
    } finally {
      await browser.close()
    }
  }
}
