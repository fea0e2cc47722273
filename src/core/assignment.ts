/**
 * Who works a dispute, and by when. A lead's rules are read in order; the first whose conditions
 * all hold names a person, or a team whose members take turns (round-robin, each member in the
 * order the team lists them, after the one who had the last dispute). No rule: the person who
 * opened the dispute keeps it, when they may own one. Pure: the store gives the facts and records
 * the decision.
 */
import { addBusinessDays, daysBetween } from './dates.ts'
import type { PolicyInput } from './ledger.ts'
import { cmp, parseMoney } from './money.ts'
import { DEFAULT_POLICY } from './policy.ts'

export interface AssignmentRule {
  id: string
  name: string
  /** Conditions; an absent (null) one matches every dispute. */
  customerId: string | null
  accountManager: string | null
  reasonCode: string | null
  /** Amount band, inclusive, in `currency`: a dispute in another currency does not match a band. */
  minAmount: string | null
  maxAmount: string | null
  currency: string | null
  /** Exactly one of them: the person, or the team that takes turns. */
  personId: string | null
  teamId: string | null
}

export interface Team {
  id: string
  name: string
  /** Person ids, in the order they take turns. */
  members: readonly string[]
  /** Who had the team's last dispute (the round-robin's position). */
  lastPersonId: string | null
}

export interface DisputeFacts {
  customerId: string
  accountManager: string | null
  reasonCode: string
  /** The amount in dispute, a decimal in `currency`. */
  amount: string
  currency: string
  /** Whoever opened it (a person's id, or "system"). */
  openedBy: string
}

export type AssignmentDecision =
  | { assigned: true; personId: string; ruleId: string | null; teamId: string | null; why: string }
  | { assigned: false; why: string }

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

function inBand(rule: AssignmentRule, facts: DisputeFacts): boolean {
  if (!rule.minAmount && !rule.maxAmount) return true
  if (!rule.currency || rule.currency !== facts.currency) return false
  const amount = parseMoney(facts.amount, facts.currency)
  if (!amount.ok) return false
  const bound = (text: string | null) => (text ? parseMoney(text, facts.currency) : null)
  const lo = bound(rule.minAmount)
  const hi = bound(rule.maxAmount)
  if (lo && (!lo.ok || cmp(amount.value, lo.value) < 0)) return false
  if (hi && (!hi.ok || cmp(amount.value, hi.value) > 0)) return false
  return true
}

export function ruleMatches(rule: AssignmentRule, facts: DisputeFacts): boolean {
  if (rule.customerId && rule.customerId !== facts.customerId) return false
  if (rule.accountManager && !(facts.accountManager && same(rule.accountManager, facts.accountManager))) return false
  if (rule.reasonCode && rule.reasonCode !== facts.reasonCode) return false
  return inBand(rule, facts)
}

/** The member after the last one who had a dispute, skipping people who may not own one. */
export function nextInTurn(team: Team, canOwn: (personId: string) => boolean): string | null {
  const members = team.members.filter(canOwn)
  if (members.length === 0) return null
  const last = team.lastPersonId ? members.indexOf(team.lastPersonId) : -1
  return members[(last + 1) % members.length] ?? null
}

export function chooseAssignee(
  facts: DisputeFacts,
  rules: readonly AssignmentRule[],
  teams: readonly Team[],
  canOwn: (personId: string) => boolean,
): AssignmentDecision {
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue
    if (rule.personId && canOwn(rule.personId))
      return { assigned: true, personId: rule.personId, ruleId: rule.id, teamId: null, why: `rule "${rule.name}"` }
    const team = rule.teamId ? teams.find((t) => t.id === rule.teamId) : undefined
    const next = team ? nextInTurn(team, canOwn) : null
    if (team && next)
      return {
        assigned: true,
        personId: next,
        ruleId: rule.id,
        teamId: team.id,
        why: `rule "${rule.name}", ${team.name}'s turn order`,
      }
    // The rule names nobody who can take it (left the team, key revoked): the next rule decides.
  }
  if (canOwn(facts.openedBy))
    return {
      assigned: true,
      personId: facts.openedBy,
      ruleId: null,
      teamId: null,
      why: 'no rule matched; kept by who opened it',
    }
  return { assigned: false, why: 'no rule matched; waiting in the unassigned queue' }
}

/** The date a dispute opened on `openedOn` is due by, from the policy's resolution SLA in business days. */
export function slaDueDate(
  openedOn: string,
  policy: PolicyInput | undefined,
  publicHolidays: readonly string[] = [],
): string {
  const days = policy?.resolutionSlaBusinessDays ?? DEFAULT_POLICY.resolutionSlaBusinessDays
  return addBusinessDays(openedOn, days, new Set([...(policy?.holidays ?? []), ...publicHolidays]))
}

export type SlaState = 'done' | 'no_due_date' | 'overdue' | 'due_today' | 'due_soon' | 'on_track'

/** Where a dispute stands against its due date on `today`; due_soon is within `soonDays` calendar days. */
export function slaState(status: string, due: string | null, today: string, soonDays = 2): SlaState {
  if (status === 'resolved' || status === 'closed') return 'done'
  if (!due) return 'no_due_date'
  const left = daysBetween(today, due)
  if (left < 0) return 'overdue'
  if (left === 0) return 'due_today'
  return left <= soonDays ? 'due_soon' : 'on_track'
}

/** Readable dispute numbers: sequence 123 is DSP-000123. */
export function disputeNumber(sequence: number): string {
  return `DSP-${String(sequence).padStart(6, '0')}`
}

/** The sequence a readable number names ("DSP-000123", any case), or null: a UUID id is not one, nor a
 *  ledger's own past-dispute id of fewer digits ("DSP-4009"). */
export function parseDisputeNumber(ref: string): number | null {
  const m = /^\s*DSP-(\d{6,12})\s*$/i.exec(ref)
  if (!m) return null
  const n = Number(m[1])
  return Number.isSafeInteger(n) && n > 0 ? n : null
}
