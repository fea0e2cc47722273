/**
 * <dispute-desk-chat api-key="…" api-base="…">: a launcher and a chat panel in a shadow root.
 * Answers stream over fetch + SSE so tool steps show while the assistant works.
 */
import { type ApiClient, createApiClient, readResult } from '../shared/api.ts'
import { clear, h } from '../shared/dom.ts'
import { readSse } from '../shared/sse.ts'
import { assistantMessage, copyText, type MessageHandlers } from './render-message.ts'
import {
  loadConversation,
  type StoredConversation,
  type StoredMessage,
  saveConversation,
  storageKey,
} from './storage.ts'
import { WIDGET_CSS } from './styles.ts'
import type { ChatResponseView, CorrectionView } from './types.ts'
import { browserProbe, unreachableMessage } from './unreachable.ts'

const browserStorage = (): Storage | undefined => {
  try {
    return window.sessionStorage
  } catch {
    return undefined
  }
}

export class DisputeDeskChat extends HTMLElement {
  static defaultApiBase = ''
  private root!: ShadowRoot
  private launcher!: HTMLButtonElement
  private panel!: HTMLElement
  private log!: HTMLElement
  private progress!: HTMLUListElement
  private input!: HTMLTextAreaElement
  private sendButton!: HTMLButtonElement
  private api!: ApiClient
  private state: StoredConversation = { sessionId: null, open: false, messages: [] }
  private key = ''
  private busy = false

  connectedCallback(): void {
    if (this.root) return
    const apiKey = this.getAttribute('api-key') ?? ''
    const base = this.getAttribute('api-base') || DisputeDeskChat.defaultApiBase || window.location.origin
    this.api = createApiClient(base, apiKey)
    this.key = storageKey(this.api.base)
    this.state = loadConversation(browserStorage(), this.key)
    this.root = this.attachShadow({ mode: 'open' })
    this.build(this.getAttribute('chat-title') || 'Dispute assistant')
    for (const m of this.state.messages) this.renderStored(m, false)
    this.refreshInteractivity()
    this.setOpen(this.state.open, false)
    if (!apiKey) this.showError('This widget has no API key: add data-api-key to the script tag.')
  }

