/**
 * The insights that read the decision's own findings: why a credit memo rather than a re-bill (or
 * the reverse), and which system setting most likely caused the dispute.
 */
import { cmp, moneyOf, sub, toDecimal } from './money.ts'
import type { Decision, Evidence, Finding, Insight } from './resolution.ts'
import { rootCauseKey, type TrendDispute } from './trends.ts'

type EvidenceView = Partial<Pick<Evidence, 'invoice' | 'contract' | 'customer' | 'otherInvoices'>>

const where = (f: Finding): string => {
  switch (f.target.kind) {
    case 'line':
      return `line ${f.target.line} (${f.target.sku})`
    case 'fee':
      return `the ${f.target.feeType.replace(/_/g, ' ')}`
    case 'tax':
      return f.target.line === undefined ? 'the tax' : `the tax on line ${f.target.line}`
    case 'invoice':
      return 'the invoice document'
    case 'payment':
      return `payment ${f.target.paymentId}`
  }
}

const findingBasis = (f: Finding) => `${f.documentId}: ${f.billed} vs ${f.evidence} → not owed ${f.amountNotOwed}`

/** Whether an earlier dispute's free-text root cause is the same as this decision's coded one. */
export function sameRootCause(d: Decision, h: TrendDispute): boolean {
  if (!h.rootCause) return false
  const key = rootCauseKey(h.rootCause)
  return key.includes(d.rootCauseCode.replace(/_/g, ' ')) || key === rootCauseKey(d.rootCause)
}

export function creditVsRebill(d: Decision, evidence?: EvidenceView): Insight {
  const cur = d.currency
  const amt = (a: string) => `${a} ${cur}`
  const supporting = d.findings.filter((f) => f.supportsCustomer)
  const basis = [
    `disputed ${d.disputedAmount}`,
    `supported ${d.supportedAmount}`,
    `invoice total ${d.invoiceTotal}`,
    ...supporting.map(findingBasis),
  ]
  const text = ((): string => {
    switch (d.action) {
      case 'credit_memo': {
        const whole = cmp(moneyOf(d.supportedAmount, cur), moneyOf(d.invoiceTotal, cur)) >= 0
        if (whole) {
          return `Credit memo rather than re-bill: nothing on ${d.invoiceNumber} is owed (supported ${amt(d.supportedAmount)} = the invoice total), so crediting it in full closes it; a re-bill would reissue an invoice for charges that are not owed.`
        }
        const places = [...new Set(supporting.map(where))]
        const lineCount = evidence?.invoice?.lines.length
        const rest = toDecimal(sub(moneyOf(d.invoiceTotal, cur), moneyOf(d.supportedAmount, cur)))
        return (
          `Credit memo rather than cancel-and-rebill: the defect is limited to ${places.join(', ') || 'part of the invoice'}` +
          (lineCount ? ` (of ${lineCount} line(s))` : '') +
          ` and ${amt(rest)} of the invoice is right, so crediting ${amt(d.supportedAmount)} keeps the original invoice, its date and its payment terms; a re-bill would restart terms on correct charges.`
        )
      }
      case 'cancel_and_rebill': {
        const defect = supporting.map((f) => `${f.billed} (${f.evidence})`).join('; ') || d.rootCause
        return `Cancel and re-bill rather than a credit memo: the charges of ${amt(d.invoiceTotal)} are owed but the document is defective (${defect}); a credit memo would leave the customer's AP with an invoice it cannot process, so void ${d.invoiceNumber} and issue a corrected one.`
      }
      case 'apply_payment':
        return `Neither a credit memo nor a re-bill: the customer's payment covers ${amt(d.disputedAmount)}; fix the cash application so it is matched to ${d.invoiceNumber}.`
      case 'write_off':
        return d.classification === 'partial'
          ? `Credit memo for the supported ${amt(d.supportedAmount)} and a write-off of the remaining ${amt(d.owedAmount)}: pursuing it would cost more than it recovers; no re-bill, the invoice document is right.`
          : `Write-off rather than a credit memo: the evidence supports the invoice, and the ${amt(d.owedAmount)} in question is below the write-off threshold, so it is not worth pursuing.`
      case 'goodwill_credit':
        return `Goodwill credit, not a correction: the billing was right, so the original invoice stands and no re-bill is needed; the credit is a relationship decision within policy.`
      case 'no_adjustment':
        return `No credit memo and no re-bill: the evidence supports ${d.invoiceNumber} as issued (supported ${amt(d.supportedAmount)}); send the customer the documents instead.`
      case 'request_information':
        return `Too early to choose: once ${d.missingDocuments.join(', ') || 'the missing documents'} arrive, over-billing on particular lines means a credit memo; a defective document (PO, entity, terms, tax on the whole invoice) means cancel and re-bill.`
    }
  })()
  return { kind: 'credit_vs_rebill', text, basis }
}

