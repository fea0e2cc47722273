/**
 * Who is asking, and by which name: the Host allow-list that stops DNS rebinding, the Origin check
 * MCP adds on top, and "is this a local request" for the pages that embed the local keys. One copy,
 * shared by the REST app and the MCP endpoint.
 */
import type { Context, MiddlewareHandler } from 'hono'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** "example.com:8787" → "example.com"; "[::1]:8787" → "[::1]". */
export const hostnameOf = (host: string): string =>
  (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '')).toLowerCase()

/** The Host the client asked for; the request URL carries it when there is no header (in-process requests). */
export function requestHost(c: Context): string | undefined {
  const header = c.req.header('Host')
  if (header !== undefined) return header
  try {
    return new URL(c.req.url).host
  } catch {
    return undefined
  }
}

export const isLoopbackHost = (host: string | undefined): boolean =>
  host !== undefined && LOOPBACK_NAMES.has(hostnameOf(host))

export function hostAllowed(host: string | undefined, extra: readonly string[]): boolean {
  if (!host) return false
  const name = hostnameOf(host)
  const lower = host.toLowerCase()
  return LOOPBACK_NAMES.has(name) || extra.some((h) => h.toLowerCase() === lower || h.toLowerCase() === name)
}

export function originAllowed(
  origin: string | undefined,
  hosts: readonly string[],
  origins: readonly string[],
): boolean {
  // Desktop clients and SDKs send no Origin; browsers always do, and that is where rebinding comes from.
  if (!origin) return true
  if (origins.includes(origin)) return true
  try {
    return hostAllowed(new URL(origin).host, hosts)
  } catch {
    return false
  }
}

/**
 * The TCP peer, when the runtime tells us (Node's adapter puts the socket in `c.env.incoming`).
 * Headers such as X-Forwarded-For are not read: anyone can send them.
 */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined
  const address = env?.incoming?.socket?.remoteAddress
  return typeof address === 'string' ? address : undefined
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/** Local in both senses: asked for by a loopback name, from a loopback peer. An unknown peer is not local. */
export const isLocalRequest = (c: Context): boolean =>
  isLoopbackHost(requestHost(c)) && isLoopbackAddress(peerAddress(c))

/** Host names a server accepts: loopback, the name it is bound to (unless a wildcard), and the configured extras. */
export function allowedHostNames(bindHost: string | undefined, extra: readonly string[]): string[] {
  const wildcard = bindHost === undefined || bindHost === '' || bindHost === '0.0.0.0' || bindHost === '::'
  return [
    ...(wildcard ? [] : [bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost]),
    ...extra,
  ]
}

/** Refuses any request whose Host is not allowed, before routing: the defence against DNS rebinding. */
export function hostGuard(hosts: readonly string[], refuse: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    if (!hostAllowed(requestHost(c), hosts)) return refuse(c)
    return next()
  }
}
