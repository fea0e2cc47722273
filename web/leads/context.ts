/** What every dashboard view gets: the API client, today's date and a way to navigate. */
import type { ApiClient, ApiError } from '../shared/api.ts'
import { h } from '../shared/dom.ts'

export interface ViewContext {
  api: ApiClient
  today: string
  go(hash: string): void
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

export function table(headers: string[], rows: (Node | string)[][], caption?: string): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  )
}
