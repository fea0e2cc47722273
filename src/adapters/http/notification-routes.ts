/**
 * GET /api/notifications: the delivery log of the notification outbox (every email and webhook
 * planned, with its status, attempts and last error), newest first; POST /api/notifications/:id/retry
 * tries a failed one again now; GET /api/notifications/digest previews today's digest. For leads;
 * mounted behind the app's key check.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { Role } from '../../core/resolution.ts'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import type { DigestPreview, RetryOutcome } from '../notify/dispatcher.ts'
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
  createdAt: z.string().describe('when it was planned (ISO instant)'),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().describe('its next try while pending'),
}) satisfies z.ZodType<DeliveryRow>

export const DigestPreviewView = z.object({
  today: z.string(),
  subject: z.string(),
  text: z.string(),
  to: z.array(z.string()).describe('the recipients (an address, or role:… when nobody of the role has one)'),
  planned: z.boolean().describe('today’s digest was already planned'),
}) satisfies z.ZodType<DigestPreview>

export interface NotificationDeps {
  list(filter: z.infer<typeof DeliveryQuery>): Promise<DeliveryRow[]>
  retry(id: string): Promise<RetryOutcome>
  digestPreview(): Promise<DigestPreview>
}

export function notificationRoutes(deps: NotificationDeps): Hono<Env> {
  const app = new Hono<Env>()
  app.use('*', async (c, next) => {
    if (!NOTIFICATION_ROLES.includes(c.get('actor').role))
      return errorResponse(c, { code: 'forbidden', message: 'The notification log is for the lead role.' })
    return next()
  })
  app.get('/', async (c) => {
    const q = DeliveryQuery.safeParse(c.req.query())
    if (!q.success) return errorResponse(c, zodError(q.error))
    return c.json({ items: await deps.list(q.data) })
  })
  app.get('/digest', async (c) => c.json(await deps.digestPreview()))
  app.post('/:id/retry', async (c) => {
    const r = await deps.retry(c.req.param('id'))
    return r.ok ? c.json(r.value) : errorResponse(c, r.error)
  })
  return app
}
