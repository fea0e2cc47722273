/**
 * /api/portal: the customer's side over the tool registry (their invoices, their disputes with the
 * released findings and messages, submitting, messaging, rating), and the team's "share findings".
 * Mounted behind the app's key check. A customer key reaches these routes and the scoped ledger
 * reads only (`customerMayCall`); the tools and the portal service scope every row to its customer.
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import { queryInput, readJson } from './errors.ts'

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }
type RunTool = (c: Context<Env>, name: string, input: unknown) => Promise<Response>

/** The routes a customer key may call at all; every other /api route answers 403. */
export function customerMayCall(method: string, path: string): boolean {
  if (path === '/api/me' || path === '/api/portal' || path.startsWith('/api/portal/')) return true
  return method === 'GET' && /^\/api\/invoices(\/[^/]+)?$/.test(path)
}

export function portalRoutes(runTool: RunTool): Hono<Env> {
  const app = new Hono<Env>()
  const body = async (c: Context<Env>, name: string, fill: Record<string, unknown> = {}) => {
    const read = await readJson(c, z.record(z.string(), z.unknown()))
    if (!read.ok) return read.response
    return runTool(c, name, { ...read.value, ...fill })
  }
  const idempotencyKey = (c: Context<Env>) => {
    const key = c.req.header('Idempotency-Key')
    return key ? { idempotencyKey: key } : {}
  }

  app.get('/invoices', (c) => runTool(c, 'find_invoices', queryInput(c)))
  app.get('/similar', (c) => runTool(c, 'search_similar_disputes', queryInput(c)))
  app.get('/disputes', (c) => runTool(c, 'list_portal_disputes', queryInput(c)))
  app.get('/disputes/:id', (c) => runTool(c, 'get_portal_dispute', { disputeId: c.req.param('id') }))
  app.post('/disputes', (c) => body(c, 'submit_dispute', idempotencyKey(c)))
  app.post('/disputes/:id/messages', (c) => body(c, 'send_dispute_message', { disputeId: c.req.param('id') }))
  app.post('/disputes/:id/rating', (c) => body(c, 'rate_dispute', { disputeId: c.req.param('id') }))
  app.post('/disputes/:id/findings', (c) => body(c, 'share_dispute_findings', { disputeId: c.req.param('id') }))
  return app
}
