/**
 * AssignmentRepository: the lead's rules and teams, who owns each dispute, and the worklist. The
 * choice is the core's (chooseAssignee); this file gathers its facts and records what it decided,
 * with an audit event in the same transaction as the change.
 */
import {
  type AssignmentRule,
  chooseAssignee,
  disputeNumber,
  parseDisputeNumber,
  slaDueDate,
  slaState,
  type Team,
} from '../../core/assignment.ts'
import { daysBetween } from '../../core/dates.ts'
import type { PolicyInput } from '../../core/ledger.ts'
import type {
  AssignmentRepository,
  AssignmentSetup,
  SetupInput,
  WorklistFilter,
  WorklistItem,
} from '../../services/assignment-ports.ts'
import type { Actor, DisputeRecord, StoreResult } from '../../services/ports.ts'
import { atomically } from './atomic.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { isOpenStatus } from './dispute-lifecycle.ts'
import { disputeOf } from './dispute-rows.ts'
import { amount, pageArgs, Where } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const OWNERS_SQL = `SELECT p.id, p.name, p.role FROM people p
  WHERE p.role <> 'customer' AND EXISTS (SELECT 1 FROM api_keys k WHERE k.person_id = p.id AND k.revoked_at IS NULL)
  ORDER BY p.name, p.id`

const notFound = (what: string, field: string) =>
  ({ ok: false, error: { code: 'not_found', message: what, field } }) as const

async function owners(db: Db): Promise<Map<string, { id: string; name: string; role: string }>> {
  const r = await db.query<Row>(OWNERS_SQL)
  return new Map(r.rows.map((p) => [p.id as string, { id: p.id, name: p.name, role: p.role }]))
}

async function rulesAndTeams(db: Db): Promise<{ rules: AssignmentRule[]; teams: Team[] }> {
  const [rules, teams, members] = await Promise.all([
    db.query<Row>('SELECT * FROM assignment_rules ORDER BY position, id'),
    db.query<Row>('SELECT * FROM teams ORDER BY lower(name)'),
    db.query<Row>('SELECT team_id, person_id FROM team_members ORDER BY team_id, position'),
  ])
  return {
    rules: rules.rows.map((r) => ({
      id: r.id,
      name: r.name,
      customerId: r.customer_id,
      accountManager: r.account_manager,
      reasonCode: r.reason_code,
      minAmount: r.min_amount === null ? null : amount(r.min_amount, r.currency ?? 'XXX'),
      maxAmount: r.max_amount === null ? null : amount(r.max_amount, r.currency ?? 'XXX'),
      currency: r.currency,
      personId: r.person_id,
      teamId: r.team_id,
    })),
    teams: teams.rows.map((t) => ({
      id: t.id,
      name: t.name,
      lastPersonId: t.last_person_id,
      members: members.rows.filter((m) => m.team_id === t.id).map((m) => m.person_id as string),
    })),
  }
}

/**
 * Called by the transaction that opens a dispute: picks its owner by the rules, moves the team's
 * turn, fills in the SLA due date when the opener gave none, and records the assignment.
 */