export function misconfigurations(d: Decision, history: readonly TrendDispute[], evidence?: EvidenceView): Insight[] {
  const out: Insight[] = []
  const supporting = d.findings.filter((f) => f.supportsCustomer)

  const pricing = supporting.filter((f) => f.check === 'pricing_error' && f.target.kind === 'line')
  if (pricing.length) {
    const contract = evidence?.contract
    const invoice = evidence?.invoice
    const stale = pricing.flatMap((f) => {
      if (f.target.kind !== 'line' || !contract || !invoice) return []
      const sku = f.target.sku
      const billed = invoice.lines.find((l) => l.line === (f.target.kind === 'line' ? f.target.line : -1))
      const agreed = contract.prices.find((p) => p.sku === sku)
      if (!billed || !agreed || billed.unitPrice === agreed.unitPrice) return []
      if (contract.startDate > invoice.issueDate) return []
      return [
        `${sku}: billed ${billed.unitPrice}, contract ${contract.id} price ${agreed.unitPrice} since ${contract.startDate}`,
      ]
    })
    const skus = new Set(pricing.flatMap((f) => (f.target.kind === 'line' ? [f.target.sku] : [])))
    const repeats = history.filter(
      (h) =>
        h.reasonCode === 'pricing_error' &&
        (h.skus?.some((s) => skus.has(s)) || (h.customerId === d.customerId && sameRootCause(d, h))),
    )
    if (stale.length) {
      out.push({
        kind: 'misconfiguration',
        text: `Price list not updated after the contract renewal: ${d.invoiceNumber} (issued ${invoice?.issueDate}) still used a price other than the one contract ${contract?.id} set from ${contract?.startDate}.`,
        basis: [...stale, ...repeats.map((h) => `${h.id} pricing_error ${h.openedDate}`)],
      })
    } else if (repeats.length) {
      out.push({
        kind: 'misconfiguration',
        text: `The same pricing error keeps coming back (${repeats.length + 1} disputes for ${[...skus].join(', ')} or this customer's prices): the ERP price list is likely out of date for this contract.`,
        basis: [...pricing.map(findingBasis), ...repeats.map((h) => `${h.id} ${h.openedDate}`)],
      })
    }
  }

  const taxed = supporting.filter((f) => f.check === 'tax_error' || f.target.kind === 'tax')
  if (taxed.length && (d.rootCauseCode === 'tax_exemption_not_applied' || evidence?.customer?.taxExempt)) {
    out.push({
      kind: 'misconfiguration',
      text: `Tax exemption flag not applied: ${d.customerName} is tax-exempt, yet ${d.invoiceNumber} charged tax (${taxed.map(where).join(', ')}). Check the exemption flag on the customer record in the ERP.`,
      basis: taxed.map(findingBasis),
    })
  }

  const dupes = supporting.filter((f) => f.check === 'duplicate_billing')
  if (dupes.length) {
    const inv = evidence?.invoice
    const shared = dupes.flatMap((f) => {
      const other = evidence?.otherInvoices?.find((o) => o.number === f.documentId)
      if (!inv?.servicePeriodStart || !other?.servicePeriodStart) return []
      if (inv.servicePeriodStart !== other.servicePeriodStart || inv.servicePeriodEnd !== other.servicePeriodEnd)
        return []
      return [`${inv.number} and ${other.number}: period ${inv.servicePeriodStart}–${inv.servicePeriodEnd ?? '?'}`]
    })
    if (shared.length) {
      out.push({
        kind: 'misconfiguration',
        text: `Subscription billing job likely ran twice: ${shared.join('; ')} bill the same service period. Make the recurring run idempotent per subscription and period.`,
        basis: [...shared, ...dupes.map(findingBasis)],
      })
    }
  }

  const fees = supporting.filter((f) => f.check === 'late_fee')
  if (fees.length) {
    out.push({
      kind: 'misconfiguration',
      text: `Late-fee run applied a fee the contract does not allow (${fees.map((f) => f.evidence).join('; ')}): check the fee job reads each contract's late-fee clause and grace days.`,
      basis: fees.map(findingBasis),
    })
  }

  const outside = supporting.filter((f) => f.check === 'contract_terms')
  if (outside.length && d.rootCauseCode === 'billed_outside_contract_term') {
    out.push({
      kind: 'misconfiguration',
      text: `Recurring billing was not stopped at the contract end: ${outside.map((f) => f.evidence).join('; ')}.`,
      basis: outside.map(findingBasis),
    })
  }
  return out
}
