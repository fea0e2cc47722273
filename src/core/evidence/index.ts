/** One rule of evidence per reason code (DOMAIN.md, "Reason codes"). */
import type { ReasonCode } from '../ledger.ts'
import { alreadyPaid } from './already-paid.ts'
import { zero } from '../money.ts'
import { type Check, finding, result } from './check.ts'
import { contractTerms } from './contract-terms.ts'
import { damagedGoods } from './damaged-goods.ts'
import { duplicateBilling } from './duplicate-billing.ts'
import { lateFee } from './late-fee.ts'
import { missingPo } from './missing-po.ts'
import { pricingError } from './pricing-error.ts'
import { quantityDiscrepancy } from './quantity-discrepancy.ts'
import { serviceRenderedCheck } from './service-rendered.ts'
import { taxError } from './tax-error.ts'
import { unrecognizedCharge } from './unrecognized-charge.ts'

/**
 * `other` has no rule of evidence. A customer who contests no amount (the specialist stated none)
 * wants the document changed, not the charges (a new billing entity, an address, a reference): the
 * charges stand and the invoice is reissued. With an amount contested, nothing in the ledger can
 * decide it: a person reviews it.
 */
const other: Check = (ctx) => {
  if (ctx.claim.disputedAmount === undefined) {
    const inv = ctx.evidence.invoice
    return {
      ...result(
        [
          finding('other', {
            target: { kind: 'invoice' },
            billed: `${inv.number} as issued`,
            evidence: 'the customer contests no amount: the document must change, not the charges',
            documentId: inv.number,
            amount: zero(ctx.currency),
            supports: true,
          }),
        ],
        [],
      ),
      defect: { code: 'document_change', detail: `the customer needs ${inv.number} reissued; the charges stand` },
    }
  }
  return {
    ...result([], []),
    undecided: {
      code: 'no_rule_of_evidence',
      detail: 'reason "other": no ledger rule decides the amount; a specialist reviews it',
    },
  }
}

export const CHECKS: Readonly<Record<ReasonCode, Check>> = {
  pricing_error: pricingError,
  quantity_discrepancy: quantityDiscrepancy,
  damaged_goods: damagedGoods,
  duplicate_billing: duplicateBilling,
  service_not_rendered: serviceRenderedCheck('service_not_rendered'),
  missing_po: missingPo,
  already_paid: alreadyPaid,
  late_fee: lateFee,
  tax_error: taxError,
  contract_terms: contractTerms,
  service_dissatisfaction: serviceRenderedCheck('service_dissatisfaction'),
  unrecognized_charge: unrecognizedCharge,
  other,
}

export type { Check, CheckContext, CheckResult } from './check.ts'
