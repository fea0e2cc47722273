/**
 * The dispute card, an MCP App: the host hands it the investigate_dispute call (input and result);
 * the card shows the figures, the evidence and the email, re-drafts the email in another tone, and
 * files a credit memo request through the same confirmation the MCP server asks of a model: the
 * first request_credit_memo call (without `confirm`) only says what it would do; the card shows that
 * and sends `confirm: true` only after the person presses Confirm. Nothing else moves money.
 */
// The package's own bundle (its zod inside, without locales): 81 KB gzipped against 114 KB built from parts.
import {
  App,
  applyDocumentTheme,
  applyHostStyleVariables,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-with-deps'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { Email, Resolution } from '../../src/core/resolution.ts'
import { clear, h } from '../shared/dom.ts'
import { emailSection, evidenceSection, header, isZero, summaryTable, type Tone } from './render-card.ts'

/** What the MCP server puts on an answer that ran nothing until a person confirms (mcp-tools.ts). */
const CONFIRMATION_META = 'dispute-desk/confirmation-required'

const app = new App({ name: 'DisputeDesk dispute card', version: '1.0.0' }, {})
const root = document.getElementById('card') as HTMLElement

let claim: Record<string, unknown> | null = null
let resolution: Resolution | null = null
/** The dispute the card recorded to request a credit on; kept so a second press reuses it. */
let disputeId: string | null = null
const openKey = randomKey()

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `card-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

const roleWords = (role: string): string => role.replaceAll('_', ' ')

const textOf = (r: CallToolResult): string =>
  r.content
    .map((c) => (c.type === 'text' ? c.text : ''))
    .filter(Boolean)
    .join('\n')

/** The claim to re-run: the tool's own arguments when the host sent them (less the email's tone, which
 *  open_dispute's strict claim refuses), else what the result names. */
function claimOf(r: Resolution): Record<string, unknown> {
  if (claim) {
    const { tone: _tone, ...rest } = claim
    return rest
  }
  return {
    invoiceNumber: r.invoiceNumber,
    reasonCode: r.reasonCode,
    ...(r.disputedAmountSource === 'stated' ? { disputedAmount: r.disputedAmount } : {}),
  }
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  try {
    return await app.callServerTool({ name, arguments: args })
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: `The host could not call ${name}: ${String(error)}` }] }
  }
}

function status(text: string, kind: 'info' | 'error' | 'done' = 'info'): void {
  const el = document.getElementById('status')
  if (!el) return
  el.className = `status ${kind}`
  el.textContent = text
}

async function changeTone(tone: Tone): Promise<void> {
  if (!resolution) return
  const radios = root.querySelectorAll<HTMLInputElement>('input[name="tone"]')
  radios.forEach((r) => {
    r.disabled = true
  })
  status(`Re-drafting the email in a ${tone} tone…`)
  const r = await call('investigate_dispute', { ...claimOf(resolution), tone })
  radios.forEach((r) => {
    r.disabled = false
  })
  if (r.isError || !r.structuredContent) return status(textOf(r), 'error')
  const email = (r.structuredContent as unknown as Resolution).email as Email
  resolution = { ...resolution, email }
  ;(document.getElementById('email-subject') as HTMLElement).textContent = email.subject
  ;(document.getElementById('email-body') as HTMLElement).textContent = email.body
  status(`Email re-drafted in a ${email.tone} tone; the figures are unchanged.`, 'done')
}

function creditSection(r: Resolution): HTMLElement | null {
  if (r.action !== 'credit_memo' || isZero(r.supportedAmount)) return null
  const reason = h('textarea', { id: 'credit-reason', rows: 2 }, r.rootCause) as HTMLTextAreaElement
  const proposal = h('div', { id: 'proposal', hidden: true })
  const button = h('button', { type: 'button', id: 'request-credit' }, 'Request credit memo')
  button.addEventListener('click', () => void propose(r, reason.value.trim(), button, proposal))
  return h(
    'section',
    { 'aria-labelledby': 'credit-title' },
    h('h2', { id: 'credit-title' }, 'Credit memo'),
    h('label', { for: 'credit-reason' }, 'Reason, for the approver and the audit trail'),
    reason,
    button,
    proposal,
  )
}

/** Records the dispute (once) and asks the server what the request would do; nothing is filed yet. */
async function propose(r: Resolution, reason: string, button: HTMLButtonElement, proposal: HTMLElement) {
  button.disabled = true
  try {
    if (!disputeId) {
      status(`Recording the dispute on ${r.invoiceNumber}…`)
      const opened = await call('open_dispute', { ...claimOf(r), idempotencyKey: openKey })
      const id = (opened.structuredContent as { dispute?: { id?: string } } | undefined)?.dispute?.id
      if (opened.isError || !id) return status(textOf(opened), 'error')
      disputeId = id
    }
    const args = {
      disputeId,
      amount: r.supportedAmount,
      reason,
      kind: 'credit_memo',
      idempotencyKey: randomKey(),
    }
    const first = await call('request_credit_memo', args)
    // A host with elicitation asked the person itself, and the request is already filed.
    if (!first.isError && first.structuredContent) return filed(first, proposal)
    if (!first._meta?.[CONFIRMATION_META]) return status(textOf(first), 'error')
    showProposal(r, args, proposal)
    status('Not requested yet: confirm or cancel below.')
  } finally {
    button.disabled = false
  }
}

function showProposal(r: Resolution, args: Record<string, unknown>, proposal: HTMLElement): void {
  clear(proposal)
  const who = `another person whose limit covers it${r.approval ? ` (${roleWords(r.approval.requiredRole)} or above)` : ''}`
  const confirm = h('button', { type: 'button', id: 'confirm-credit', class: 'primary' }, 'Confirm')
  const cancel = h('button', { type: 'button', id: 'cancel-credit' }, 'Cancel')
  confirm.addEventListener('click', async () => {
    confirm.disabled = true
    cancel.disabled = true
    const second = await call('request_credit_memo', { ...args, confirm: true })
    if (second.isError || !second.structuredContent) {
      confirm.disabled = false
      cancel.disabled = false
      return status(textOf(second), 'error')
    }
    filed(second, proposal)
  })
  cancel.addEventListener('click', () => {
    proposal.hidden = true
    status('Cancelled: nothing was requested.')
  })
  proposal.append(
    h(
      'p',
      {},
      `Request a credit memo of ${r.supportedAmount} ${r.currency} on dispute ${args.disputeId} (${r.invoiceNumber}). ` +
        `It is not issued until ${who} approves it.`,
    ),
    h('div', { class: 'actions' }, confirm, cancel),
  )
  proposal.hidden = false
  confirm.focus()
}

function filed(result: CallToolResult, proposal: HTMLElement): void {
  const req = result.structuredContent as { id: string; amount: string; currency: string; requiredRole: string }
  proposal.hidden = true
  status(
    `Credit memo request ${req.id} filed for ${req.amount} ${req.currency}: pending approval by another person ` +
      `(${roleWords(req.requiredRole)} or above).`,
    'done',
  )
}

function render(r: Resolution): void {
  resolution = r
  clear(root)
  root.append(
    header(r),
    summaryTable(r),
    evidenceSection(r),
    emailSection(r, (tone) => void changeTone(tone)),
    ...[creditSection(r)].filter((s): s is HTMLElement => s !== null),
    h('p', { id: 'status', class: 'status', role: 'status' }),
  )
}

function applyHost(ctx: ReturnType<App['getHostContext']>): void {
  if (ctx?.theme) applyDocumentTheme(ctx.theme)
  if (ctx?.styles?.variables) applyHostStyleVariables(ctx.styles.variables)
}

// Handlers first: the host may send the call as soon as the handshake ends.
app.ontoolinput = (params) => {
  claim = (params.arguments ?? null) as Record<string, unknown> | null
}
app.ontoolresult = (result) => {
  if (result.isError || !result.structuredContent) {
    clear(root)
    root.append(h('p', { class: 'status error', role: 'alert' }, textOf(result)))
    return
  }
  render(result.structuredContent as unknown as Resolution)
}
app.onhostcontextchanged = (ctx) => applyHost(ctx)

void app.connect(new PostMessageTransport(window.parent, window.parent)).then(() => applyHost(app.getHostContext()))
