/** The internal teams a dispute involves (DOMAIN.md routing table), first the one the summary must name. */
import type { ReasonCode } from './ledger.ts'
import type { Escalation, Team } from './resolution.ts'

export const ROUTING: Readonly<Record<ReasonCode, readonly Team[]>> = {
  pricing_error: ['sales', 'billing'],
  quantity_discrepancy: ['logistics', 'billing'],
  damaged_goods: ['logistics', 'billing'],
  duplicate_billing: ['billing'],
  service_not_rendered: ['service_delivery', 'customer_success'],
  service_dissatisfaction: ['service_delivery', 'customer_success'],
  missing_po: ['sales', 'billing'],
  already_paid: ['cash_application'],
  late_fee: ['collections', 'billing'],
  tax_error: ['tax', 'billing'],
  contract_terms: ['legal', 'sales'],
  unrecognized_charge: ['billing', 'sales'],
  // DOMAIN.md routes no team for "other": billing owns the invoice, so it triages.
  other: ['billing'],
}

/** The routing table's teams, plus legal when the dispute escalates to legal. */
export function stakeholdersFor(reason: ReasonCode, escalation: Pick<Escalation, 'to'>): Team[] {
  const teams = [...ROUTING[reason]]
  if (escalation.to.includes('legal') && !teams.includes('legal')) teams.push('legal')
  return teams
}
