/**
 * One assistant message: the reply's Markdown (sanitised), the copy-email and credit-memo buttons,
 * and the clarifying questions with quick replies. Everything built from data, never from HTML.
 */
import { formatAmount } from '../shared/api.ts'
import { h } from '../shared/dom.ts'
import { emailFromReply, renderMarkdown } from './markdown.ts'
import type { ChatActionView, ChatResponseView } from './types.ts'

export interface MessageHandlers {
  quickReply(text: string): void
  requestCreditMemo(action: ChatActionView, response: ChatResponseView, note: HTMLElement): Promise<void>
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
  for (const action of response.actions) {
    if (action.kind !== 'request_credit_memo') continue
    const currency = response.resolution?.currency
    const button = h(
      'button',
      { type: 'button', disabled: opts.memoNote !== undefined },
      `Request credit memo (${formatAmount(action.amount, currency)})`,
    )
    button.title = action.label
    button.addEventListener('click', async () => {
      button.disabled = true
      await handlers.requestCreditMemo(action, response, note)
      if (note.classList.contains('bad')) button.disabled = false
    })
    tools.appendChild(button)
  }
  if (tools.childElementCount) body.append(tools, note)

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
