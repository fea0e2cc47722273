/**
 * The one contract both engines honour: the chat API, the CLI, the widget and the evals read it.
 */
import { z } from 'zod'
import { Amount } from '../../core/ledger.ts'
import { Resolution } from '../../core/resolution.ts'
import type { Actor } from '../../services/ports.ts'

export const QUESTION_TOPICS = ['invoice', 'reason', 'documents', 'teams', 'amount', 'deadline', 'erp'] as const
export const QuestionTopic = z.enum(QUESTION_TOPICS)
export type QuestionTopic = z.infer<typeof QuestionTopic>

export const Question = z.object({
  topic: QuestionTopic,
  text: z.string(),
  quickReplies: z.array(z.string()).optional(),
})
export type Question = z.infer<typeof Question>

export const ChatAction = z.object({
  kind: z.enum(['request_credit_memo']),
  label: z.string(),
  amount: Amount,
  disputeId: z.string(),
})
export type ChatAction = z.infer<typeof ChatAction>

/** Side effects a turn caused, so callers (and evals) can see what happened without parsing prose. */
export const SideEffect = z.enum([
  'dispute_opened',
  'resolution_recorded',
  'credit_memo_requested',
  'credit_memo_approved',
  'credit_memo_issued',
  'dispute_resolved',
  'write_off_posted',
  'note_added',
])
export type SideEffect = z.infer<typeof SideEffect>

export const ChatResponse = z.object({
  sessionId: z.string(),
  reply: z.string(),
  questions: z.array(Question),
  resolution: Resolution.nullable(),
  disputeId: z.string().nullable(),
  actions: z.array(ChatAction),
  effects: z.array(SideEffect),
})
export type ChatResponse = z.infer<typeof ChatResponse>

export const ChatRequest = z.object({
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, "-" or "_"')
    .optional(),
  message: z.string().trim().min(1, 'say something').max(20_000, 'at most 20,000 characters'),
})
export type ChatRequest = z.infer<typeof ChatRequest>

export type ChatEvent =
  | { type: 'progress'; text: string }
  | { type: 'text'; delta: string }
  | { type: 'resolution'; resolution: Resolution }
  | { type: 'questions'; questions: Question[] }

export interface TurnInput {
  sessionId: string
  message: string
  actor: Actor
  today: string
}

export interface Engine {
  readonly name: 'embedded' | 'llm'
  turn(input: TurnInput, emit?: (event: ChatEvent) => void): Promise<ChatResponse>
}