export async function assignOnOpen(tx: Db, d: DisputeRecord, actor: Actor): Promise<DisputeRecord> {
  const [{ rules, teams }, people, customer, settings] = await Promise.all([
    rulesAndTeams(tx),
    owners(tx),
    tx.query<Row>('SELECT account_manager FROM customers WHERE id = $1', [d.customerId]),
    tx.query<{ policy: PolicyInput | null }>('SELECT policy FROM company_settings'),
  ])
  const policy = settings.rows[0]?.policy ?? undefined
  const decision = chooseAssignee(
    {
      customerId: d.customerId,
      accountManager: customer.rows[0]?.account_manager ?? null,
      reasonCode: d.reasonCode,
      amount: d.originalDisputed,
      currency: d.currency,
      openedBy: actor.id,
    },
    rules,
    teams,
    (id) => people.has(id),
  )
  const ownerId = decision.assigned ? decision.personId : null
  // The investigation's target date (SLA with public holidays, or the customer's deadline) when the
  // opener gave one; else the SLA over weekends and company holidays (no public-holiday calendar here,
  // so the store loads no holiday data).
  const due = d.targetDate ?? slaDueDate(d.openedOn, policy)
  const r = await tx.query<Row>('UPDATE disputes SET owner_id = $2, target_date = $3 WHERE id = $1 RETURNING *', [
    d.id,
    ownerId,
    due,
  ])
  if (decision.assigned && decision.teamId)
    await tx.query('UPDATE teams SET last_person_id = $2 WHERE id = $1', [decision.teamId, decision.personId])
  await appendEvent(tx, actor, {
    disputeId: d.id,
    type: 'dispute_assigned',
    why: decision.why,
    before: { ownerId: d.ownerId },
    after: {
      ownerId,
      ownerName: ownerId ? (people.get(ownerId)?.name ?? null) : null,
      ruleId: decision.assigned ? decision.ruleId : null,
      teamId: decision.assigned ? decision.teamId : null,
      dueOn: due,
    },
  })
  return disputeOf(r.rows[0] as Row)
}

