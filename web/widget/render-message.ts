/**
 * One assistant message: the reply's Markdown (sanitised), the copy-email button, the proposal's confirm
 * and cancel buttons,
 * and the clarifying questions with quick replies. Everything built from data, never from HTML.
 */
import { h } from '../shared/dom.ts'
import { emailFromReply, renderMarkdown } from './markdown.ts'
import type { ChatResponseView } from './types.ts'

export interface MessageHandlers {
  quickReply(text: string): void
  /** A confirm or cancel button of a proposal: sent as its one-time token, shown as its label. */
  press(turn: { confirm: string } | { cancel: string }, label: string): void
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
