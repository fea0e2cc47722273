/**
 * The tools one turn offers the model: the registry through the LangChain adapter (the same one
 * LangChain users get, so names, schemas, role filtering and error texts are the same), plus the
 * clarifying-question tool. A tool whose annotations say it changes anything is never run on the
 * model's say-so: its call is checked and becomes a step of the proposal the person confirms
 * (proposals.ts). What the turn learnt (questions, results, the investigation) is collected here.
 */
import type { DynamicStructuredTool } from '@langchain/core/tools'
import { z } from 'zod'
import { formatPath } from '../../../core/ledger.ts'
import type { Resolution } from '../../../core/resolution.ts'
import type { ToolError } from '../../../../tools/define-tool.ts'
import { errorTextForModel } from '../../../../tools/errors.ts'
import {
  authorise,
  callTool,
  jsonSchemaOf,
  type ToolContext,
  type ToolResult,
  type ToolSpec,
  toolByName,
} from '../../../../tools/index.ts'
import { langchainTools, refused, uncheckedTool } from '../../langchain/tools.ts'
import { type Question, QuestionTopic, Understood } from '../chat-types.ts'
import type { PendingStep } from '../proposals.ts'
import { sizedJson } from './budget.ts'

export const ASK_TOOL_NAME = 'ask_clarifying_question'
const AskInput = z.object({ topic: QuestionTopic, text: z.string().min(1) })

export const PROPOSED_TEXT =
  'Not done yet: this change is shown to the user as a proposal and runs only when they confirm it. ' +
  'Tell them what it will do and ask them to confirm; do not say it is done.'

/** What the model's tool calls produced during one turn. */
export interface TurnFindings {
  questions: Question[]
  proposed: PendingStep[]
  /** Every successful read's value, for the figure guard. */
  results: unknown[]
  /** The latest investigation, and the facts the model investigated with. */
  resolution: Resolution | null
  facts: Understood | null
}

export interface AgentToolsOptions {
  ctx: ToolContext
  /** False when the turn is read-only (a read-only key, or a message carrying instructions). */
  offerChanges: boolean
  timeoutMs: number
  resultChars: number
  onResolution?: (r: Resolution) => void
}

export function agentTools(options: AgentToolsOptions): { tools: DynamicStructuredTool[]; findings: TurnFindings } {
  const findings: TurnFindings = { questions: [], proposed: [], results: [], resolution: null, facts: null }
  const { ctx } = options

  const run = async (spec: ToolSpec, input: unknown, c: ToolContext): Promise<ToolResult<unknown>> => {
    if (!spec.annotations.readOnly) return proposeStep(spec, input, c, findings)
    const r = await callTool(spec, input, c)
    if (!r.ok) return r
    findings.results.push(r.value)
    if (spec.name === 'investigate_dispute') {
      const res = r.value as Resolution
      findings.resolution = res
      // The facts the model investigated with are what was understood: shown, and correctable.
      const claim = Understood.safeParse(input)
      if (claim.success)
        findings.facts = { ...claim.data, invoiceNumber: res.invoiceNumber, reasonCode: res.reasonCode }
      options.onResolution?.(res)
    }
    return r
  }

  const registry = langchainTools(() => ctx, {
    run,
    format: (value) => sizedJson(value, options.resultChars),
    timeoutMs: options.timeoutMs,
  }).filter((t) => options.offerChanges || toolByName(t.name)?.annotations.readOnly)

  const ask = uncheckedTool(
    async (input) => {
      const parsed = AskInput.safeParse(input)
      if (!parsed.success) {
        // Marked as an error, so the turn goes on and the model can ask again.
        const error = invalidInput(ASK_TOOL_NAME, parsed.error)
        return refused(errorTextForModel(ASK_TOOL_NAME, error), error)
      }
      findings.questions.push(parsed.data)
      return ['Asked; the turn ends here and the specialist answers next turn.', parsed.data]
    },
    {
      name: ASK_TOOL_NAME,
      description:
        'Ask the specialist one question you need answered before you can investigate (only invoice and reason ' +
        'block; never ask for what the ledger already has: look it up with the tools).',
      schema: jsonSchemaOf(AskInput),
      returnDirect: true,
    },
  )

  return { tools: [...registry, ask], findings }
}

function proposeStep(spec: ToolSpec, input: unknown, ctx: ToolContext, findings: TurnFindings): ToolResult<unknown> {
  const denied = authorise(spec, ctx)
  if (denied) return denied
  const parsed = spec.input.safeParse(input ?? {})
  if (!parsed.success) return { ok: false, error: invalidInput(spec.name, parsed.error) }
  findings.proposed.push({ tool: spec.name, input: { ...(parsed.data as Record<string, unknown>) } })
  return { ok: true, value: { status: 'proposed', message: PROPOSED_TEXT } }
}

/** Worded as callTool words it: the field, then why, for every issue (the tool never ran). */
function invalidInput(tool: string, error: z.ZodError): ToolError {
  const [first] = error.issues
  return {
    code: 'invalid_input',
    message: `${tool}: ${error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
    ...(first ? { field: formatPath(first.path) } : {}),
  }
}
