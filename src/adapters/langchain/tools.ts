/**
 * The registry as LangChain tools, for teams that run their own LangChain/LangGraph agent. Each
 * tool advertises the registry's JSON schema and runs through callTool, so roles, read-only keys
 * and the services' approval rules apply exactly as over REST and MCP. Tool faults come back as
 * text the model can act on (with the error as the artifact), never as a thrown stack trace.
 */
import { type DynamicStructuredTool, tool } from '@langchain/core/tools'
import { authorise, callTool, jsonSchemaOf } from '../../../tools/call-tool.ts'
import type { ToolContext, ToolSpec } from '../../../tools/define-tool.ts'
import { errorTextForModel } from '../../../tools/errors.ts'
import { tools as registryTools } from '../../../tools/index.ts'

export interface LangchainToolsOptions {
  /** Defaults to the registry. */
  tools?: readonly ToolSpec[]
  /** Offer only the tools this context may call (default true), as MCP does. */
  onlyAllowed?: boolean
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
  return offered.map(
    (spec) =>
      tool(
        async (input: unknown): Promise<LangchainToolOutput> => {
          const r = await callTool(spec, input, context())
          return r.ok ? [JSON.stringify(r.value), r.value] : [errorTextForModel(spec.name, r.error), { error: r.error }]
        },
        {
          name: spec.name,
          description: spec.description,
          schema: jsonSchemaOf(spec.input) as Parameters<typeof tool>[1]['schema'],
          responseFormat: 'content_and_artifact',
          verboseParsingErrors: true,
        },
      ) as DynamicStructuredTool,
  )
}
