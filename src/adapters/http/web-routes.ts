/**
 * The web pages: the demo page at "/", the embeddable widget at "/widget.js" and the leads'
 * dashboard at "/leads". Bundles are built in memory once, when the routes are created, so the
 * first visitor does not wait and no build step is needed before `npm start`.
 */
import { Hono } from 'hono'
import { buildWebBundles, type WebBundles } from '../../../web/build.ts'
import { demoPage, leadsPage } from '../../../web/pages.ts'

export interface WebRoutesOptions {
  /** A specialist key the demo page embeds in its script tag (local demos only). */
  demoApiKey?: string
  /** A lead key the dashboard uses until someone enters another (local demos only). */
  leadApiKey?: string
  companyName?: string
  /** Bundles already built (tests share one build across apps). */
  bundles?: Promise<WebBundles>
}

export function createWebRoutes(options: WebRoutesOptions = {}): Hono {
  const bundles = options.bundles ?? buildWebBundles()
  // Surface a broken build at start, not at the first request; requests still see the rejection.
  bundles.catch((error: unknown) => console.error('[web] building the widget and dashboard failed:', error))
  const app = new Hono()
  const noStore = { 'Cache-Control': 'no-store' }
  const js = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }

  app.get('/', (c) =>
    c.html(
      demoPage({
        ...(options.demoApiKey ? { demoApiKey: options.demoApiKey } : {}),
        ...(options.companyName ? { companyName: options.companyName } : {}),
      }),
      200,
      noStore,
    ),
  )
  // Any origin may load the script: what it can do is decided by the API key and the API's CORS list.
  app.get('/widget.js', async (c) =>
    c.body((await bundles).widgetJs, 200, { ...js, 'Access-Control-Allow-Origin': '*' }),
  )
  app.get('/leads', (c) =>
    c.html(leadsPage(options.leadApiKey ? { leadApiKey: options.leadApiKey } : {}), 200, {
      ...noStore,
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
    }),
  )
  app.get('/leads/', (c) => c.redirect('/leads'))
  app.get('/leads/app.js', async (c) => c.body((await bundles).leadsJs, 200, js))
  app.get('/leads/app.css', async (c) =>
    c.body((await bundles).leadsCss, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  )
  return app
}
