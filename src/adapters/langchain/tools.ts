/**
 * The registry as LangChain tools, for teams that run their own LangChain/LangGraph agent. Each
 * tool advertises the registry's JSON schema and runs through callTool, so roles, read-only keys
 * and the services' approval rules apply exactly as over REST and MCP. Tool faults come back as
 * text the model can act on (with the error as the artifact), never as a thrown stack trace.
 */
import { ToolMessage } from '@langchain/core/messages'
import { DynamicStructuredTool, type DynamicStructuredToolInput, tool } from '@langchain/core/tools'
import { authorise, callTool, jsonSchemaOf } from '../../../tools/call-tool.ts'
import type { ToolContext, ToolResult, ToolSpec } from '../../../tools/define-tool.ts'
import { errorTextForModel } from '../../../tools/errors.ts'
import { tools as registryTools } from '../../../tools/index.ts'

export interface LangchainToolsOptions {
  /** Defaults to the registry. */
  tools?: readonly ToolSpec[]
  /** Offer only the tools this context may call (default true), as MCP does. */
  onlyAllowed?: boolean
  /** How a call runs (default callTool); our agent turns changes into proposals here. */
  run?: (spec: ToolSpec, input: unknown, ctx: ToolContext) => Promise<ToolResult<unknown>>
  /** The result as text for the model (default JSON); our agent sizes it to its token budget. */
  format?: (value: unknown) => string
  /** A call still running after this many milliseconds answers the model with an error (it may
   *  finish in the background; writes never run here unconfirmed, so only a read is abandoned). */
  timeoutMs?: number
}

/** What a LangChain tool returns: text for the model, the result (or the error) as the artifact. */
export type LangchainToolOutput = [string, unknown]

/**
 * `context` is read on every call, so "today" and the actor stay current in long-lived agents.
 */
export function langchainTools(
  context: () => ToolContext,
  options: LangchainToolsOptions = {},
): DynamicStructuredTool[] {
  const registry = options.tools ?? registryTools
  const ctx = context()
  const offered = options.onlyAllowed === false ? registry : registry.filter((s) => authorise(s, ctx) === null)
  const run = options.run ?? callTool
  const format = options.format ?? ((value: unknown) => JSON.stringify(value))
  return offered.map((spec) =>
    uncheckedTool(
      async (input): Promise<LangchainToolOutput> => {
        const r = await withTimeout(run(spec, input, context()), spec.name, options.timeoutMs)
        return r.ok ? [format(r.value), r.value] : refused(errorTextForModel(spec.name, r.error), r.error)
      },
      {
        name: spec.name,
        description: spec.description,
        schema: jsonSchemaOf(spec.input),
      },
    ),
  )
}

export interface UncheckedToolFields {
  name: string
  description: string
  /** The JSON schema the model is shown; `answer` checks the input itself. */
  schema: Record<string, unknown>
  returnDirect?: boolean
}

/**
 * A LangChain tool that shows the model `schema` but leaves checking the input to `answer`.
 * LangChain's own check throws on a bad argument, and its agents (ToolNode's ToolInvocationError)
 * feed that error back with its whole stack, server file paths included. callTool answers the
 * same call in one line naming the field ("get_invoice failed: invalid_input (field: invoiceNumber): …").
 * `answer` returns [text, artifact], or `refused(…)`, which marks the tool message as an error (so a
 * `returnDirect` tool that refused does not end the run).
 */
export function uncheckedTool(
  answer: (input: unknown) => Promise<LangchainToolOutput>,
  fields: UncheckedToolFields,
): DynamicStructuredTool {
  const common = { ...fields, responseFormat: 'content_and_artifact' as const }
  // The calls run here: an empty schema accepts anything, and callbacks, tracing and the abort
  // signal work as for any tool.
  const runner = tool(answer, { ...common, schema: {} }) as DynamicStructuredTool
  return new AdvertisedTool(
    { ...common, schema: fields.schema as DynamicStructuredToolInput['schema'], func: answer },
    runner,
  )
}

/** Shows its own schema to the model; every call goes to the runner. */
class AdvertisedTool extends DynamicStructuredTool {
  readonly #runner: DynamicStructuredTool

  constructor(fields: DynamicStructuredToolInput & { name: string }, runner: DynamicStructuredTool) {
    super(fields)
    this.#runner = runner
  }

  override async call(...args: Parameters<DynamicStructuredTool['call']>): ReturnType<DynamicStructuredTool['call']> {
    const out = await this.#runner.call(...args)
    if (ToolMessage.isInstance(out) && refusals.has(out.artifact)) out.status = 'error'
    return out
  }
}

/** The artifacts of refused calls: a result that merely has an `error` field is not one. */
const refusals = new WeakSet<object>()

/** A refused call's output: the text for the model, and `{ error }` as the artifact. */
export function refused(text: string, error: unknown): LangchainToolOutput {
  const artifact = { error }
  refusals.add(artifact)
  return [text, artifact]
}

async function withTimeout<T>(
  pending: Promise<ToolResult<T>>,
  name: string,
  timeoutMs: number | undefined,
): Promise<ToolResult<T>> {
  if (!timeoutMs) return pending
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<ToolResult<T>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: { code: 'internal_error', message: `${name} did not answer within ${timeoutMs / 1000} s.` },
        }),
      timeoutMs,
    )
  })
  try {
    return await Promise.race([pending, late])
  } finally {
    clearTimeout(timer)
  }
}
