/**
 * People and their keys: who may hand out which key, and who may take one back. The REST routes and
 * `npm run keys` both come here, so the rules hold whichever way a key is made. The command line is
 * the operator of the installation (it opens the database itself) and acts without an actor.
 */
import { z } from 'zod'
import { ROLES, Role } from '../core/resolution.ts'
import type { Actor, ApiKeyListing, ApiKeyRepository, LedgerRepository, StoreError } from './ports.ts'

export const NewKeyInput = z.strictObject({
  name: z.string().trim().min(1, "the person's name").max(120),
  role: Role,
  email: z.email().max(254).optional(),
  readOnly: z.boolean().optional(),
  /** A customer key's customer: every read it makes is bound to it. Required for that role only. */
  customerId: z.string().trim().min(1).max(100).optional(),
})
export type NewKeyInput = z.infer<typeof NewKeyInput>

/**
 * The roles each role may give and revoke keys for; a role absent here manages no keys. A lead runs
 * the team but cannot make someone a finance controller: that would raise their own approval limit.
 */
const GRANTS: Partial<Record<Role, readonly Role[]>> = {
  lead: ['specialist', 'lead', 'customer'],
  finance_controller: ['specialist', 'lead', 'finance_controller', 'customer'],
  admin: ROLES,
}

export const KEY_MANAGER_ROLES = Object.keys(GRANTS) as Role[]

export const mayManage = (actor: Role, role: Role): boolean => GRANTS[actor]?.includes(role) ?? false

export type KeyError =
  | StoreError
  | { code: 'role_mismatch'; message: string; field: string }
  | { code: 'forbidden'; message: string; field: string }

export type KeyResult<T> = { ok: true; value: T } | { ok: false; error: KeyError }

function forbidden(actor: Actor, role: Role, what: string): KeyError {
  const who = KEY_MANAGER_ROLES.filter((r) => mayManage(r, role)).join(' or ')
  return {
    code: 'forbidden',
    message: `A ${actor.role} cannot ${what} a ${role} key; only a ${who} can.`,
    field: 'role',
  }
}

/**
 * Creates a key, shown once. It joins the person with that email (else the one person of that name),
 * so a second key of the same person is still the same person in the audit trail and for
 * segregation of duties; a person has one role.
 */
export async function issueKey(
  keys: ApiKeyRepository,
  input: NewKeyInput,
  actor: Actor | null,
  ledger?: Pick<LedgerRepository, 'getCustomer'>,
): Promise<KeyResult<{ key: string; record: ApiKeyListing }>> {
  if (actor && !mayManage(actor.role, input.role)) return { ok: false, error: forbidden(actor, input.role, 'create') }
  const scope = await customerProblem(input, ledger)
  if (scope) return { ok: false, error: scope }
  const person = await keys.findPerson({ email: input.email, name: input.name })
  if (person && (person.customerId ?? undefined) !== input.customerId && person.role === input.role) {
    return {
      ok: false,
      error: {
        code: 'role_mismatch',
        message: `${person.name} is bound to customer ${person.customerId ?? 'none'}; a person keeps one customer.`,
        field: 'customerId',
      },
    }
  }
  if (person && person.role !== input.role) {
    return {
      ok: false,
      error: {
        code: 'role_mismatch',
        message: `${person.name} is a ${person.role}; a person has one role, so their new key would be a ${person.role} key too.`,
        field: 'role',
      },
    }
  }
  const created = await keys.create({ ...input, personId: person?.id })
  const record = await keys.get(created.record.id)
  if (!record) throw new Error(`key ${created.record.id} vanished after it was created`)
  return { ok: true, value: { key: created.key, record } }
}

/** A customer key names an existing customer; no other key names one. */
async function customerProblem(
  input: NewKeyInput,
  ledger: Pick<LedgerRepository, 'getCustomer'> | undefined,
): Promise<KeyError | null> {
  if (input.role !== 'customer') {
    return input.customerId
      ? { code: 'invalid_input', message: 'Only a customer key is bound to a customer.', field: 'customerId' }
      : null
  }
  if (!input.customerId) {
    return { code: 'invalid_input', message: 'A customer key needs the customer it is bound to.', field: 'customerId' }
  }
  if (ledger && !(await ledger.getCustomer(input.customerId))) {
    return { code: 'not_found', message: `No customer ${input.customerId} in the ledger.`, field: 'customerId' }
  }
  return null
}

/** Revokes a key by id (or the prefix a list shows). Nobody revokes their own last key. */
export async function revokeKey(
  keys: ApiKeyRepository,
  idOrPrefix: string,
  actor: Actor | null,
): Promise<KeyResult<ApiKeyListing>> {
  const key = await keys.get(idOrPrefix)
  if (!key) return { ok: false, error: { code: 'not_found', message: `No API key ${idOrPrefix}.`, field: 'id' } }
  if (actor && !mayManage(actor.role, key.role)) return { ok: false, error: forbidden(actor, key.role, 'revoke') }
  return keys.revoke(key.id, actor ? { keepLastOf: actor.id } : {})
}

/** How the audit trail and the views name someone: "Ana Ruiz (lead)". */
export const personLabel = (p: { name: string; role: Role }): string => `${p.name} (${p.role.replace('_', ' ')})`
