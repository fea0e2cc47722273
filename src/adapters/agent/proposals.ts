/**
 * Propose, then confirm. A conversation never changes a record or moves money on a sentence alone:
 * the engine turns what the person asked for into a proposal (the exact tool calls, and one sentence
 * saying what they do and for how much), keeps it in the conversation's state with a one-time token
 * bound to the person's key, and runs it only when that same person confirms: the token (a button)
 * or a reply that is nothing but a plain yes. Both engines use this module, so they cannot drift.
 */
import { z } from 'zod'
import type { Resolution } from '../../core/resolution.ts'
import { authorise, callTool, type ToolContext, toolByName } from '../../../tools/index.ts'
import { type ChatAction, Proposal, type SideEffect } from './chat-types.ts'

/** A step's `disputeId` may name the dispute an earlier step of the same proposal opens. */
export const OPENED_DISPUTE = '$opened'

export const PendingStep = z.object({ tool: z.string(), input: z.record(z.string(), z.unknown()) })
export type PendingStep = z.infer<typeof PendingStep>

export const Pending = z.object({
  token: z.string(),
  /** Only the key that was offered the proposal can confirm it. */
  actorId: z.string(),
  proposal: Proposal,
  steps: z.array(PendingStep).min(1),
})
export type Pending = z.infer<typeof Pending>

const EFFECT_OF: Record<string, SideEffect> = {
  open_dispute: 'dispute_opened',
  request_credit_memo: 'credit_memo_requested',
  resolve_dispute: 'dispute_resolved',
  add_dispute_note: 'note_added',
  update_dispute: 'status_changed',
  decide_credit_memo: 'credit_memo_approved',
  choose_settlement: 'settlement_chosen',
}

/** Why a proposal cannot be offered to this caller, or null when it can. Checked when proposing, so
 *  nobody is asked to confirm what their key or role would refuse anyway. */
export function refusal(steps: readonly PendingStep[], ctx: Pick<ToolContext, 'actor' | 'readOnly'>): string | null {
  if (ctx.readOnly) return 'Your key is read-only: I can investigate and explain, but not record or change anything.'
  for (const step of steps) {
    const spec = toolByName(step.tool)
    if (!spec) return `There is no tool ${step.tool}.`
    const denied = authorise(spec, ctx)
    if (denied && !denied.ok) return denied.error.message
  }
  return null
}

export function propose(
  proposal: Proposal,
  steps: PendingStep[],
  actorId: string,
  newToken: () => string = () => crypto.randomUUID(),
): Pending {
  return { token: newToken(), actorId, proposal, steps }
}

/** The buttons that go with a pending proposal. */
export function proposalActions(pending: Pending | null | undefined): ChatAction[] {
  if (!pending) return []
  return [
    { kind: 'confirm', label: confirmLabel(pending.proposal), token: pending.token, proposal: pending.proposal },
    { kind: 'cancel', label: 'Cancel', token: pending.token },
  ]
}

function confirmLabel(p: Proposal): string {
  const label: Record<Proposal['kind'], string> = {
    record_dispute: 'Record the dispute',
    update_dispute: 'Update the dispute',
    request_credit_memo: 'Request the credit memo',
    request_write_off: 'Request the write-off',
    request_goodwill_credit: 'Request the goodwill credit',
    resolve_dispute: 'Mark it resolved',
    add_note: 'Add the note',
    change_status: 'Change the status',
    choose_settlement: 'Record the settlement',
  }
  return `Confirm: ${label[p.kind]}`
}

/** The line a reply ends with while a proposal waits. */
export function proposalLine(p: Proposal): string {
  return `**Proposed:** ${p.summary} Nothing is recorded or changed until you confirm (reply "yes" or use the button); "no" cancels it.`
}

