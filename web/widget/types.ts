/**
 * The chat API's shapes as the browser sees them. Only the fields the widget reads are declared;
 * the server's zod schemas (src/adapters/agent/chat-types.ts) are the source of truth.
 */
export interface QuestionView {
  topic: string
  text: string
  quickReplies?: string[]
}

export interface ChatActionView {
  kind: 'request_credit_memo'
  label: string
  amount: string
  disputeId?: string
}

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
}

export interface CreditMemoView {
  id: string
  amount: string
  currency: string
  status: string
  requiredRole: string
  creditMemoNumber: string | null
}
