/**
 * The chat API's shapes as the browser sees them. Only the fields the widget reads are declared;
 * the server's zod schemas (src/adapters/agent/chat-types.ts) are the source of truth.
 */
export interface QuestionView {
  topic: string
  text: string
  quickReplies?: string[]
}

/** The buttons of an answer: the server's own schema, imported as a type only (erased at build). */
export type ChatActionView = import('../../src/adapters/agent/chat-types.ts').ChatAction

export interface ResolutionView {
  invoiceNumber: string
  currency: string
  classification: string
  supportedAmount: string
  email: { subject: string; body: string }
}

export interface ChatResponseView {
  sessionId: string
  reply: string
  questions: QuestionView[]
  resolution: ResolutionView | null
  disputeId: string | null
  actions: ChatActionView[]
  proposal?: { kind: string; summary: string } | null
  understood?: import('../../src/adapters/agent/chat-types.ts').Understood | null
}

export type CorrectionView = import('../../src/adapters/agent/chat-types.ts').Correction
