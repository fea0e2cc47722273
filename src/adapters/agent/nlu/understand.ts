/**
 * The embedded engine's `Understand`: one message in, the intent and the stated facts out. A pasted
 * customer email is read as the customer's claim; any request inside it is reported, never obeyed.
 */
import type { Understand, UnderstandContext, Understanding } from '../understanding.ts'
import { readCustomerEmail } from './customer-email.ts'
import { classifyTurn } from './turn-intent.ts'

export const understand: Understand = (text: string, context: UnderstandContext): Understanding => {
  const email = readCustomerEmail(text, context)
  if (email) {
    return {
      // Whatever the email asks for, the specialist's intent is to have the claim looked at.
      intent: context.hasDispute ? 'provide_info' : 'new_dispute',
      facts: email.facts,
      email: { summary: email.summary, embeddedInstructions: email.embeddedInstructions },
    }
  }
  const turn = classifyTurn(text, context)
  return { intent: turn.intent, facts: turn.facts, ...(turn.tone ? { tone: turn.tone } : {}) }
}
