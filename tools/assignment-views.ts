/** The shapes the assignment tools take and return: rules, teams, workloads and the worklist. */
import { z } from 'zod'
import { Amount, IsoDate, ReasonCode } from '../src/core/ledger.ts'
import { Role } from '../src/core/resolution.ts'
import { DisputeStatus } from './schemas.ts'

const Id = z.string().min(1).max(100)
const SlaState = z.enum(['done', 'no_due_date', 'overdue', 'due_today', 'due_soon', 'on_track'])

export const RuleInput = z.object({
  name: z.string().trim().min(1).max(200),
  customerId: Id.nullish().describe('only this customer’s disputes'),
  accountManager: z.string().trim().max(200).nullish().describe('only customers this account manager looks after'),
  reasonCode: ReasonCode.nullish(),
  minAmount: Amount.nullish().describe('amount band, inclusive, in `currency`'),
  maxAmount: Amount.nullish(),
  currency: z.string().length(3).nullish(),
  personId: Id.nullish().describe('the person who gets them; or give teamName'),
  teamName: z.string().trim().min(1).max(200).nullish().describe('a team below whose members take turns'),
})

export const SetupInput = z.object({
  teams: z
    .array(z.object({ name: z.string().trim().min(1).max(200), members: z.array(Id).max(200) }))
    .max(100)
    .default([]),
  rules: z.array(RuleInput).max(500).describe('read in order; the first that matches a new dispute decides'),
})

export const AssignmentSetupView = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      customerId: z.string().nullable(),
      accountManager: z.string().nullable(),
      reasonCode: z.string().nullable(),
      minAmount: Amount.nullable(),
      maxAmount: Amount.nullable(),
      currency: z.string().nullable(),
      personId: z.string().nullable(),
      personName: z.string().nullable(),
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
    }),
  ),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      members: z.array(z.object({ id: z.string(), name: z.string() })),
      lastPersonId: z.string().nullable(),
    }),
  ),
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: Role,
      open: z.number().int(),
      overdue: z.number().int(),
      dueToday: z.number().int(),
    }),
  ),
  unassigned: z.number().int().describe('open disputes nobody owns'),
})

export const WorklistItemView = z.object({
  id: z.string(),
  number: z.string(),
  invoiceNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  reasonCode: z.string(),
  status: DisputeStatus,
  escalated: z.boolean(),
  amount: Amount.describe('still in dispute'),
  currency: z.string(),
  openedOn: IsoDate,
  ageDays: z.number().int(),
  dueOn: IsoDate.nullable().describe('the SLA due date'),
  sla: SlaState,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
})
