/**
 * The web pages: the demo page at "/", the embeddable widget at "/widget.js" and the leads'
 * dashboard at "/leads". Bundles are built in memory once, on the first request for one (esbuild
 * loaded only then), so no build step is needed before `npm start` and start-up does not wait.
 *
 * The local keys go into a page only for a request that is local in both senses (a loopback Host
 * and a loopback peer): a DNS-rebound name or a remote client gets the page without them.
 */
import { type Context, Hono } from 'hono'
import type { WebBundles } from '../../../web/build.ts'
import { demoPage, leadsPage, portalPage } from '../../../web/pages.ts'
import { isLocalRequest } from './host-guard.ts'
import { DASHBOARD_CSP, DEMO_PAGE_CSP, pageHeaders } from './security-headers.ts'

export interface WebRoutesOptions {
  /** A specialist key the demo page embeds in its script tag (local demos only). */
  demoApiKey?: string
  /** A lead key the dashboard uses until someone enters another (local demos only). */
  leadApiKey?: string
  companyName?: string
  /** Bundles already built (tests share one build across apps). */
  bundles?: Promise<WebBundles>
  /** Whether a request may see the local keys. Default: a loopback Host from a loopback peer. */
  mayEmbedKeys?: (c: Context) => boolean
}

export function createWebRoutes(options: WebRoutesOptions = {}): Hono {
  // Built on the first request for a script or stylesheet, not at start (start-up waits for nothing
  // it can do later, esbuild's modules included); a broken build is logged then, and every request
  // sees the rejection.
  let built = options.bundles
  const bundles = () => {
    if (!built) {
      built = import('../../../web/build.ts').then((m) => m.buildWebBundles())
      built.catch((error: unknown) => console.error('[web] building the widget and dashboard failed:', error))
    }
    return built
  }
  const app = new Hono()
  const mayEmbedKeys = options.mayEmbedKeys ?? isLocalRequest
  const js = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  }

  app.get('/', (c) =>
    c.html(
      demoPage({
        ...(options.demoApiKey && mayEmbedKeys(c) ? { demoApiKey: options.demoApiKey } : {}),
        ...(options.companyName ? { companyName: options.companyName } : {}),
      }),
      200,
      pageHeaders(DEMO_PAGE_CSP),
    ),
  )
  // Any origin may load the script: what it can do is decided by the API key and the API's CORS list.
  app.get('/widget.js', async (c) =>
    c.body((await bundles()).widgetJs, 200, {
      ...js,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }),
  )
  app.get('/leads', (c) =>
    c.html(
      leadsPage(options.leadApiKey && mayEmbedKeys(c) ? { leadApiKey: options.leadApiKey } : {}),
      200,
      pageHeaders(DASHBOARD_CSP),
    ),
  )
  app.get('/leads/', (c) => c.redirect('/leads'))
  // The customer portal embeds no key: a customer signs in with the key their AR team sent them.
  app.get('/portal', (c) =>
    c.html(
      portalPage(options.companyName ? { companyName: options.companyName } : {}),
      200,
      pageHeaders(DASHBOARD_CSP),
    ),
  )
  app.get('/portal/', (c) => c.redirect('/portal'))
  app.get('/portal/app.js', async (c) => c.body((await bundles()).portalJs, 200, js))
  app.get('/portal/app.css', async (c) =>
    c.body((await bundles()).portalCss, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  )
  app.get('/leads/app.js', async (c) => c.body((await bundles()).leadsJs, 200, js))
  app.get('/leads/app.css', async (c) =>
    c.body((await bundles()).leadsCss, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  )
  return app
}
