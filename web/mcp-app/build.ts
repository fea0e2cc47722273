/**
 * The dispute card as one HTML page, script and style inline: MCP Apps hosts render it in a
 * sandboxed iframe whose default CSP allows nothing from the network. Built with esbuild on the
 * first read of its resource, then kept.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { bundle } from '../build.ts'

let built: Promise<string> | undefined

async function build(): Promise<string> {
  const [js, css] = await Promise.all([
    bundle('./mcp-app/dispute-card.ts'),
    readFile(fileURLToPath(new URL('./dispute-card.css', import.meta.url)), 'utf8'),
  ])
  // An inline script ends at the first "</script" it contains, whatever the JavaScript means there.
  const script = js.replace(/<\/(script)/gi, '<\\/$1')
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Dispute card</title>\n' +
    `<style>\n${css}</style>\n</head>\n<body>\n<main id="card"><p class="muted">Waiting for the investigation…</p></main>\n` +
    `<script>\n${script}</script>\n</body>\n</html>\n`
  )
}

export function disputeCardHtml(): Promise<string> {
  built ??= build()
  built.catch(() => {
    built = undefined
  })
  return built
}
