/**
 * The reply's sections, rendered from the resolution alone: the summary table, the investigation
 * steps, the customer email, prevention and consultant insights. Both engines use it, so no figure
 * in a reply ever comes from model text.
 */
import { formatMoney, moneyOf } from '../../core/money.ts'
import type { Resolution } from '../../core/resolution.ts'

const REASON_LABELS: Record<string, string> = {
  pricing_error: 'Pricing error',
  quantity_discrepancy: 'Quantity discrepancy',
  damaged_goods: 'Damaged goods',
  duplicate_billing: 'Duplicate billing',
  service_not_rendered: 'Service not rendered',
  missing_po: 'Missing or wrong PO',
  already_paid: 'Already paid',
  late_fee: 'Late fee',
  tax_error: 'Tax error',
  contract_terms: 'Contract terms',
  service_dissatisfaction: 'Service dissatisfaction',
  unrecognized_charge: 'Unrecognised charge',
  other: 'Other',
}

const CLASSIFICATION_LABELS: Record<string, string> = {
  valid: 'Valid: the evidence supports the customer',
  partial: 'Partially valid',
  invalid: 'Not supported: the invoice stands',
  needs_info: 'Needs information',
}

const ACTION_LABELS: Record<string, string> = {
  credit_memo: 'Credit memo',
  cancel_and_rebill: 'Cancel and re-bill',
  apply_payment: 'Apply the unapplied payment',
  no_adjustment: 'No adjustment; send the evidence',
  request_information: 'Request the missing information',
  write_off: 'Write off the remainder',
  goodwill_credit: 'Goodwill credit',
}

const TEAM_LABELS: Record<string, string> = {
  sales: 'Sales',
  billing: 'Billing',
  logistics: 'Logistics',
  service_delivery: 'Service delivery',
  customer_success: 'Customer success',
  cash_application: 'Cash application',
  collections: 'Collections',
  tax: 'Tax',
  legal: 'Legal',
}

const DOC_LABELS: Record<string, string> = {
  invoice: 'Invoice',
  purchase_order: 'PO',
  contract: 'Contract',
  delivery: 'Delivery record',
  service_log: 'Service log',
  payment: 'Payment',
  duplicate_invoice: 'Duplicate invoice',
}

export function reasonLabel(code: string): string {
  return REASON_LABELS[code] ?? code
}

/** Markdown table cells must not break the table: pipes and newlines are escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function money(r: Pick<Resolution, 'currency'>, amount: string): string {
  return formatMoney(moneyOf(amount, r.currency))
}

export function renderSummaryTable(r: Resolution): string {
  const docs = r.documentation
    .filter((d) => d.status !== 'not_applicable')
    .map((d) => `${DOC_LABELS[d.kind] ?? d.kind} ${d.status === 'found' ? `✓ ${d.ids.join(', ')}` : '✗ missing'}`)
    .join('; ')
  const rows: [string, string][] = [
    ['Invoice number', r.invoiceNumber],
    ['Customer', `${r.customerName} (${r.customerId})`],
    ['Dispute type', reasonLabel(r.reasonCode)],
    ['Amount in dispute', money(r, r.disputedAmount)],
    // DOMAIN.md "Currencies": where a threshold was applied in the company currency, show that figure.
    ...(r.policyAmount && r.policyAmount.currency !== r.currency
      ? ([
          [
            `In ${r.policyAmount.currency} (policy)`,
            r.policyAmount.amount
              ? `${r.policyAmount.amount} ${r.policyAmount.currency} at ${r.policyAmount.rate} (rate of ${r.policyAmount.rateDate})`
              : `no ${r.currency}→${r.policyAmount.currency} rate in the ledger`,
          ],
        ] as [string, string][])
      : []),
    ['Supported by the evidence', money(r, r.supportedAmount)],
    ['Classification', CLASSIFICATION_LABELS[r.classification] ?? r.classification],
    ['Action', ACTION_LABELS[r.action] ?? r.action],
    ['Internal stakeholders', r.stakeholders.map((t) => TEAM_LABELS[t] ?? t).join(', ')],
    ['Documentation status', docs || '—'],
    [
      'Escalation',
      r.escalation.required
        ? `Yes, to ${r.escalation.to.join(' and ')}: ${r.escalation.reasons.map((x) => x.detail).join('; ')}`
        : 'No',
    ],
    ['Target resolution date', r.targetDate],
  ]
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`)].join('\n')
}

export function renderInvestigation(r: Resolution): string {
  const steps: string[] = []
  steps.push(`**Root cause:** ${r.rootCause}`)
  steps.push(`**Teams to contact:** ${r.stakeholders.map((t) => TEAM_LABELS[t] ?? t).join(', ')}`)
  const evidence = r.findings.map(
    (f) =>
      `- ${f.billed} — ${f.evidence} (${f.documentId})${f.supportsCustomer ? `: ${money(r, f.amountNotOwed)} not owed` : ''}`,
  )
  steps.push(
    ['**Evidence gathered:**', ...(evidence.length ? evidence : ['- No finding against the invoice.'])].join('\n'),
  )
  if (r.missingDocuments.length) {
    steps.push(`**Missing documents:** ${r.missingDocuments.map((d) => DOC_LABELS[d] ?? d).join(', ')}`)
  }
  const resolutionSteps = [
    `1. ${ACTION_LABELS[r.action] ?? r.action}${r.approval ? ` for ${money(r, r.approval.amount)}, approved by a ${approverOf(r.approval.requiredRole)} other than the requester` : ''}.`,
    `2. Send the customer email below and record the outcome on the dispute.`,
    `3. Target resolution date: ${r.targetDate}.`,
  ]
  steps.push(['**Resolution steps:**', ...resolutionSteps].join('\n'))
  return steps.join('\n\n')
}

export function renderEmail(r: Resolution): string {
  const quoted = [`Subject: ${r.email.subject}`, '', ...r.email.body.split('\n')].map((l) => `> ${l}`.trimEnd())
  return quoted.join('\n')
}

export function renderReply(r: Resolution, intro?: string): string {
  const sections = [
    intro?.trim(),
    '### Dispute summary',
    renderSummaryTable(r),
    '### Investigation',
    renderInvestigation(r),
    '### Customer email',
    renderEmail(r),
    '### Prevention',
    r.prevention.length ? r.prevention.map((p) => `- ${p}`).join('\n') : '- Nothing to change: the invoice was right.',
    '### Consultant insights',
    r.insights.length
      ? r.insights.map((i) => `- ${i.text}`).join('\n')
      : '- No pattern in this customer’s history yet.',
  ]
  if (r.similar.length) {
    sections.push(
      '### Similar past disputes',
      r.similar
        .slice(0, 5)
        .map(
          (s) =>
            // The summary already says the reason, the outcome, the action and the root cause.
            `- ${s.id} (${s.openedDate}${s.invoiceNumber ? `, ${s.invoiceNumber}` : ''}): ${s.summary}`,
        )
        .join('\n'),
    )
  }
  return sections.filter(Boolean).join('\n\n')
}

/**
 * Who approves in practice: the policy's role for the amount, but approving is a lead's tool
 * (decide_credit_memo), so an amount within a specialist's limit still goes to a lead.
 */
export function approverOf(requiredRole: string): string {
  return (requiredRole === 'specialist' ? 'lead' : requiredRole).replace(/_/g, ' ')
}
