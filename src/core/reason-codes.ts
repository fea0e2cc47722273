/** The reason codes of DOMAIN.md, in one list with no dependency, so the browser bundles can offer
 *  them (the widget's correction form) without pulling in the schemas. */
export const REASON_CODES = [
  'pricing_error',
  'quantity_discrepancy',
  'damaged_goods',
  'duplicate_billing',
  'service_not_rendered',
  'missing_po',
  'already_paid',
  'late_fee',
  'tax_error',
  'contract_terms',
  'service_dissatisfaction',
  'unrecognized_charge',
  'other',
] as const
