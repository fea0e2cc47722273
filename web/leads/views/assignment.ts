/**
 * Set up and assign (seed 003): each person's workload, the teams that take turns, and the ordered
 * rules that assign a new dispute (by customer, account manager, reason or amount band). Saved as a
 * whole through set_assignment_rules, proposed and confirmed like every other change.
 */
import { REASON_CODES } from '../../../src/core/reason-codes.ts'
import type { RuleInput, SetupInput } from '../../../src/services/assignment-ports.ts'
import { clear, h } from '../../shared/dom.ts'
import { callTool, errorBox, label, propose, section, table, type ViewContext } from '../context.ts'
import { type AssignmentSetup, loadSetup } from './worklist-types.ts'

type RuleDraft = RuleInput
type TeamDraft = SetupInput['teams'][number]

const removeButton = (text: string, remove: () => void) =>
  h('button', { type: 'button', class: 'secondary', onclick: remove }, text)

const input = (id: string, text: string, attrs: Record<string, string> = {}) =>
  h('label', { for: id }, text, h('input', { id, name: id, autocomplete: 'off', ...attrs }))

function conditions(r: RuleDraft): string {
  const parts = [
    r.customerId ? `customer ${r.customerId}` : null,
    r.accountManager ? `account manager ${r.accountManager}` : null,
    r.reasonCode ? label(r.reasonCode) : null,
    r.minAmount || r.maxAmount ? `${r.minAmount ?? '0'}–${r.maxAmount ?? '∞'} ${r.currency ?? ''}` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : 'every dispute'
}

export async function assignmentView(ctx: ViewContext): Promise<HTMLElement> {
  const setup = await loadSetup(ctx)
  if (!setup) {
    const r = await callTool<AssignmentSetup>(ctx, 'get_assignment_setup', {})
    return section('Assignment', r.ok ? null : errorBox(r.error))
  }
  const people = setup.people
  const nameOf = (id: string | null | undefined) => people.find((p) => p.id === id)?.name ?? id ?? '—'
  const teams: TeamDraft[] = setup.teams.map((t) => ({ name: t.name, members: t.members.map((m) => m.id) }))
  const rules: RuleDraft[] = setup.rules.map((r) => ({ ...r }))

  const workload = section(
    'Workload',
    h('p', {}, `${setup.unassigned} open dispute${setup.unassigned === 1 ? '' : 's'} unassigned.`),
    table(
      ['Person', 'Role', 'Open', 'Overdue', 'Due today', 'Queue'],
      people.map((p) => [
        p.name,
        label(p.role),
        String(p.open),
        p.overdue ? h('strong', { class: 'error' }, String(p.overdue)) : '0',
        String(p.dueToday),
        h('a', { href: `#disputes?ownerId=${encodeURIComponent(p.id)}` }, `${p.name}’s queue`),
      ]),
      'Open disputes per person',
    ),
  )

  const editor = h('div', {})
  const host = h('div', { class: 'proposal-host' })
  const render = () => {
    clear(editor)
    const teamBoxes = teams.map((t, i) =>
      h(
        'fieldset',
        { class: 'team' },
        h('legend', {}, t.name),
        ...people.map((p) => {
          const box = h('input', { type: 'checkbox', checked: t.members.includes(p.id) })
          box.addEventListener('change', () => {
            t.members = box.checked ? [...t.members, p.id] : t.members.filter((m) => m !== p.id)
          })
          return h('label', { class: 'check' }, box, p.name)
        }),
        removeButton(`Remove team ${t.name}`, () => {
          teams.splice(i, 1)
          render()
        }),
      ),
    )
    const newTeam = h(
      'form',
      { class: 'filters', 'aria-label': 'Add a team' },
      input('team-name', 'New team name', { required: 'true' }),
      h('button', { type: 'submit' }, 'Add team'),
    )
    newTeam.addEventListener('submit', (e) => {
      e.preventDefault()
      const name = String(new FormData(newTeam).get('team-name') ?? '').trim()
      if (name && !teams.some((t) => t.name.toLowerCase() === name.toLowerCase())) teams.push({ name, members: [] })
      render()
    })
    const ruleRows = rules.map((r, i) => [
      String(i + 1),
      r.name,
      conditions(r),
      r.teamName ? `${r.teamName} (in turn)` : nameOf(r.personId),
      removeButton(`Remove rule ${r.name}`, () => {
        rules.splice(i, 1)
        render()
      }),
    ])
    const target = h(
      'select',
      { id: 'rule-target', name: 'rule-target' },
      ...teams.map((t) => h('option', { value: `team:${t.name}` }, `Team ${t.name} (in turn)`)),
      ...people.map((p) => h('option', { value: `person:${p.id}` }, p.name)),
    )
    const reason = h(
      'select',
      { id: 'rule-reason', name: 'rule-reason' },
      h('option', { value: '' }, 'Any'),
      ...REASON_CODES.map((c) => h('option', { value: c }, label(c))),
    )
    const newRule = h(
      'form',
      { class: 'filters', 'aria-label': 'Add a rule' },
      input('rule-name', 'Rule name', { required: 'true' }),
      input('rule-customer', 'Customer ID'),
      input('rule-manager', 'Account manager'),
      h('label', { for: 'rule-reason' }, 'Reason', reason),
      input('rule-min', 'Amount from', { inputmode: 'decimal' }),
      input('rule-max', 'Amount to', { inputmode: 'decimal' }),
      input('rule-currency', 'Currency', { maxlength: '3', size: '4' }),
      h('label', { for: 'rule-target' }, 'Assign to', target),
      h('button', { type: 'submit' }, 'Add rule'),
    )
    newRule.addEventListener('submit', (e) => {
      e.preventDefault()
      const f = new FormData(newRule)
      const v = (k: string) => String(f.get(k) ?? '').trim() || null
      const [kind, who] = String(f.get('rule-target') ?? '').split(/:(.*)/s)
      rules.push({
        name: v('rule-name') ?? 'Rule',
        customerId: v('rule-customer'),
        accountManager: v('rule-manager'),
        reasonCode: v('rule-reason'),
        minAmount: v('rule-min'),
        maxAmount: v('rule-max'),
        currency: v('rule-currency')?.toUpperCase() ?? null,
        personId: kind === 'person' ? (who ?? null) : null,
        teamName: kind === 'team' ? (who ?? null) : null,
      })
      render()
    })
    const save = h('button', { type: 'button' }, 'Save rules and teams…')
    save.addEventListener('click', () =>
      propose(
        host,
        `Save ${rules.length} rule(s) and ${teams.length} team(s); they assign every dispute opened from now on.`,
        'Save',
        async () => {
          const r = await callTool(ctx, 'set_assignment_rules', { teams, rules })
          return r.ok ? null : r.error.message
        },
        () => ctx.go('#assignment'),
      ),
    )
    editor.append(
      h('h3', {}, 'Teams (members take turns)'),
      ...(teamBoxes.length ? teamBoxes : [h('p', {}, 'No team yet.')]),
      newTeam,
      h('h3', {}, 'Rules (the first that matches decides; none: the opener keeps it)'),
      ruleRows.length
        ? table(['#', 'Rule', 'When', 'Assign to', ''], ruleRows, 'Assignment rules in order')
        : h('p', {}, 'No rule yet.'),
      newRule,
      save,
      host,
    )
  }
  render()
  return h('div', {}, workload, section('Rules and teams', editor))
}
