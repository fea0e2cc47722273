/**
 * Bundles the widget and the dashboard with esbuild, in memory. The server builds once, on the first
 * request for a script or stylesheet (about a tenth of a second; start-up does not wait for it), so a
 * plain `npm install && npm start` serves them with no build step; `npm run build:web` prints the sizes.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { disputeCardPage } from './mcp-app/page.ts'

export interface WebBundles {
  widgetJs: string
  leadsJs: string
  leadsCss: string
  portalJs: string
  portalCss: string
  /** The MCP Apps dispute card (web/mcp-app), one self-contained page the MCP server serves as ui://. */
  disputeCardHtml: string
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`)
  return file.text
}

export async function buildDisputeCard(): Promise<string> {
  const [js, css] = await Promise.all([
    bundle('./mcp-app/dispute-card.ts'),
    readFile(here('./mcp-app/dispute-card.css'), 'utf8'),
  ])
  return disputeCardPage(js, css)
}

export async function buildWebBundles(): Promise<WebBundles> {
  const [widgetJs, leadsJs, leadsCss, portalJs, portalCss, disputeCardHtml] = await Promise.all([
    bundle('./widget/index.ts'),
    bundle('./leads/app.ts'),
    readFile(here('./leads/styles.css'), 'utf8'),
    bundle('./portal/app.ts'),
    readFile(here('./portal/styles.css'), 'utf8'),
    buildDisputeCard(),
  ])
  return { widgetJs, leadsJs, leadsCss, portalJs, portalCss, disputeCardHtml }
}

export function gzippedBytes(text: string): number {
  return gzipSync(Buffer.from(text)).length
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void buildWebBundles().then((b) => {
    for (const [name, text] of Object.entries(b)) {
      console.log(
        `${name}: ${(text.length / 1024).toFixed(1)} KB, ${(gzippedBytes(text) / 1024).toFixed(1)} KB gzipped`,
      )
    }
  })
}
