/**
 * One assistant message: the reply's Markdown (sanitised), the copy-email button, the proposal's confirm
 * and cancel buttons,
 * and the clarifying questions with quick replies. Everything built from data, never from HTML.
 */
import { h } from '../shared/dom.ts'
import { emailFromReply, renderMarkdown } from './markdown.ts'
import { REASON_CODES } from '../../src/core/reason-codes.ts'
import type { ChatResponseView, CorrectionView } from './types.ts'

export interface MessageHandlers {
  quickReply(text: string): void
  /** A confirm or cancel button of a proposal: sent as its one-time token, shown as its label. */
  press(turn: { confirm: string } | { cancel: string } | { correct: CorrectionView }, label: string): void
  copy(text: string): Promise<boolean>
}

export function emailText(r: ChatResponseView): string | null {
  if (r.resolution) return `Subject: ${r.resolution.email.subject}\n\n${r.resolution.email.body}`
  return emailFromReply(r.reply)
}

export function assistantMessage(
  response: ChatResponseView,
  handlers: MessageHandlers,
  opts: { memoNote?: string; interactive: boolean },
): HTMLElement {
  const body = h('div', { class: 'msg assistant' })
  body.appendChild(renderMarkdown(response.reply))
  const tools = h('div', { class: 'tools' })
  const note = h('div', { class: 'note', role: 'status' }, opts.memoNote ?? '')

  const email = emailText(response)
  if (email) {
    const copyButton = h('button', { type: 'button' }, 'Copy customer email')
    copyButton.addEventListener('click', async () => {
      const copied = await handlers.copy(email)
      note.className = copied ? 'note' : 'note bad'
      note.textContent = copied ? 'Customer email copied to the clipboard.' : 'Could not copy: select the text instead.'
    })
    tools.appendChild(copyButton)
  }
  // Proposal buttons sit with the quick replies: only the latest answer's are live.
  if (response.actions.length) {
    const row = h('div', { class: 'quick actions', role: 'group', 'aria-label': 'Actions' })
    for (const action of response.actions) {
      const onclick =
        action.kind === 'confirm'
          ? () => handlers.press({ confirm: action.token }, action.label)
          : action.kind === 'cancel'
            ? () => handlers.press({ cancel: action.token }, 'Cancel')
            : () => handlers.quickReply(action.message)
      const button = h(
        'button',
        { type: 'button', disabled: !opts.interactive, class: action.kind === 'confirm' ? 'primary' : '', onclick },
        action.label,
      )
      if (action.kind === 'confirm') button.title = action.proposal.summary
      row.appendChild(button)
    }
    body.appendChild(row)
  }
  if (tools.childElementCount) body.append(tools, note)

  if (response.understood) body.appendChild(understoodForm(response.understood, handlers, opts.interactive))

  if (response.questions.length) {
    const qs = h('div', { class: 'questions' })
    for (const q of response.questions) {
      qs.appendChild(h('p', {}, q.text))
      if (q.quickReplies?.length) {
        const row = h('div', { class: 'quick', role: 'group', 'aria-label': `Quick replies: ${q.text}` })
        for (const reply of q.quickReplies) {
          row.appendChild(
            h(
              'button',
              { type: 'button', disabled: !opts.interactive, onclick: () => handlers.quickReply(reply) },
              reply,
            ),
          )
        }
        qs.appendChild(row)
      }
    }
    body.appendChild(qs)
  }
  return body
}

/** navigator.clipboard needs a secure context and permission; fall back to a hidden textarea. */
export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the legacy path
  }
  const area = h('textarea', { 'aria-hidden': 'true', readonly: true, class: 'sr' })
  area.value = text
  root.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  return ok
}

type Understood = NonNullable<ChatResponseView['understood']>

/** The facts the investigation used, as a form: change any of them and the claim is checked again. */
function understoodForm(u: Understood, handlers: MessageHandlers, interactive: boolean): HTMLElement {
  const fields: { key: keyof CorrectionView; label: string; kind: 'text' | 'amount' | 'count' }[] = [
    { key: 'invoiceNumber', label: 'Invoice', kind: 'text' },
    { key: 'disputedAmount', label: 'Amount disputed', kind: 'amount' },
    { key: 'quantityReceived', label: 'Units received', kind: 'count' },
    { key: 'quantityAffected', label: 'Units affected', kind: 'count' },
    { key: 'expectedUnitPrice', label: 'Correct unit price', kind: 'amount' },
    { key: 'relatedInvoiceNumber', label: 'Other invoice', kind: 'text' },
  ]
  const form = h('form', { class: 'fix', 'aria-label': 'Correct what was understood' })
  const uid = Math.random().toString(36).slice(2, 8)
  const reason = h('select', { id: `fix-reason-${uid}`, name: 'reasonCode', disabled: !interactive })
  for (const code of REASON_CODES) {
    const option = h('option', { value: code }, code.replace(/_/g, ' '))
    option.selected = code === u.reasonCode
    reason.appendChild(option)
  }
  form.append(h('label', { for: reason.id }, 'Reason'), reason)
  const inputs = fields.map((f) => {
    const value = u[f.key]
    const input = h('input', {
      id: `fix-${f.key}-${uid}`,
      name: f.key,
      value: value === undefined ? '' : String(value),
      inputmode: f.kind === 'text' ? 'text' : 'decimal',
      autocomplete: 'off',
      disabled: !interactive,
    })
    form.append(h('label', { for: input.id }, f.label), input)
    return { field: f, input, before: value === undefined ? '' : String(value) }
  })
  const submit = h('button', { type: 'submit', disabled: !interactive }, 'Check again')
  form.appendChild(submit)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const correction: Record<string, string | number> = {}
    if (reason.value !== u.reasonCode) correction.reasonCode = reason.value
    for (const { field, input, before } of inputs) {
      const now = input.value.trim()
      if (now === before || now === '') continue
      correction[field.key] = field.kind === 'count' ? Number(now) : now.replace(/,/g, '')
    }
    const said = Object.entries(correction).map(([k, v]) => `${k} ${v}`)
    if (said.length) handlers.press({ correct: correction as CorrectionView }, `Corrected: ${said.join(', ')}`)
  })
  const details = h('details', { class: 'understood' }, h('summary', {}, 'What I read: correct it'), form)
  return details
}
