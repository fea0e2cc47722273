/**
 * One declaration per tool: name, a description written for a model, zod input and output, the
 * roles allowed, honest annotations, and a handler over the services. The agent, MCP and LangChain
 * adapters all read this same object; none of them declares a tool again.
 */
import type { z } from 'zod'
import type { Role } from '../src/core/resolution.ts'
import type { Actor } from '../src/services/ports.ts'
import type { Services } from '../src/services/services.ts'
import type { ErrorCode } from './errors.ts'

export interface ToolError {
  code: ErrorCode
  message: string
  /** The input field the problem is about, when there is one. */
  field?: string
}

export type ToolResult<T> = { ok: true; value: T } | { ok: false; error: ToolError }

export interface ToolContext {
  services: Services
  actor: Actor
  /** The assistant's today ("YYYY-MM-DD"), from the clock the composition root chose. */
  today: string
  /** Read-only keys may call only tools whose annotations say readOnly. */
  readOnly: boolean
  /** Progress of long steps, for streaming UIs ("Comparing prices with contract CT-100…"). */
  progress?: (text: string) => void
}

export interface ToolAnnotations {
  /** Reads only; never changes the database. */
  readOnly: boolean
  /** May destroy or irreversibly change records (approvals, write-offs). */
  destructive: boolean
  /** Calling twice with the same input has no further effect. */
  idempotent: boolean
  /** Creates, approves or posts money (credit memos, write-offs). Needs a recorded human approval. */
  movesMoney: boolean
}

export interface ToolSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string
  title: string
  description: string
  input: I
  output: O
  annotations: ToolAnnotations
  /** Roles allowed to call the tool. Absent: every role of the team (a customer only where `customerScoped`). */
  roles?: readonly Role[]
  /**
   * A customer key may call it too: its handler reads through the portal service, which scopes every
   * row to the key's customer. Without it (or 'customer' in `roles`) a customer key is refused.
   */
  customerScoped?: boolean
  /** Short text for progress UIs, from the validated input. */
  progress?: (input: z.infer<I>) => string
  run: (input: z.infer<I>, ctx: ToolContext) => Promise<ToolResult<z.infer<O>>>
}

export function defineTool<I extends z.ZodType, O extends z.ZodType>(spec: ToolSpec<I, O>): ToolSpec<I, O> {
  return spec
}

export const ok = <T>(value: T): ToolResult<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, field?: string): ToolResult<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
})
