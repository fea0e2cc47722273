/** For tool tests: a specialist's context on a test app, and a call by tool name through callTool. */
import type { Actor } from '../src/services/ports.ts'
import type { Services } from '../src/services/services.ts'
import { callTool, type ToolContext, type ToolResult, toolByName } from './index.ts'

export const SPECIALIST: Actor = { id: 'k-spec', name: 'Sam', role: 'specialist' }

/** What a tool test needs of a running app (tools may not import the HTTP test app's module). */
interface AppRuntime {
  runtime: { services: Services; today(): string }
}

export const toolContext = (t: AppRuntime, readOnly = false, actor = SPECIALIST): ToolContext => ({
  services: t.runtime.services,
  actor,
  today: t.runtime.today(),
  readOnly,
})

export function callByName(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult<unknown>> {
  const spec = toolByName(name)
  if (!spec) throw new Error(`no tool ${name}`)
  return callTool(spec, input, ctx)
}
