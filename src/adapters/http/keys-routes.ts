/**
 * /api/keys: the people who use DisputeDesk and their keys, for leads. Mounted behind the app's key
 * check, so `actor` and `key` are set; the rules (who may hand out which role, nobody revokes their
 * own last key) live in the service that `npm run keys` uses too.
 */
import { Hono } from 'hono'
import { issueKey, KEY_MANAGER_ROLES, NewKeyInput, revokeKey } from '../../services/api-keys.ts'
import type { Actor, ApiKeyRecord, ApiKeyRepository, LedgerRepository } from '../../services/ports.ts'
import { errorResponse, readJson } from './errors.ts'
import { idParam } from './limits.ts'

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }

export function keysRoutes(keys: ApiKeyRepository, ledger?: Pick<LedgerRepository, 'getCustomer'>): Hono<Env> {
  const app = new Hono<Env>()

  app.use('*', async (c, next) => {
    if (!KEY_MANAGER_ROLES.includes(c.get('actor').role)) {
      return errorResponse(c, { code: 'forbidden', message: 'Managing API keys needs the lead role.' })
    }
    if (c.req.method !== 'GET' && c.get('key').readOnly) {
      return errorResponse(c, { code: 'read_only', message: 'This key is read-only.' })
    }
    return next()
  })

  // Revoked keys stay listed (with revokedAt): the audit trail still names their people.
  app.get('/', async (c) => c.json({ items: await keys.list({ includeRevoked: true }) }))

  app.post('/', async (c) => {
    const body = await readJson(c, NewKeyInput)
    if (!body.ok) return body.response
    const r = await issueKey(keys, body.value, c.get('actor'), ledger)
    if (!r.ok) return errorResponse(c, r.error)
    // The only time the key is ever shown.
    return c.json({ key: r.value.key, ...r.value.record }, 201, { 'Cache-Control': 'no-store' })
  })

  app.post('/:id/revoke', async (c) => {
    const id = idParam(c, 'id')
    if (!id.ok) return errorResponse(c, id.error)
    const r = await revokeKey(keys, id.value, c.get('actor'))
    return r.ok ? c.json(r.value) : errorResponse(c, r.error)
  })

  return app
}
