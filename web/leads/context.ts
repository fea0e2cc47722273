/** What every dashboard view gets: the API client, who is signed in, today's date and a way to navigate. */
import type { ApiClient, ApiError, ApiResult } from '../shared/api.ts'
import { clear, h } from '../shared/dom.ts'

export interface Me {
  id: string
  name: string
  role: string
}

export interface ViewContext {
  api: ApiClient
  me: Me
  today: string
  go(hash: string): void
}

export const LEAD_ROLES = ['lead', 'finance_controller', 'admin']
export const isLead = (ctx: ViewContext): boolean => LEAD_ROLES.includes(ctx.me.role)

/** A tool of the registry over the HTTP tool route: the same tool, checks and audit trail as chat. */
export function callTool<T>(ctx: ViewContext, name: string, input: Record<string, unknown>): Promise<ApiResult<T>> {
  return ctx.api.post<T>(`/api/tools/${name}`, input)
}

/**
 * Propose, then confirm, as the chat does: the change is said in one sentence and runs only when the
 * person presses Confirm. `run` returns an error message or null; `done` follows a success.
 */
export function propose(
  host: HTMLElement,
  summary: string,
  confirmLabel: string,
  run: () => Promise<string | null>,
  done: () => void,
): void {
  clear(host)
  const status = h('p', { class: 'result', role: 'status' })
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel')
  const confirm = h('button', { type: 'button' }, `Confirm: ${confirmLabel}`)
  const box = h(
    'div',
    { class: 'proposal', role: 'group', 'aria-label': 'Proposed change' },
    h('p', {}, h('strong', {}, 'Proposed: '), summary, ' Nothing is recorded or changed until you confirm.'),
    h('div', { class: 'buttons' }, confirm, cancel),
    status,
  )
  cancel.addEventListener('click', () => {
    clear(host)
    host.appendChild(h('p', { class: 'result', role: 'status' }, 'Cancelled: nothing was changed.'))
  })
  confirm.addEventListener('click', async () => {
    confirm.disabled = true
    cancel.disabled = true
    const error = await run()
    if (error) {
      status.className = 'result error'
      status.textContent = `Not changed: ${error}`
      confirm.disabled = false
      cancel.disabled = false
      return
    }
    done()
  })
  host.appendChild(box)
  queueMicrotask(() => confirm.focus())
}

export function errorBox(error: ApiError): HTMLElement {
  const text =
    error.status === 403
      ? `Refused: ${error.message} This page is for team leads; ask an admin for a lead key.`
      : `${error.message}${error.field ? ` (field: ${error.field})` : ''}`
  return h('p', { class: 'error', role: 'alert' }, text)
}

export function label(code: string | null | undefined): string {
  if (!code) return '—'
  const s = code.replace(/_/g, ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Whole days from a "YYYY-MM-DD" to another, in UTC. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`)
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`)
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : 0
}

export function percent(share: number | null | undefined): string {
  return typeof share === 'number' ? `${(share * 100).toFixed(1)}%` : '—'
}

export function section(title: string, ...children: (Node | string | null | undefined)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children)
}

/** A table that scrolls inside its card on a narrow screen instead of overflowing it. */
export function table(headers: string[], rows: (Node | string)[][], caption?: string): HTMLElement {
  // Focusable, so a keyboard can scroll it too.
  const name = caption ?? headers.filter(Boolean).join(', ')
  return h(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': name },
    bareTable(headers, rows, caption),
  )
}

function bareTable(headers: string[], rows: (Node | string)[][], caption?: string): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  )
}
