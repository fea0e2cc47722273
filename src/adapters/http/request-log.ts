/**
 * One structured line per request (pino, JSON): method, the route that answered (its pattern, not
 * the path with its ids), status, duration, request id and the id of the API key (never the key).
 * 5xx answers log at error, 4xx at warn, the rest at info. The request id comes from a sane
 * X-Request-Id header or is made here, and goes back in the answer's X-Request-Id.
 */
import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { matchedRoutes } from 'hono/route'
import { type DestinationStream, type Logger, pino } from 'pino'
import type { LogLevel } from '../../config.ts'

export type { Logger }

/** JSON lines with ISO times and level names, to stdout unless a destination is given (tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dispute-desk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
}

/** The request id (from the header or made here); the key's id once the key check has passed. */
type Vars = { requestId?: string; key?: { id: string } }

/** For every request, first of all: the request id, then the log line when the answer is ready. */
export function requestLog(logger: Logger): MiddlewareHandler[] {
  const log: MiddlewareHandler = async (c, next) => {
    const started = performance.now()
    await next()
    // A streamed answer (SSE) is timed to its headers; its events follow.
    const status = c.res.status
    // The last handler that matched (a middleware's pattern like /api/* when no route did).
    const handler = matchedRoutes(c).findLast((r) => r.handler.length < 2)
    const vars = c.var as Vars
    const entry = {
      requestId: vars.requestId,
      method: c.req.method,
      route: handler?.path ?? null,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      keyId: vars.key?.id ?? null,
    }
    if (status >= 500) logger.error(entry, 'request')
    else if (status >= 400) logger.warn(entry, 'request')
    else logger.info(entry, 'request')
  }
  return [requestId({ limitLength: 100 }), log]
}