async function readSetup(db: Db, today: string): Promise<AssignmentSetup> {
  const [{ rules, teams }, people, load, unassigned] = await Promise.all([
    rulesAndTeams(db),
    owners(db),
    db.query<Row>(
      `SELECT owner_id, count(*)::int AS open, count(*) FILTER (WHERE target_date < $1)::int AS overdue,
              count(*) FILTER (WHERE target_date = $1)::int AS due_today
       FROM disputes WHERE status NOT IN ('resolved', 'closed') AND owner_id IS NOT NULL GROUP BY owner_id`,
      [today],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM disputes WHERE status NOT IN ('resolved', 'closed') AND owner_id IS NULL`,
    ),
  ])
  const byOwner = new Map(load.rows.map((l) => [l.owner_id as string, l]))
  const nameOf = (id: string | null) => (id ? (people.get(id)?.name ?? null) : null)
  return {
    rules: rules.map((r) => ({
      ...r,
      personName: nameOf(r.personId),
      teamName: teams.find((t) => t.id === r.teamId)?.name ?? null,
    })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      lastPersonId: t.lastPersonId,
      members: t.members.map((id) => ({ id, name: nameOf(id) ?? id })),
    })),
    people: [...people.values()].map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role as AssignmentSetup['people'][number]['role'],
      open: byOwner.get(p.id)?.open ?? 0,
      overdue: byOwner.get(p.id)?.overdue ?? 0,
      dueToday: byOwner.get(p.id)?.due_today ?? 0,
    })),
    unassigned: unassigned.rows[0]?.n ?? 0,
  }
}

/** The setup's problems, or null: every person must be able to own disputes, every team named once. */
function checkSetup(input: SetupInput, people: Map<string, unknown>): string | null {
  const names = input.teams.map((t) => t.name.trim().toLowerCase())
  if (new Set(names).size !== names.length) return 'teams: each team name once'
  for (const t of input.teams) {
    const stranger = t.members.find((m) => !people.has(m))
    if (stranger) return `teams: ${stranger} is no person with an active key who may own disputes`
  }
  for (const [i, r] of input.rules.entries()) {
    if (!r.personId === !r.teamName) return `rules[${i}]: name either a person or a team`
    if (r.personId && !people.has(r.personId))
      return `rules[${i}].personId: no person ${r.personId} who may own disputes`
    if (r.teamName && !names.includes(r.teamName.trim().toLowerCase()))
      return `rules[${i}].teamName: no team ${r.teamName}`
    if ((r.minAmount || r.maxAmount) && !r.currency) return `rules[${i}].currency: an amount band needs its currency`
  }
  return null
}

async function saveSetup(
  db: Db,
  input: SetupInput,
  actor: Actor,
  today: string,
): Promise<StoreResult<AssignmentSetup>> {
  return atomically(db, async (tx) => {
    const people = await owners(tx)
    const problem = checkSetup(input, people)
    if (problem) return { ok: false, error: { code: 'conflict', message: problem } }
    const before = await rulesAndTeams(tx)
    await tx.query('DELETE FROM assignment_rules')
    const kept = new Map(before.teams.map((t) => [t.name.toLowerCase(), t.id]))
    const ids = new Map<string, string>()
    for (const t of input.teams) {
      const key = t.name.trim().toLowerCase()
      const id = kept.get(key) ?? `TEAM-${crypto.randomUUID()}`
      ids.set(key, id)
      await tx.query(
        `INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
        [id, t.name.trim()],
      )
      await tx.query('DELETE FROM team_members WHERE team_id = $1', [id])
      for (const [position, person] of [...new Set(t.members)].entries())
        await tx.query('INSERT INTO team_members (team_id, person_id, position) VALUES ($1, $2, $3)', [
          id,
          person,
          position,
        ])
    }
    await tx.query('DELETE FROM teams WHERE NOT (id = ANY($1::text[]))', [[...ids.values()]])
    for (const [position, r] of input.rules.entries()) {
      await tx.query(
        `INSERT INTO assignment_rules (id, position, name, customer_id, account_manager, reason_code, min_amount,
           max_amount, currency, person_id, team_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          `RULE-${crypto.randomUUID()}`,
          position,
          r.name.trim(),
          r.customerId || null,
          r.accountManager?.trim() || null,
          r.reasonCode || null,
          r.minAmount || null,
          r.maxAmount || null,
          r.currency || null,
          r.personId || null,
          r.teamName ? (ids.get(r.teamName.trim().toLowerCase()) ?? null) : null,
        ],
      )
    }
    await appendEvent(tx, actor, {
      disputeId: null,
      type: 'assignment_rules_changed',
      why: `${input.rules.length} rule(s), ${input.teams.length} team(s)`,
      before: { rules: before.rules.length, teams: before.teams.map((t) => t.name) },
      after: { rules: input.rules.map((r) => r.name), teams: input.teams.map((t) => t.name) },
    })
    return { ok: true, value: await readSetup(tx, today) }
  })
}

/** Checks the reason, then runs `fn` with the open dispute locked, in one transaction. */
function onOpenDispute<T>(
  db: Db,
  id: string,
  why: string,
  fn: (tx: Db, d: DisputeRecord) => Promise<StoreResult<T>>,
): Promise<StoreResult<T>> {
  const bad = checkTexts({ why })
  if (bad) return Promise.resolve({ ok: false, error: bad })
  return atomically(db, async (tx) => {
    const locked = await lockOpen(tx, id)
    return locked.ok ? fn(tx, locked.value) : locked
  })
}

async function lockOpen(tx: Db, id: string): Promise<StoreResult<DisputeRecord>> {
  const r = await tx.query<Row>('SELECT * FROM disputes WHERE id = $1 FOR UPDATE', [id])
  if (!r.rows[0]) return notFound(`No dispute ${id}.`, 'disputeId')
  const d = disputeOf(r.rows[0])
  if (!isOpenStatus(d.status))
    return { ok: false, error: { code: 'conflict', message: `Dispute ${d.number} is ${d.status}; reopen it first.` } }
  return { ok: true, value: d }
}

const SORTS: Record<NonNullable<WorklistFilter['sort']>, string> = {
  number: 'd.number',
  opened: 'd.opened_at',
  amount: 'd.remaining_disputed',
  due: 'd.target_date',
  status: 'd.status',
  owner: 'p.name',
  customer: 'c.name',
}

async function worklist(db: Db, f: WorklistFilter) {
  const { limit, offset } = pageArgs(f)
  const w = new Where()
  if (f.status === 'active') w.add(`d.status NOT IN ('resolved', 'closed')`)
  else w.when(f.status, 'd.status = ?', f.status)
  if (f.ownerId === 'none') w.add('d.owner_id IS NULL')
  else w.when(f.ownerId, 'd.owner_id = ?', f.ownerId)
  w.when(f.reasonCode, 'd.reason_code = ?', f.reasonCode)
  w.when(f.customerId, 'd.customer_id = ?', f.customerId)
  if (f.overdue) w.add(`d.status NOT IN ('resolved', 'closed') AND d.target_date < ?`, f.today)
  const q = f.q?.trim()
  if (q) {
    const n = parseDisputeNumber(q)
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    if (n) w.add('d.number = ?', n)
    else
      w.add(
        '(d.invoice_number ILIKE ? OR c.name ILIKE ? OR d.description ILIKE ? OR d.customer_id ILIKE ?)',
        like,
        like,
        like,
        like,
      )
  }
  const from = `FROM disputes d LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN people p ON p.id = d.owner_id ${w.sql}`
  const dir = f.order === 'asc' ? 'ASC' : 'DESC'
  const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, w.params)
  const rows = await db.query<Row>(
    `SELECT d.id, d.number, d.invoice_number, d.customer_id, c.name AS customer_name, d.reason_code, d.status,
            d.escalated, d.remaining_disputed, d.currency, to_char(d.opened_on, 'YYYY-MM-DD') AS opened_on,
            to_char(d.target_date, 'YYYY-MM-DD') AS due_on, d.owner_id, p.name AS owner_name
     ${from} ORDER BY ${SORTS[f.sort ?? 'number']} ${dir} NULLS LAST, d.number ${dir}
     LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
    w.params,
  )
  const items: WorklistItem[] = rows.rows.map((r) => ({
    id: r.id,
    number: disputeNumber(Number(r.number)),
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    customerName: r.customer_name ?? r.customer_id,
    reasonCode: r.reason_code,
    status: r.status,
    escalated: r.escalated,
    amount: amount(r.remaining_disputed, r.currency),
    currency: r.currency,
    openedOn: r.opened_on,
    ageDays: Math.max(0, daysBetween(r.opened_on, f.today)),
    dueOn: r.due_on,
    sla: slaState(r.status, r.due_on, f.today),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
  }))
  return { items, total: n.rows[0]?.n ?? 0, limit, offset }
}

export function assignmentRepository(db: Db): AssignmentRepository {
  return {
    setup: (today) => readSetup(db, today),
    saveSetup: (input, actor, today) => saveSetup(db, input, actor, today),
    assign: (disputeId, personId, why, actor) =>
      onOpenDispute(db, disputeId, why, async (tx, d) => {
        const people = await owners(tx)
        const person = people.get(personId)
        if (!person)
          return notFound(`No person ${personId} who may own disputes (an active key, not a customer).`, 'personId')
        if (d.ownerId === personId) return { ok: true, value: d }
        const r = await tx.query<Row>('UPDATE disputes SET owner_id = $2 WHERE id = $1 RETURNING *', [d.id, personId])
        await appendEvent(tx, actor, {
          disputeId: d.id,
          type: 'dispute_assigned',
          why,
          before: { ownerId: d.ownerId, ownerName: d.ownerId ? (people.get(d.ownerId)?.name ?? null) : null },
          after: { ownerId: personId, ownerName: person.name },
        })
        return { ok: true, value: disputeOf(r.rows[0] as Row) }
      }),
    remind: (disputeId, why, actor) =>
      onOpenDispute(db, disputeId, why, async (tx, d) => {
        if (!d.ownerId)
          return {
            ok: false,
            error: { code: 'conflict', message: `${d.number} has no owner to remind; assign it first.` },
          }
        const owner = (await owners(tx)).get(d.ownerId)
        const event = await appendEvent(tx, actor, {
          disputeId: d.id,
          type: 'owner_reminded',
          why,
          before: null,
          after: { ownerId: d.ownerId, ownerName: owner?.name ?? null, dueOn: d.targetDate },
        })
        return { ok: true, value: event }
      }),
    worklist: (f) => worklist(db, f),
    async resolveRef(ref) {
      const n = parseDisputeNumber(ref)
      const r = await db.query<{ id: string }>('SELECT id FROM disputes WHERE id = $1 OR number = $2', [ref, n])
      return r.rows[0]?.id ?? null
    },
  }
}
