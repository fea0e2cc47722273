import { describe, expect, it } from 'vitest'
import { buildWebBundles, gzippedBytes } from '../../../web/build.ts'
import { createWebRoutes } from './web-routes.ts'

const bundles = buildWebBundles()
/** What @hono/node-server passes for a client on this machine. */
const LOCAL_PEER = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }

describe('web routes', () => {
  it('serves the widget bundle under 60 KB gzipped to any origin', async () => {
    const app = createWebRoutes({ bundles })
    const res = await app.request('/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const bytes = gzippedBytes(await res.text())
    console.log(`widget.js: ${(bytes / 1024).toFixed(1)} KB gzipped`)
    expect(bytes).toBeLessThan(60 * 1024)
  })

  it('embeds the demo key in the demo page as an escaped attribute', async () => {
    const app = createWebRoutes({ bundles, demoApiKey: 'k"><script>alert(1)</script>', companyName: '<b>Acme</b>' })
    const html = await (await app.request('/', {}, LOCAL_PEER)).text()
    expect(html).toContain('data-api-key="k&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    expect(html).toContain('&lt;b&gt;Acme&lt;/b&gt;')
    expect(html).not.toContain('<script>alert(1)')
  })

  it('puts the lead key in a JSON block that cannot close its script tag', async () => {
    const app = createWebRoutes({ bundles, leadApiKey: '</script><script>x()</script>' })
    const res = await app.request('/leads', {}, LOCAL_PEER)
    const html = await res.text()
    expect(html).toContain('"leadApiKey":"\\u003c/script>\\u003cscript>x()\\u003c/script>"')
    expect(html.match(/<\/script>/g)).toHaveLength(2)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('serves the dashboard script and styles', async () => {
    const app = createWebRoutes({ bundles })
    const [js, css] = await Promise.all([app.request('/leads/app.js'), app.request('/leads/app.css')])
    expect(js.status).toBe(200)
    expect(await js.text()).toContain('/api/me')
    expect(css.headers.get('content-type')).toMatch(/text\/css/)
  })

  it('builds the bundles itself on the first request for one when none were given', async () => {
    const app = createWebRoutes()
    const res = await app.request('/portal/app.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/css/)
  })
})
