/**
 * GET /api/notifications: the delivery log of the notification outbox (every email and webhook
 * planned, with its status, attempts and last error), newest first, for leads. Mounted behind the
 * app's key check.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { Role } from '../../core/resolution.ts'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import type { DeliveryRow } from '../notify/outbox.ts'
import { errorResponse, zodError } from './errors.ts'

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }

/** The lead roles (openapi-routes.ts's LEAD_ROLES; not imported, as that module documents this one). */
export const NOTIFICATION_ROLES: readonly Role[] = ['lead', 'finance_controller', 'admin']

export const DeliveryQuery = z.object({
  disputeId: z.string().min(1).max(100).optional(),
  status: z.enum(['pending', 'delivered', 'failed', 'skipped']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

export const DeliveryView = z.object({
  id: z.string(),
  key: z.string(),
  eventSeq: z.number().nullable(),
  disputeId: z.string().nullable(),
  kind: z.string(),
  channel: z.enum(['email', 'webhook']),
  recipient: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'delivered', 'failed', 'skipped']),
  attempts: z.number(),
  lastError: z.string().nullable(),
}) satisfies z.ZodType<DeliveryRow>

export type ListDeliveries = (filter: z.infer<typeof DeliveryQuery>) => Promise<DeliveryRow[]>

export function notificationRoutes(list: ListDeliveries): Hono<Env> {
  const app = new Hono<Env>()
  app.get('/', async (c) => {
    if (!NOTIFICATION_ROLES.includes(c.get('actor').role))
      return errorResponse(c, { code: 'forbidden', message: 'The notification log is for the lead role.' })
    const q = DeliveryQuery.safeParse(c.req.query())
    if (!q.success) return errorResponse(c, zodError(q.error))
    return c.json({ items: await list(q.data) })
  })
  return app
}
