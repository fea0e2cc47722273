/**
 * The facts of a dispute a conversation gathers, declared once. The claim's facts are the core's
 * Claim (what the investigation decides with); five more are the conversation's own. A message
 * states them (StatedFacts, understanding.ts), the conversation keeps them (ConversationState.facts)
 * and the claim is built from them (claimFrom), all derived from here: a new fact is one line in
 * Claim or below, plus the code that reads it from a message and the code that decides with it.
 */
import { z } from 'zod'
import { Claim } from '../../core/resolution.ts'

const { description: _description, openedOn: _openedOn, ...claimFacts } = Claim.shape

export const DisputeFacts = z
  .object({
    ...claimFacts,
    customerId: z.string(),
    /** The count the customer says was billed ("28 of the 31", "8 hours not 14"): names the line. */
    quantityBilled: z.number(),
    /** The ERP the specialist names, and the teams to involve: for routing, not for the decision. */
    erp: z.string(),
    teams: z.array(z.string()),
    /** The reason was the classifier's guess alone ("they have a problem with a bill"): a later
     *  turn that states it from facts or plain words replaces it, until the claim is investigated. */
    reasonGuessed: z.boolean(),
  })
  .partial()
export type DisputeFacts = z.infer<typeof DisputeFacts>

/** Whether a fact holds something: an empty text or list says nothing. */
export const isStated = (v: unknown): boolean => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)

/** The claim the facts make, once the invoice and the reason are known. */
export function claimOf(facts: DisputeFacts, description: readonly string[]): Claim | null {
  if (!facts.invoiceNumber || !facts.reasonCode) return null
  const said = Object.keys(Claim.shape).filter((k) => isStated(facts[k as keyof DisputeFacts]))
  const claim = Object.fromEntries(said.map((k) => [k, facts[k as keyof DisputeFacts]])) as Claim
  // Product words name the lines the core matches; line numbers read before them give way.
  if (claim.sku) delete claim.lines
  if (description.length) claim.description = description.join(' ').slice(0, 2000)
  return claim
}
