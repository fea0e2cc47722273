/**
 * The documentation status of the summary table: for each kind of document, the ids found in the
 * ledger, whether this reason's decision needs it, and found / missing / not_applicable. A document
 * is `missing` when the decision needs it and the ledger has none; `not_applicable` when absent and
 * not needed. The payment and duplicate-invoice rows appear only for the reasons that read them.
 */
import type { ReasonCode } from './ledger.ts'
import { appliedPayments } from './balance.ts'
import { type CheckResult, deliveriesFor, serviceLogsFor } from './evidence/check.ts'
import { invoicePo } from './evidence/pricing-error.ts'
import type { DocumentKind, DocumentStatus, Evidence, Finding } from './resolution.ts'

const unique = (xs: string[]) => [...new Set(xs)]

function idsOf(kind: DocumentKind, evidence: Evidence, findings: readonly Finding[]): string[] {
  const inv = evidence.invoice
  const skus = unique(inv.lines.map((l) => l.sku))
  switch (kind) {
    case 'invoice':
      return [inv.number]
    case 'purchase_order':
      return unique([
        invoicePo(evidence)?.number ?? '',
        ...findings.filter((f) => f.check === 'missing_po').map((f) => f.documentId),
      ]).filter((id) => evidence.purchaseOrders.some((po) => po.number === id))
    case 'contract':
      return evidence.contract ? [evidence.contract.id] : []
    case 'delivery':
      return unique(skus.flatMap((sku) => deliveriesFor(evidence, sku).map((d) => d.id)))
    case 'service_log':
      return unique(skus.flatMap((sku) => serviceLogsFor(evidence, sku).map((l) => l.id)))
    case 'payment':
      return unique([
        ...appliedPayments(inv, evidence.payments).map((p) => p.id),
        ...findings.flatMap((f) => (f.target.kind === 'payment' ? [f.target.paymentId] : [])),
      ])
    case 'duplicate_invoice':
      return unique(
        findings
          .filter((f) => f.check === 'duplicate_billing' && f.supportsCustomer && f.documentId !== inv.number)
          .map((f) => f.documentId),
      )
  }
}

const ALWAYS: DocumentKind[] = ['invoice', 'purchase_order', 'contract', 'delivery', 'service_log']

function kindsFor(reason: ReasonCode): DocumentKind[] {
  if (reason === 'already_paid' || reason === 'late_fee') return [...ALWAYS, 'payment']
  if (reason === 'duplicate_billing') return [...ALWAYS, 'duplicate_invoice']
  return ALWAYS
}

export function documentationFor(
  reason: ReasonCode,
  evidence: Evidence,
  check: Pick<CheckResult, 'required' | 'missing' | 'findings'>,
): DocumentStatus[] {
  return kindsFor(reason).map((kind) => {
    const ids = idsOf(kind, evidence, check.findings)
    const required = kind === 'invoice' || check.required.includes(kind) || check.missing.includes(kind)
    const status = ids.length ? 'found' : required ? 'missing' : 'not_applicable'
    return { kind, status, ids, required }
  })
}
