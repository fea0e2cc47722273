/**
 * The report's printer on the machine's Chromium: one browser for every PDF, started on the first,
 * closed on shutdown and started again after; a missing browser is a reason, not a crash.
 */
import { describe, expect, it } from 'vitest'
import { chromiumPrinter } from './chromium-pdf.ts'

const page = (n: number) => `<!doctype html><title>Report ${n}</title><h1>Report ${n}</h1>`
const isPdf = (r: Awaited<ReturnType<ReturnType<typeof chromiumPrinter>['render']>>) =>
  r.ok && new TextDecoder().decode(r.pdf.slice(0, 5)) === '%PDF-'

describe('the PDF printer', () => {
  it('prints four reports, two at once, with one browser, and starts another only after it is closed', async () => {
    const printer = chromiumPrinter()
    try {
      const [a, b] = await Promise.all([printer.render(page(1)), printer.render(page(2))])
      const c = await printer.render(page(3))
      expect([a, b, c].map(isPdf)).toEqual([true, true, true])
      expect(printer.launches).toBe(1)
      await printer.close()
      expect(isPdf(await printer.render(page(4)))).toBe(true)
      expect(printer.launches).toBe(2)
    } finally {
      await printer.close()
    }
  }, 60_000)

  it('answers with the reason when there is no browser, and tries again on the next PDF', async () => {
    const printer = chromiumPrinter(['/nonexistent/chromium'])
    const r = await printer.render(page(1))
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^No Chromium found at \/nonexistent\/chromium\./) })
    await printer.render(page(2))
    expect(printer.launches).toBe(2)
    await printer.close()
  })
})
