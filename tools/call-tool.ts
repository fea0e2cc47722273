/**
 * The one way any adapter runs a tool: validate the input (errors name the field), check role and
 * read-only scope, run, and turn an unexpected throw into a coded error without a stack trace.
 */
import { z } from 'zod'
import { formatPath } from '../src/core/ledger.ts'
import type { ToolContext, ToolResult, ToolSpec } from './define-tool.ts'
import { withDisputeId } from './dispute-ref.ts'

export async function callTool<I extends z.ZodType, O extends z.ZodType>(
  spec: ToolSpec<I, O>,
  rawInput: unknown,
  ctx: ToolContext,
): Promise<ToolResult<z.infer<O>>> {
  // Who may call it comes first: a caller without the role learns nothing about the input it needs.
  const denied = authorise(spec, ctx)
  if (denied) return denied
  // Postgres stores no NUL and a hostile nesting should not reach a validator: a coded error, never a throw.
  const unstorable = unstorablePath(rawInput)
  if (unstorable) {
    const field = formatPath(unstorable.path)
    return {
      ok: false,
      error: { code: 'invalid_input', message: `${spec.name}: ${field}: ${unstorable.problem}`, field },
    }
  }
  const parsed = spec.input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const all = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `${spec.name}: ${all}`,
        ...(first ? { field: formatPath(first.path) } : {}),
      },
    }
  }
  try {
    ctx.progress?.(spec.progress ? spec.progress(parsed.data) : spec.title)
    return await spec.run(await withDisputeId(parsed.data, ctx), ctx)
  } catch (error) {
    // A bug or an infrastructure failure: log it where operators look, never leak it to the caller.
    console.error(`[tool ${spec.name}]`, error)
    return { ok: false, error: { code: 'internal_error', message: `${spec.name} failed unexpectedly; it was logged.` } }
  }
}

export function authorise(spec: ToolSpec, ctx: Pick<ToolContext, 'actor' | 'readOnly'>): ToolResult<never> | null {
  if (ctx.readOnly && !spec.annotations.readOnly) {
    return {
      ok: false,
      error: { code: 'read_only', message: `${spec.name} changes data; this key is read-only.` },
    }
  }
  // Customers are let in tool by tool: a new tool is closed to them until it scopes what it reads.
  if (ctx.actor.role === 'customer' && !spec.customerScoped && !spec.roles?.includes('customer')) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `${spec.name} is for the AR team; a customer key submits disputes, messages and ratings through the portal.`,
        field: 'role',
      },
    }
  }
  if (spec.roles && !spec.roles.includes(ctx.actor.role)) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `${spec.name} needs the ${spec.roles.join(' or ')} role; you are ${ctx.actor.role}.`,
      },
    }
  }
  return null
}

/** JSON Schema of a tool's input or output, as MCP, OpenAI and LangChain advertise it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return rest
}

/** Input nested deeper than this is no tool call anyone means. */
export const MAX_INPUT_DEPTH = 32

/**
 * The first string or object key holding a NUL, or the first level nested too deeply, with its path.
 * Iterative, so a hostile nesting cannot blow the stack.
 */
export function unstorablePath(value: unknown): { path: (string | number)[]; problem: string } | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, path } = top
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path, problem: 'must not contain NUL characters' }
    } else if (v !== null && typeof v === 'object') {
      if (path.length >= MAX_INPUT_DEPTH) return { path, problem: `nested more than ${MAX_INPUT_DEPTH} levels deep` }
      if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }))
      else
        for (const [k, item] of Object.entries(v)) {
          if (k.includes('\u0000')) return { path, problem: 'a key must not contain NUL characters' }
          stack.push({ v: item, path: [...path, k] })
        }
    }
  }
  return null
}
