/**
 * The types of `#worker-assets` (package.json "imports"): the module src/worker-build.ts writes to
 * .tmp/worker-build/assets.js before wrangler bundles the Worker — the prompts and the web bundles.
 */
import type { WebBundles } from '../web/build.ts'
import type { Prompts } from './core/prompts.ts'

export declare const prompts: Prompts
export declare const bundles: WebBundles