// A confirmation is a short reply made only of assent (and the words naming what is assented to).
// "approve" and "agreed" are not assent here: they name another action (a lead's approval) or report
// someone else's agreement.
// Anything else (a question, a condition, a negation, quoted or pasted text, someone else's words)
// is not one: a wrong "yes" moves money, a missed one costs a click.
const ASSENT = new Set([
  'y',
  'yes',
  'yep',
  'yeah',
  'yup',
  'sure',
  'ok',
  'okay',
  'k',
  'confirm',
  'confirmed',
  'proceed',
  'absolutely',
  'definitely',
  'correct',
  'right',
])
const ASSENT_PHRASES = [/\bgo ahead\b/, /\bdo it\b/, /\bgo for it\b/, /\bplease do\b/, /\bsounds good\b/, /\bdo that\b/]
const FILLER = new Set([
  'please',
  'pls',
  'plz',
  'thanks',
  'thank',
  'you',
  'ty',
  'go',
  'ahead',
  'do',
  'it',
  'that',
  'this',
  'for',
  'sounds',
  'good',
  'fine',
  'great',
  'perfect',
  'and',
  'now',
  'then',
  'the',
  'a',
  'is',
  "that's",
  'thats',
  'looks',
  'all',
  'record',
  'request',
  'raise',
  'submit',
  'file',
  'send',
  'post',
  'issue',
  'credit',
  'memo',
  'note',
  'dispute',
  'write',
  'off',
  'write-off',
  'resolve',
  'resolved',
  'close',
  'mark',
  'as',
  'update',
  'add',
  'status',
  'goodwill',
  'them',
  'with',
  'one',
])
const REFUSAL =
  /^\s*(?:no\b|nope\b|nah\b|cancel\b|stop\b|don'?t\b|do not\b|not (?:yet|now)\b|hold (?:off|on)\b|wait\b|never ?mind\b|scrap (?:it|that)\b|forget (?:it|that)\b|abort\b)/i

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[!.,;:…\u{1F300}-\u{1FAFF}\u2600-\u27BF]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
}

/** Whether a typed reply confirms the pending proposal. */
export function confirms(text: string): boolean {
  const t = text.trim()
  if (!t || t.length > 80 || /[?"“”>\n]/.test(t) || REFUSAL.test(t)) return false
  const w = words(t)
  if (!w.length || w.length > 10) return false
  if (
    w.some((x) =>
      /^(?:not|no|never|don't|dont|won't|wont|until|unless|if|before|after|later|tomorrow|monday|customer|they|he|she|wants?|asked|says?|said)$/.test(
        x,
      ),
    )
  )
    return false
  const lower = w.join(' ')
  const assents = w.some((x) => ASSENT.has(x)) || ASSENT_PHRASES.some((re) => re.test(lower))
  return assents && w.every((x) => ASSENT.has(x) || FILLER.has(x))
}

/** Whether a typed reply declines the pending proposal. */
export function declines(text: string): boolean {
  const t = text.trim()
  return t.length <= 80 && !/\n|>/.test(t) && REFUSAL.test(t)
}

export interface Executed {
  ok: boolean
  effects: SideEffect[]
  disputeId: string | null
  /** The resolution an `open_dispute` step recorded, when it ran. */
  resolution: Resolution | null
  /** What each step returned, in order (for the LLM engine's model and for replies). */
  results: unknown[]
  error?: { code: string; message: string; field?: string }
}

/** Runs a confirmed proposal's steps in order through the tool registry (role, read-only and input
 *  checks included), each with an idempotency key derived from the token, so a repeated or
 *  concurrent confirmation of the same proposal cannot run it twice. */
export async function execute(pending: Pending, ctx: ToolContext, currentDisputeId: string | null): Promise<Executed> {
  const done: Executed = { ok: true, effects: [], disputeId: currentDisputeId, resolution: null, results: [] }
  for (const [i, step] of pending.steps.entries()) {
    const spec = toolByName(step.tool)
    if (!spec) return { ...done, ok: false, error: { code: 'unknown_tool', message: `No tool ${step.tool}.` } }
    const input: Record<string, unknown> = { ...step.input }
    if (input.disputeId === OPENED_DISPUTE) {
      if (!done.disputeId)
        return { ...done, ok: false, error: { code: 'not_found', message: 'The dispute was not recorded.' } }
      input.disputeId = done.disputeId
    }
    if (acceptsIdempotencyKey(spec.input)) input.idempotencyKey = `${pending.token}:${i}`
    const r = await callTool(spec, input, ctx)
    if (!r.ok) return { ...done, ok: false, error: r.error }
    done.results.push(r.value)
    if (step.tool === 'open_dispute') {
      const v = r.value as { dispute: { id: string }; resolution: Resolution }
      done.disputeId = v.dispute.id
      done.resolution = v.resolution
    }
    const effect = EFFECT_OF[step.tool]
    if (effect && !done.effects.includes(effect)) done.effects.push(effect)
  }
  if (done.resolution) done.effects.push('resolution_recorded')
  return done
}

function acceptsIdempotencyKey(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && 'idempotencyKey' in schema.shape
}
