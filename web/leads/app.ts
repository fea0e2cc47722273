/**
 * The team's dashboard: a key (stored in this browser, or the demo key the server injects), a role
 * check against /api/me, and hash routes. Specialists get their queue, the worklist and the dispute
 * page; leads also get assignment, approvals, metrics, evals and people.
 */
import { createApiClient } from '../shared/api.ts'
import { clear, h } from '../shared/dom.ts'
import { isLead, LEAD_ROLES, type ViewContext } from './context.ts'
import { approvalsView } from './views/approvals.ts'
import { assignmentView } from './views/assignment.ts'
import { disputePageView } from './views/dispute-page.ts'
import { disputesView } from './views/disputes.ts'
import { evalRunView, evalsView } from './views/evals.ts'
import { metricsView } from './views/metrics.ts'
import { notificationsView } from './views/notifications.ts'
import { peopleView } from './views/people.ts'
import { reportView } from './views/report.ts'

const KEY_STORE = 'dispute-desk-leads-key'
const TEAM_ROLES = [...LEAD_ROLES, 'specialist']

interface PageConfig {
  apiBase?: string
  leadApiKey?: string
}

function pageConfig(): PageConfig {
  try {
    return JSON.parse(document.getElementById('dd-config')?.textContent || '{}') as PageConfig
  } catch {
    return {}
  }
}

function storedKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORE)
  } catch {
    return null
  }
}

const config = pageConfig()
const base = config.apiBase || window.location.origin
const main = document.getElementById('main') as HTMLElement
const nav = document.getElementById('nav') as HTMLElement
const who = document.getElementById('who') as HTMLElement

function keyForm(message?: string): HTMLElement {
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true })
  const form = h(
    'form',
    { class: 'card key-form', 'aria-labelledby': 'key-title' },
    h('h2', { id: 'key-title' }, 'Sign in with an API key'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('label', { for: 'api-key' }, 'Your API key (a lead’s or a specialist’s)'),
    input,
    h('button', { type: 'submit' }, 'Use this key'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    try {
      localStorage.setItem(KEY_STORE, input.value.trim())
    } catch {
      // private mode: the key lasts for this page only
    }
    void start(input.value.trim())
  })
  queueMicrotask(() => input.focus())
  return form
}

function signOutButton(): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        try {
          localStorage.removeItem(KEY_STORE)
        } catch {
          // nothing stored
        }
        clear(nav)
        clear(who)
        clear(main)
        main.appendChild(keyForm())
      },
    },
    'Use another key',
  )
}

async function start(key: string | null): Promise<void> {
  clear(main)
  clear(nav)
  clear(who)
  if (!key) {
    main.appendChild(keyForm())
    return
  }
  const api = createApiClient(base, key)
  const me = await api.get<{ id: string; name: string; role: string }>('/api/me')
  if (!me.ok) {
    main.appendChild(keyForm(me.error.status === 401 ? 'That API key is not valid.' : me.error.message))
    return
  }
  who.append(`${me.value.name} (${me.value.role}) `, signOutButton())
  if (!TEAM_ROLES.includes(me.value.role)) {
    main.appendChild(
      h(
        'section',
        { class: 'card refusal', role: 'alert' },
        h('h2', {}, 'Access refused'),
        h(
          'p',
          {},
          `This dashboard is for the AR team. You are signed in as ${me.value.name}, whose role is ` +
            `${me.value.role}. Ask an admin for a specialist or lead key, or use the chat assistant instead.`,
        ),
      ),
    )
    return
  }
  const health = await fetch(`${base}/health`)
    .then((r) => r.json() as Promise<{ today?: string }>)
    .catch(() => ({}) as { today?: string })
  const ctx: ViewContext = {
    api,
    me: me.value,
    today: health.today ?? new Date().toISOString().slice(0, 10),
    go: (hash) => {
      if (window.location.hash === hash) void route(ctx)
      else window.location.hash = hash
    },
  }
  const links: [string, string][] = isLead(ctx)
    ? [
        ['#disputes', 'Worklist'],
        ['#assignment', 'Assignment'],
        ['#approvals', 'Approvals'],
        ['#metrics', 'Metrics'],
        ['#report', 'Report'],
        ['#notifications', 'Notifications'],
        ['#evals', 'Evals'],
        ['#people', 'People'],
      ]
    : [
        ['#queue', 'My queue'],
        ['#disputes', 'Worklist'],
      ]
  nav.appendChild(h('ul', {}, ...links.map(([href, text]) => h('li', {}, h('a', { href }, text)))))
  window.onhashchange = () => void route(ctx)
  await route(ctx)
}

type View = (ctx: ViewContext, params: URLSearchParams) => Promise<HTMLElement>

/** The views only leads open, by hash name, with the title the browser's tab shows. */
const LEAD_VIEWS: Record<string, [string, View]> = {
  assignment: ['Assignment', (ctx) => assignmentView(ctx)],
  approvals: ['Approvals', (ctx) => approvalsView(ctx)],
  metrics: ['Metrics', (ctx) => metricsView(ctx)],
  report: ['Report', reportView],
  notifications: ['Notifications', notificationsView],
  evals: ['Evals', (ctx) => evalsView(ctx)],
  people: ['People', (ctx) => peopleView(ctx)],
}

let routing = 0
async function route(ctx: ViewContext): Promise<void> {
  const ticket = ++routing
  const [path = '', query = ''] = window.location.hash.replace(/^#/, '').split('?')
  const [first, id] = path.split('/')
  const name = first || (isLead(ctx) ? 'disputes' : 'queue')
  for (const a of nav.querySelectorAll('a')) {
    const current =
      a.getAttribute('href') === `#${name}` || (name === 'dispute' && a.getAttribute('href') === '#disputes')
    if (current) a.setAttribute('aria-current', 'page')
    else a.removeAttribute('aria-current')
  }
  main.setAttribute('aria-busy', 'true')
  const params = new URLSearchParams(query)
  if (name === 'queue') params.set('ownerId', 'me')
  const leadView = isLead(ctx) ? LEAD_VIEWS[name] : undefined
  const [title, view]: [string | null, Promise<HTMLElement>] =
    name === 'dispute' && id
      ? [null, disputePageView(ctx, decodeURIComponent(id))]
      : name === 'eval' && id && isLead(ctx)
        ? ['Eval run', evalRunView(ctx, decodeURIComponent(id))]
        : leadView
          ? [leadView[0], leadView[1](ctx, params)]
          : [name === 'queue' ? 'My queue' : 'Worklist', disputesView(ctx, params)]
  const el = await view
  if (ticket !== routing) return // a later navigation won
  clear(main)
  main.appendChild(el)
  main.setAttribute('aria-busy', 'false')
  // The tab says what the page is: "Worklist · DisputeDesk", "DSP-000012 · DisputeDesk".
  const heading = main.querySelector('h2')?.textContent?.split(' · ')[0]?.trim()
  document.title = `${title ?? (heading || 'Dispute')} · DisputeDesk`
  main.querySelector('h2')?.setAttribute('tabindex', '-1')
  if (document.activeElement && document.activeElement !== document.body) {
    main.querySelector<HTMLElement>('h2')?.focus()
  }
}

void start(storedKey() || config.leadApiKey || null)
