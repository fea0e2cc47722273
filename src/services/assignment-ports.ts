/**
 * The assignment port: a lead's rules and teams, who owns which dispute, and the worklist with each
 * dispute's owner, customer and SLA. Implemented by src/adapters/store/assignment-repo.ts.
 */
import type { AssignmentRule, SlaState } from '../core/assignment.ts'
import type { Role } from '../core/resolution.ts'
import type { Actor, DisputeEvent, DisputeRecord, DisputeStatus, Page, PageRequest, StoreResult } from './ports.ts'

export interface TeamView {
  id: string
  name: string
  members: { id: string; name: string }[]
  lastPersonId: string | null
}

/** A person who may own disputes, with their queue today. */
export interface Workload {
  id: string
  name: string
  role: Role
  open: number
  overdue: number
  dueToday: number
}

export interface AssignmentSetup {
  rules: (AssignmentRule & { teamName: string | null; personName: string | null })[]
  teams: TeamView[]
  people: Workload[]
  /** Open disputes nobody owns. */
  unassigned: number
}

export interface RuleInput {
  name: string
  customerId?: string | null
  accountManager?: string | null
  reasonCode?: string | null
  minAmount?: string | null
  maxAmount?: string | null
  currency?: string | null
  /** Exactly one: a person's id, or the name of a team in the same setup. */
  personId?: string | null
  teamName?: string | null
}

export interface SetupInput {
  teams: { name: string; members: string[] }[]
  rules: RuleInput[]
}

export type WorklistSort = 'number' | 'opened' | 'amount' | 'due' | 'status' | 'owner' | 'customer'

export interface WorklistFilter extends PageRequest {
  today: string
  /** A status, or "active" for every status but resolved and closed. */
  status?: DisputeStatus | 'active'
  /** A person's id, or "none" for the unassigned queue. */
  ownerId?: string
  reasonCode?: string
  customerId?: string
  /** Only disputes past their due date. */
  overdue?: boolean
  /** Words found in the number, invoice, customer name or description. */
  q?: string
  sort?: WorklistSort
  order?: 'asc' | 'desc'
}

export interface WorklistItem {
  id: string
  number: string
  invoiceNumber: string
  customerId: string
  customerName: string
  reasonCode: string
  status: DisputeStatus
  escalated: boolean
  amount: string
  currency: string
  openedOn: string
  ageDays: number
  dueOn: string | null
  sla: SlaState
  ownerId: string | null
  ownerName: string | null
}

export interface AssignmentRepository {
  setup(today: string): Promise<AssignmentSetup>
  /** Replaces the teams and rules in one transaction (an audit event records the change). */
  saveSetup(input: SetupInput, actor: Actor, today: string): Promise<StoreResult<AssignmentSetup>>
  /** Gives an open dispute to a person (reassigning it), with the reason, in the audit trail. */
  assign(disputeId: string, personId: string, why: string, actor: Actor): Promise<StoreResult<DisputeRecord>>
  /** Records a reminder to the dispute's owner (notifications pick it up from the trail). */
  remind(disputeId: string, why: string, actor: Actor): Promise<StoreResult<DisputeEvent>>
  worklist(filter: WorklistFilter): Promise<Page<WorklistItem>>
  /** The dispute's id for its id or its readable number (DSP-000123), or null. */
  resolveRef(ref: string): Promise<string | null>
}
