/**
 * The conversation survives reloads: the session id and the messages as data (never as HTML), so
 * a restored message goes through the same safe rendering as a fresh one.
 */
import type { ChatResponseView } from './types.ts'

export type StoredMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; response: ChatResponseView; memo?: string }
  | { role: 'error'; text: string }

export interface StoredConversation {
  sessionId: string | null
  open: boolean
  messages: StoredMessage[]
}

const MAX_MESSAGES = 60

export function storageKey(apiBase: string): string {
  return `dispute-desk-chat:${apiBase}`
}

export function loadConversation(storage: Storage | undefined, key: string): StoredConversation {
  const empty: StoredConversation = { sessionId: null, open: false, messages: [] }
  try {
    const raw = storage?.getItem(key)
    if (!raw) return empty
    const v = JSON.parse(raw) as Partial<StoredConversation>
    return {
      sessionId: typeof v.sessionId === 'string' ? v.sessionId : null,
      open: v.open === true,
      messages: Array.isArray(v.messages) ? v.messages : [],
    }
  } catch {
    // Storage can be disabled or hold garbage from an older version: start over rather than break.
    return empty
  }
}

export function saveConversation(storage: Storage | undefined, key: string, c: StoredConversation): void {
  try {
    storage?.setItem(key, JSON.stringify({ ...c, messages: c.messages.slice(-MAX_MESSAGES) }))
  } catch {
    // Quota or privacy mode: the chat still works, it just won't survive a reload.
  }
}
