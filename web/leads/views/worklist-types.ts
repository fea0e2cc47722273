/** What the worklist and the dispute page read from the tools (get_worklist, get_assignment_setup). */
import type { AssignmentSetup, WorklistItem } from '../../../src/services/assignment-ports.ts'
import { DISPUTE_STATUSES } from '../../../src/services/ports.ts'
import { h } from '../../shared/dom.ts'
import { callTool, type ViewContext } from '../context.ts'

export type { AssignmentSetup, WorklistItem, Workload } from '../../../src/services/assignment-ports.ts'
export type { Page } from '../../../src/services/ports.ts'

export const STATUSES: readonly string[] = DISPUTE_STATUSES

export async function loadSetup(ctx: ViewContext): Promise<AssignmentSetup | null> {
  const r = await callTool<AssignmentSetup>(ctx, 'get_assignment_setup', {})
  return r.ok ? r.value : null
}

const SLA_TEXT: Record<WorklistItem['sla'], string> = {
  done: '',
  no_due_date: 'No due date',
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due soon',
  on_track: '',
}

/** The due date with a badge when it needs attention: overdue in red, due today or soon in amber. */
export function slaCell(item: Pick<WorklistItem, 'dueOn' | 'sla'>): HTMLElement {
  const text = SLA_TEXT[item.sla]
  return h(
    'span',
    { class: `sla sla-${item.sla}` },
    item.dueOn ?? '—',
    text && item.dueOn ? ' ' : null,
    text && item.dueOn ? h('span', { class: `badge b-${item.sla}` }, text) : null,
  )
}
