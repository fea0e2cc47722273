/**
 * HTML to PDF in headless Chromium through playwright-core, the pair the browser tests already use
 * (no browser download: the system's Chromium). One browser serves every request: started on the
 * first PDF, a fresh page per request, closed on shutdown, started again if it crashed. Either may
 * be missing where the server runs; the answer then says what to install instead of failing the
 * request with a stack trace.
 */
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'

export type PdfResult = { ok: true; pdf: Uint8Array } | { ok: false; message: string }
export type RenderPdf = (html: string) => Promise<PdfResult>

export interface PdfPrinter {
  render: RenderPdf
  /** Closes the browser if one was started; the next render starts another. */
  close(): Promise<void>
  /** How many browsers were started (1 however many PDFs, unless one crashed). */
  readonly launches: number
}

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

type Launched = { ok: true; browser: Browser } | { ok: false; message: string }

async function launch(paths: readonly string[]): Promise<Launched> {
  const executablePath = paths.find((p) => existsSync(p))
  if (!executablePath) return { ok: false, message: `No Chromium found at ${paths.join(', ')}. ${INSTALL}` }
  let chromium: typeof import('playwright-core').chromium
  try {
    chromium = (await import('playwright-core')).chromium
  } catch {
    return { ok: false, message: `playwright-core is not installed. ${INSTALL}` }
  }
  try {
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
    return { ok: true, browser }
  } catch (error) {
    // A browser that cannot start is no browser: say so, with the start-up error's first line.
    const why = String((error as Error).message ?? error).split('\n')[0]
    return { ok: false, message: `Chromium at ${executablePath} could not start (${why}). ${INSTALL}` }
  }
}

/** A printer that starts one browser lazily and reuses it; a failed start is tried again on the next PDF. */
export function chromiumPrinter(paths: readonly string[] = CHROMIUM_PATHS): PdfPrinter {
  let starting: Promise<Launched> | null = null
  let launches = 0
  const browser = (): Promise<Launched> => {
    if (!starting) {
      launches++
      const started = launch(paths).then((l) => {
        if (!l.ok) starting = null
        else
          l.browser.on('disconnected', () => {
            // A crashed browser is started again on the next PDF (not one a later start replaced).
            if (starting === started) starting = null
          })
        return l
      })
      starting = started
    }
    return starting
  }
  return {
    get launches() {
      return launches
    },
    async render(html) {
      const b = await browser()
      if (!b.ok) return b
      const context = await b.browser.newContext({ javaScriptEnabled: false })
      try {
        const page = await context.newPage()
        // The page is whole (inline styles, no script, no image from elsewhere): nothing to wait for.
        await page.setContent(html, { waitUntil: 'load' })
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
        return { ok: true, pdf: new Uint8Array(pdf) }
      } finally {
        await context.close()
      }
    },
    async close() {
      const running = starting
      starting = null
      const b = running ? await running : null
      if (b?.ok) await b.browser.close()
    },
  }
}

/** A one-off render (its own printer, closed after): for callers that print once. */
export function chromiumPdf(paths: readonly string[] = CHROMIUM_PATHS): RenderPdf {
  return async (html) => {
    const printer = chromiumPrinter(paths)
    try {
      return await printer.render(html)
    } finally {
      await printer.close()
    }
  }
}

let shared: PdfPrinter | null = null

/** The server's printer: one browser for every report request, made on the first PDF. */
export function sharedPdfPrinter(): PdfPrinter {
  shared ??= chromiumPrinter()
  return shared
}

/** On shutdown: closes the server's browser if a PDF ever started one. */
export async function closeSharedPdfPrinter(): Promise<void> {
  const printer = shared
  shared = null
  await printer?.close()
}
