/**
 * People and their keys: who can use DisputeDesk, with which role, and when each key was last used.
 * A new key is shown once, here, right after it is created; the server keeps only its hash.
 */
import { h } from '../../shared/dom.ts'
import { errorBox, label, section, table, type ViewContext } from '../context.ts'

export interface KeyListing {
  id: string
  personId: string
  name: string
  email: string | null
  role: string
  readOnly: boolean
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const ROLES = ['specialist', 'lead', 'finance_controller', 'admin']
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

/** "Ana Ruiz (lead)", by person id: how the approvals queue names who asked. */
export async function peopleById(ctx: ViewContext): Promise<Map<string, string>> {
  const r = await ctx.api.get<{ items: KeyListing[] }>('/api/keys')
  const names = new Map<string, string>()
  if (r.ok) for (const k of r.value.items) names.set(k.personId, `${k.name} (${label(k.role).toLowerCase()})`)
  return names
}

function createForm(ctx: ViewContext): HTMLElement {
  const name = h('input', { id: 'person-name', name: 'name', required: true, autocomplete: 'off', maxlength: 120 })
  const email = h('input', { id: 'person-email', name: 'email', type: 'email', autocomplete: 'off' })
  const role = h(
    'select',
    { id: 'person-role', name: 'role' },
    ...ROLES.map((r) => h('option', { value: r }, label(r))),
  )
  const readOnly = h('input', { id: 'person-read-only', name: 'readOnly', type: 'checkbox' })
  const result = h('div', { class: 'result', role: 'status' })
  const form = h(
    'form',
    { class: 'new-key', 'aria-labelledby': 'new-key-title' },
    h('h3', { id: 'new-key-title' }, 'New key'),
    h('label', { for: 'person-name' }, 'Name'),
    name,
    h('label', { for: 'person-email' }, 'Email (optional)'),
    email,
    h('label', { for: 'person-role' }, 'Role'),
    role,
    h('label', { for: 'person-read-only' }, readOnly, ' Read-only'),
    h('button', { type: 'submit' }, 'Create key'),
    result,
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const button = form.querySelector('button') as HTMLButtonElement
    button.disabled = true
    const r = await ctx.api.post<KeyListing & { key: string }>('/api/keys', {
      name: name.value.trim(),
      role: role.value,
      ...(email.value.trim() ? { email: email.value.trim() } : {}),
      ...(readOnly.checked ? { readOnly: true } : {}),
    })
    button.disabled = false
    result.replaceChildren()
    if (!r.ok) {
      result.className = 'result error'
      result.append(`Not created: ${r.error.message}${r.error.field ? ` (field: ${r.error.field})` : ''}`)
      return
    }
    result.className = 'result ok'
    result.append(
      h('p', {}, `Key for ${r.value.name} (${label(r.value.role).toLowerCase()}). Copy it now: it is not shown again.`),
      h('code', { class: 'new-key-value' }, r.value.key),
      h('p', {}, h('a', { href: '#people', onclick: () => ctx.go('#people') }, 'Refresh the list')),
    )
  })
  return form
}

export async function peopleView(ctx: ViewContext): Promise<HTMLElement> {
  const r = await ctx.api.get<{ items: KeyListing[] }>('/api/keys')
  if (!r.ok) return section('People and keys', errorBox(r.error))
  const revoke = (k: KeyListing) => {
    const status = h('span', { role: 'status' })
    const button = h(
      'button',
      {
        type: 'button',
        class: 'reject',
        'aria-label': `Revoke ${k.prefix}… of ${k.name}`,
        onclick: async () => {
          button.disabled = true
          const done = await ctx.api.post<KeyListing>(`/api/keys/${encodeURIComponent(k.id)}/revoke`, {})
          status.textContent = done.ok ? ` Revoked ${when(done.value.revokedAt)}.` : ` ${done.error.message}`
          if (!done.ok) button.disabled = false
        },
      },
      'Revoke',
    )
    return h('span', {}, button, status)
  }
  return section(
    'People and keys',
    table(
      ['Person', 'Role', 'Key', 'Read-only', 'Created', 'Last used', 'Status'],
      r.value.items.map((k) => [
        k.email ? `${k.name} <${k.email}>` : k.name,
        label(k.role),
        h('code', {}, `${k.prefix}…`),
        k.readOnly ? 'Yes' : 'No',
        when(k.createdAt),
        when(k.lastUsedAt),
        k.revokedAt ? `Revoked ${when(k.revokedAt)}` : revoke(k),
      ]),
      'Every key, with the person it belongs to',
    ),
    createForm(ctx),
  )
}
