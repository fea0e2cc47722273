/**
 * POST /api/inbound/email: a raw RFC 822 message (what a mail server's pipe or webhook forwards),
 * matched to its customer, invoice and dispute and recorded on that dispute's timeline, or as a
 * draft dispute, or kept unmatched (src/services/customer-messages.ts). Mounted behind the app's
 * key check; calls, chats and typed-in emails go through the log_customer_contact tool instead.
 */
import { Hono } from 'hono'
import type { Role } from '../../core/resolution.ts'
import type { Actor, ApiKeyRecord } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import { parseEmail } from '../inbound/parse-email.ts'
import { errorResponse } from './errors.ts'

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }

export const INBOUND_ROLES: readonly Role[] = ['specialist', 'lead', 'finance_controller', 'admin']

export function inboundRoutes(services: Services, today: () => string): Hono<Env> {
  const app = new Hono<Env>()

  app.post('/email', async (c) => {
    const actor = c.get('actor')
    if (!INBOUND_ROLES.includes(actor.role))
      return errorResponse(c, { code: 'forbidden', message: 'Recording customer email needs the specialist role.' })
    if (c.get('key').readOnly) return errorResponse(c, { code: 'read_only', message: 'This key is read-only.' })
    const raw = await c.req.arrayBuffer()
    if (raw.byteLength === 0)
      return errorResponse(c, {
        code: 'invalid_input',
        message: 'body: send the raw message (message/rfc822)',
        field: 'body',
      })
    let message: Awaited<ReturnType<typeof parseEmail>>
    try {
      message = await parseEmail(new Uint8Array(raw))
    } catch (err) {
      return errorResponse(c, {
        code: 'invalid_input',
        message: `body: not a readable email: ${(err as Error).message}`,
        field: 'body',
      })
    }
    if (!message.from)
      return errorResponse(c, {
        code: 'invalid_input',
        message: 'body: not an email (no From header); send the raw message with its headers',
        field: 'body',
      })
    const r = await services.messages.receive(message, actor, today())
    if (!r.ok) return errorResponse(c, r.error)
    return c.json(r.value, r.value.status === 'duplicate' ? 200 : 201)
  })

  return app
}
