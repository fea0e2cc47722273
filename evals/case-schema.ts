/**
 * The eval case format of shared/contract/EVALS.md, declared once. A case that does not parse is
 * a failed case with the reason, never a crash of the run.
 */
import { z } from 'zod'
import { Action, Amount, Classification, IsoDate, ReasonCode } from '../src/core/ledger.ts'
import { Team } from '../src/core/resolution.ts'
import { QuestionTopic } from '../src/adapters/agent/chat-types.ts'

export const SIDE_EFFECTS = [
  'credit_memo_issued',
  'credit_memo_approved',
  'dispute_resolved',
  'write_off_posted',
] as const

export const EvalCase = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  ledger: z.string().min(1),
  today: IsoDate,
  turns: z.array(z.string().min(1)).min(1),
  expect: z.strictObject({
    invoiceNumber: z.string().optional(),
    customerId: z.string().optional(),
    reasonCode: ReasonCode.optional(),
    classification: Classification.optional(),
    disputedAmount: Amount.optional(),
    supportedAmount: Amount.optional(),
    action: Action.optional(),
    escalation: z.boolean().optional(),
    stakeholders: z.array(Team).optional(),
    asks: z.array(QuestionTopic).optional(),
    neverAsks: z.array(QuestionTopic).optional(),
    similar: z.array(z.string()).optional(),
    emailMentions: z.array(z.string()).optional(),
    mustNotHappen: z.array(z.enum(SIDE_EFFECTS)).optional(),
    noResolution: z.boolean().optional(),
  }),
})
export type EvalCase = z.infer<typeof EvalCase>

export interface CheckResult {
  name: string
  passed: boolean
  expected: unknown
  actual: unknown
}

export interface CaseResult {
  id: string
  passed: boolean
  ms: number
  checks: CheckResult[]
  error?: string
  /** Where the case came from, for the report and the dashboard. */
  file?: string
  /** Why the outcome would move money wrongly (a credit on the wrong invoice or for the wrong
   *  amount, or a forbidden effect), when it would: worse than a failure, counted apart. */
  harmful?: string
}

export interface EvalReport {
  engine: string
  cases: CaseResult[]
  summary: { cases: number; passed: number; failed: number; checks: number; checksPassed: number; harmful: number }
}

export function summarise(engine: string, cases: CaseResult[]): EvalReport {
  const checks = cases.flatMap((c) => c.checks)
  return {
    engine,
    cases,
    summary: {
      cases: cases.length,
      passed: cases.filter((c) => c.passed).length,
      failed: cases.filter((c) => !c.passed).length,
      checks: checks.length,
      checksPassed: checks.filter((c) => c.passed).length,
      harmful: cases.filter((c) => c.harmful).length,
    },
  }
}
