/**
 * What the Node server loads on demand but a Worker cannot run, aliased here by wrangler.toml so the
 * bundle does not carry it: esbuild (the web bundles are built before deploying, src/worker-build.ts)
 * and playwright-core (PDF reports need a Chromium; on Workers, ask for format=html or csv).
 */
const unavailable = (what: string) => (): never => {
  throw new Error(`${what} is not available on Cloudflare Workers`)
}

export const build = unavailable('esbuild')
export const chromium = { launch: unavailable('Chromium (PDF reports)') }
