/**
 * Response headers that harden every answer without breaking the embeddable widget: hono's
 * secureHeaders for all routes (a handler's own header wins), and one Content-Security-Policy per
 * page. The widget script is the exception by design: any origin may load it (CORS and
 * Cross-Origin-Resource-Policy say so), and the host page's own CSP governs it there.
 */
import { secureHeaders } from 'hono/secure-headers'

export const apiSecureHeaders = secureHeaders({
  // Keep a header a handler set itself: the pages' CSPs, the widget's cross-origin resource policy.
  overwrite: false,
  // JSON and CSV answers render nothing and may be framed by no one.
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
})

const PAGE_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  // Both pages may carry a local key: no other site may frame them (clickjacking).
  "frame-ancestors 'none'",
]

/** The demo page: its own inline styles and the widget's shadow-DOM <style>. */
export const DEMO_PAGE_CSP = [...PAGE_BASE, "style-src 'self' 'unsafe-inline'"].join('; ')
/** The leads' dashboard: styles from its own stylesheet only. */
export const DASHBOARD_CSP = [...PAGE_BASE, "style-src 'self'"].join('; ')

export const pageHeaders = (csp: string): Record<string, string> => ({
  'Cache-Control': 'no-store',
  'Content-Security-Policy': csp,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
})
