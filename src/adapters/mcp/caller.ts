/**
 * Who an MCP client acts as. The role always comes from a verified API key, the same keys and roles
 * as the REST API; a stdio client without a key gets read-only tools and nothing else.
 */
import { type Actor, type ApiKeyRecord, type ApiKeyRepository, actorOfKey } from '../../services/ports.ts'

export interface McpCaller {
  actor: Actor
  readOnly: boolean
}

/** Stdio without DISPUTE_DESK_API_KEY: it may look things up, never change or approve anything. */
export const ANONYMOUS_CALLER: McpCaller = {
  actor: { id: 'mcp-anonymous', name: 'MCP client without an API key', role: 'specialist' },
  readOnly: true,
}

export function callerOfKey(key: ApiKeyRecord): McpCaller {
  return { actor: actorOfKey(key), readOnly: key.readOnly }
}

export type StdioCaller = { ok: true; caller: McpCaller } | { ok: false; code: 'invalid_api_key'; message: string }

/** A key that does not verify stops start-up: silently downgrading it would hide a mistake. */
export async function stdioCaller(apiKeys: ApiKeyRepository, apiKey: string | undefined): Promise<StdioCaller> {
  if (!apiKey) return { ok: true, caller: ANONYMOUS_CALLER }
  const key = await apiKeys.verify(apiKey)
  if (!key) {
    return {
      ok: false,
      code: 'invalid_api_key',
      message: 'DISPUTE_DESK_API_KEY is not a valid API key; create one, or leave it unset for read-only tools.',
    }
  }
  // MCP's resources read the whole ledger: a customer key uses the portal instead.
  if (key.role === 'customer') {
    return { ok: false, code: 'invalid_api_key', message: 'A customer key uses the portal (/portal), not MCP.' }
  }
  return { ok: true, caller: callerOfKey(key) }
}
