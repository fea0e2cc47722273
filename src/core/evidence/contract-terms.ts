/**
 * Billing vs the contract's dates and terms. The days of the billed period (the service period, else
 * the issue date) that fall outside the contract are not owed, pro rata per line with its tax. Wrong
 * payment terms or currency on a period inside the contract is a defect of the document: re-bill.
 */
import { compareDates, daysBetween } from '../dates.ts'
import { prorate, zero } from '../money.ts'
import { type Check, finding, lineFinding, lineGross, result } from './check.ts'

export const contractTerms: Check = (ctx) => {
  const { evidence, currency, scope } = ctx
  const contract = evidence.contract
  if (!contract) return result([], ['contract'], ['contract'])
  const inv = evidence.invoice
  const start = inv.servicePeriodStart ?? inv.issueDate
  const end = inv.servicePeriodEnd ?? start
  const from = compareDates(start, contract.startDate) > 0 ? start : contract.startDate
  const to = contract.endDate && contract.endDate < end ? contract.endDate : end
  const total = daysBetween(start, end) + 1
  const inside = Math.max(0, daysBetween(from, to) + 1)
  const runs = `contract ${contract.id} runs ${contract.startDate}–${contract.endDate ?? 'open-ended'}`
  if (inside < total) {
    const words = `${runs}; billed period ${start}–${end}: ${total - inside} of ${total} day(s) outside`
    // A contract with a price list governs only its SKUs: another line (goods under another
    // agreement) is not billed outside this one.
    const priced = new Set(contract.prices.map((p) => p.sku))
    const governs = scope.lines.some((l) => priced.has(l.sku)) ? (sku: string) => priced.has(sku) : () => true
    const findings = scope.lines.map((line) =>
      lineFinding('contract_terms', line, {
        evidence: governs(line.sku) ? words : `contract ${contract.id} does not cover ${line.sku}`,
        documentId: contract.id,
        amount: governs(line.sku)
          ? prorate(lineGross(line, currency), BigInt(total - inside), BigInt(total))
          : zero(currency),
      }),
    )
    return { ...result(findings, ['contract']), rootCause: 'billed_outside_contract_term' }
  }
  const termDays = daysBetween(inv.issueDate, inv.dueDate)
  const wrong = [
    ...(termDays !== contract.paymentTermsDays
      ? [`payment terms ${termDays} days where the contract sets ${contract.paymentTermsDays}`]
      : []),
    ...(inv.currency !== contract.currency
      ? [`currency ${inv.currency} where the contract sets ${contract.currency}`]
      : []),
  ]
  const f = finding('contract_terms', {
    target: { kind: 'invoice' },
    billed: `${inv.number} issued ${inv.issueDate}, due ${inv.dueDate}, period ${start}–${end}, ${inv.currency}`,
    evidence: wrong.length ? `${runs}; ${wrong.join('; ')}` : `${runs}; billed within it on its terms`,
    documentId: contract.id,
    amount: zero(currency),
    supports: wrong.length > 0,
  })
  if (!wrong.length) return result([f], ['contract'])
  return {
    ...result([f], ['contract']),
    defect: { code: 'wrong_terms', detail: wrong.join('; ') },
    rootCause: 'billed_outside_contract_term',
  }
}
