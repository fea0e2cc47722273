/**
 * The one contract both engines honour: the chat API, the CLI, the widget and the evals read it.
 */
import { z } from 'zod'
import { Amount } from '../../core/ledger.ts'
import { Claim, Resolution } from '../../core/resolution.ts'
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

/** A change the assistant proposes and runs only when the person who asked confirms it (DOMAIN.md:
 *  "Money moves once, and only when confirmed"). The summary states the exact action and amount. */
export const PROPOSAL_KINDS = [
  'record_dispute',
  'update_dispute',
  'request_credit_memo',
  'request_write_off',
  'request_goodwill_credit',
  'resolve_dispute',
  'add_note',
  'change_status',
  'choose_settlement',
] as const
export const ProposalKind = z.enum(PROPOSAL_KINDS)
export type ProposalKind = z.infer<typeof ProposalKind>

export const Proposal = z.object({
  kind: ProposalKind,
  /** One sentence: what will happen, on which invoice, for how much. */
  summary: z.string(),
  invoiceNumber: z.string().optional(),
  amount: Amount.optional(),
  currency: z.string().optional(),
  disputeId: z.string().nullable(),
})
export type Proposal = z.infer<typeof Proposal>

/** What the client can offer as buttons: confirm or cancel the pending proposal (a one-time token bound
 *  to this session and key), or ask for a proposal in words the specialist would type. */
export const ChatAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm'), label: z.string(), token: z.string(), proposal: Proposal }),
  z.object({ kind: z.literal('cancel'), label: z.string(), token: z.string() }),
  z.object({ kind: z.literal('suggest'), label: z.string(), message: z.string() }),
])
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
  'status_changed',
  'settlement_chosen',
])
export type SideEffect = z.infer<typeof SideEffect>

/** The facts of the claim as the assistant read them and investigated, so the person can see them and
 *  correct any one of them. Derived from the core's Claim: one declaration of each fact. */
export const Understood = Claim.pick({
  invoiceNumber: true,
  reasonCode: true,
  disputedAmount: true,
  quantityReceived: true,
  quantityAffected: true,
  expectedUnitPrice: true,
  relatedInvoiceNumber: true,
  lines: true,
  sku: true,
  feeType: true,
  paymentReference: true,
  paymentDate: true,
  goodwillAmount: true,
  serviceDates: true,
})
export type Understood = z.infer<typeof Understood>

/** A correction of what was understood: the facts to change (the others stay as they were). */
export const Correction = z
  .strictObject(Understood.partial().shape)
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'correct at least one fact' })
export type Correction = z.infer<typeof Correction>

/** What one turn of the LLM engine used: summed over its model calls, as the provider counted them
 *  (else estimated as characters / 4), and how many earlier turns were left out of its history. */
export const TurnUsage = z.object({
  modelCalls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  totalTokens: z.number().int(),
  reported: z.boolean(),
  turnsTrimmed: z.number().int(),
})
export type TurnUsage = z.infer<typeof TurnUsage>

export const ChatResponse = z.object({
  sessionId: z.string(),
  reply: z.string(),
  questions: z.array(Question),
  resolution: Resolution.nullable(),
  disputeId: z.string().nullable(),
  actions: z.array(ChatAction),
  effects: z.array(SideEffect),
  /** The change waiting for this person's confirmation after the turn, if any. */
  proposal: Proposal.nullable(),
  /** The facts the latest investigation used, to show and correct; null before there is one. */
  understood: Understood.nullable(),
  /** The LLM engine's token use this turn (absent for the embedded engine). */
  usage: TurnUsage.optional(),
})
export type ChatResponse = z.infer<typeof ChatResponse>

export const ChatRequest = z
  .object({
    sessionId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, "-" or "_"')
      .optional(),
    message: z.string().trim().min(1, 'say something').max(20_000, 'at most 20,000 characters').optional(),
    /** The token of a confirm action: runs the pending proposal it names, once. */
    confirm: z.string().min(8).max(128).optional(),
    /** The token of a cancel action: drops the pending proposal. */
    cancel: z.string().min(8).max(128).optional(),
    /** Facts corrected by hand (the widget's edit form): the investigation runs again with them. */
    correct: Correction.optional(),
  })
  .refine((r) => [r.message, r.confirm, r.cancel, r.correct].filter((x) => x !== undefined).length === 1, {
    message: 'send exactly one of message, confirm, cancel or correct',
    path: ['message'],
  })
export type ChatRequest = z.infer<typeof ChatRequest>

export type ChatEvent =
  | { type: 'progress'; text: string }
  | { type: 'text'; delta: string }
  | { type: 'resolution'; resolution: Resolution }
  | { type: 'questions'; questions: Question[] }
  | { type: 'usage'; usage: TurnUsage }

export interface TurnInput {
  sessionId: string
  /** What the person typed; empty when the turn is a button (confirm or cancel). */
  message: string
  actor: Actor
  today: string
  /** The caller's key is read-only: the engine offers and runs no change at all. */
  readOnly: boolean
  /** A confirm or cancel button's token. */
  confirm?: string
  cancel?: string
  /** Facts corrected by hand: re-investigate with them. */
  correct?: Correction
}

export interface Engine {
  readonly name: 'embedded' | 'llm'
  turn(input: TurnInput, emit?: (event: ChatEvent) => void): Promise<ChatResponse>
  /** Loads what the first turn would otherwise wait for; the server calls it once it listens. */
  warm?(): Promise<void>
}