  private build(title: string): void {
    const style = document.createElement('style')
    style.textContent = WIDGET_CSS
    this.launcher = h(
      'button',
      { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog', 'aria-controls': 'dd-panel' },
      h('span', { 'aria-hidden': 'true' }, '💬'),
      title,
    )
    this.launcher.addEventListener('click', () => this.setOpen(true, true))
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: 0 })
    // Focusable: it scrolls when the steps outgrow it, and keyboard users must be able to scroll it too.
    this.progress = h('ul', { class: 'progress', 'aria-label': 'Steps the assistant is taking', tabindex: 0 })
    this.input = h('textarea', {
      id: 'dd-input',
      rows: 2,
      placeholder: 'Describe the dispute: invoice number and what the customer says…',
    })
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault()
        this.submit()
      }
    })
    this.sendButton = h('button', { type: 'submit' }, 'Send')
    const form = h('form', {}, h('label', { for: 'dd-input' }, 'Message'), this.input, this.sendButton)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      this.submit()
    })
    const closeButton = h('button', { type: 'button' }, 'Close')
    closeButton.addEventListener('click', () => this.setOpen(false, true))
    const resetButton = h('button', { type: 'button' }, 'New conversation')
    resetButton.addEventListener('click', () => this.reset())
    this.panel = h(
      'section',
      { id: 'dd-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'dd-title', hidden: true },
      h('header', {}, h('h2', { id: 'dd-title' }, title), resetButton, closeButton),
      this.log,
      h('div', { role: 'status', 'aria-live': 'polite' }, this.progress),
      form,
    )
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation()
        this.setOpen(false, true)
      }
    })
    this.root.append(style, this.launcher, this.panel)
  }

  private setOpen(open: boolean, moveFocus: boolean): void {
    this.panel.hidden = !open
    this.launcher.hidden = open
    this.launcher.setAttribute('aria-expanded', String(open))
    if (this.state.open !== open) {
      this.state.open = open
      this.persist()
    }
    if (!moveFocus) return
    if (open) {
      this.input.focus()
      this.log.scrollTop = this.log.scrollHeight
    } else this.launcher.focus()
  }

  private reset(): void {
    this.state = { sessionId: null, open: true, messages: [] }
    clear(this.log)
    clear(this.progress)
    this.persist()
    this.input.focus()
  }

  private persist(): void {
    saveConversation(browserStorage(), this.key, this.state)
  }

  private handlers(): MessageHandlers {
    return {
      quickReply: (text) => this.send(text),
      copy: (text) => copyText(text, this.root),
      press: (turn, label) => this.send(label, turn),
    }
  }

  private renderStored(m: StoredMessage, scroll = true): void {
    let el: HTMLElement
    if (m.role === 'user') el = h('div', { class: 'msg user' }, h('span', { class: 'sr' }, 'You: '), m.text)
    else if (m.role === 'error') el = h('div', { class: 'msg error', role: 'alert' }, m.text)
    else {
      el = assistantMessage(m.response, this.handlers(), {
        interactive: true,
        ...(m.memo !== undefined ? { memoNote: m.memo } : {}),
      })
      el.dataset.index = String(this.state.messages.indexOf(m))
    }
    this.log.appendChild(el)
    if (scroll) this.log.scrollTop = this.log.scrollHeight
  }

  /** Only the latest answer's quick replies are live: older questions were already answered. */
  private refreshInteractivity(): void {
    const quick = [...this.log.querySelectorAll<HTMLButtonElement>('.quick button, form.fix button')]
    const last = this.log.lastElementChild
    for (const b of quick) b.disabled = this.busy || !last?.contains(b)
    this.sendButton.disabled = this.busy
    this.log.setAttribute('aria-busy', String(this.busy))
  }

  private showError(text: string): void {
    const m: StoredMessage = { role: 'error', text }
    this.renderStored(m)
  }

  private submit(): void {
    const text = this.input.value.trim()
    if (!text || this.busy) return
    this.input.value = ''
    void this.send(text)
  }

  /** Sends what was typed, or a pressed proposal button (its token; `text` is then its label). */
  async send(
    text: string,
    button?: { confirm: string } | { cancel: string } | { correct: CorrectionView },
  ): Promise<void> {
    if (this.busy) return
    this.busy = true
    const userMessage: StoredMessage = { role: 'user', text }
    this.state.messages.push(userMessage)
    this.persist()
    this.renderStored(userMessage)
    clear(this.progress)
    const streaming = h('div', { class: 'msg assistant streaming', 'aria-label': 'Assistant is answering' })
    this.log.appendChild(streaming)
    this.refreshInteractivity()
    let final: ChatResponseView | null = null
    let failure: string | null = null
    let response: Response | undefined
    try {
      response = await this.api.raw('/api/chat/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({
          ...(this.state.sessionId ? { sessionId: this.state.sessionId } : {}),
          ...(button ?? { message: text }),
        }),
      })
      if (!response.ok || !response.body) {
        const r = await readResult(response)
        failure = r.ok ? 'The server sent no answer.' : r.error.message
        // A conversation the server no longer knows (or another key's): the next message starts a new one.
        if (!r.ok && r.error.code === 'session_not_found') this.state.sessionId = null
      } else {
        await readSse(response.body, (m) => {
          const data = JSON.parse(m.data) as Record<string, unknown>
          if (m.event === 'progress') {
            this.progress.appendChild(h('li', {}, String(data.text ?? data.step ?? '')))
            this.progress.scrollTop = this.progress.scrollHeight
          } else if (m.event === 'text') {
            streaming.append(String(data.delta ?? ''))
            this.log.scrollTop = this.log.scrollHeight
          } else if (m.event === 'done') final = data as unknown as ChatResponseView
          else if (m.event === 'error') failure = String(data.message ?? 'The assistant failed on this turn.')
        })
      }
    } catch {
      // No response at all: the server is down or refused this page's origin (unreachable.ts tells which).
      failure = response
        ? 'The answer stopped before it was complete.'
        : await unreachableMessage(this.api.base, window.location.origin, browserProbe)
    }
    streaming.remove()
    this.busy = false
    const done = final as ChatResponseView | null
    if (done) {
      this.state.sessionId = done.sessionId
      const m: StoredMessage = { role: 'assistant', response: done }
      this.state.messages.push(m)
      this.renderStored(m)
    } else {
      const m: StoredMessage = { role: 'error', text: failure ?? 'The answer stopped before it was complete.' }
      this.state.messages.push(m)
      this.renderStored(m)
    }
    this.persist()
    this.refreshInteractivity()
    if (!this.panel.hidden) this.input.focus()
  }
}
