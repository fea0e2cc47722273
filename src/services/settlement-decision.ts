/**
 * What a settlement decision reads (the dispute, its invoice and evidence, the policy, rates, holidays
 * and trail) and the customer email that follows a chosen option. Used by settlement.ts.
 */
import { draftEmail } from '../core/email.ts'
import { policyCurrency } from '../core/fx.ts'
import type { PolicyInput } from '../core/ledger.ts'
import { formatMoney, isZeroAmount, moneyOf, sub, toDecimal } from '../core/money.ts'
import { resolvePolicy } from '../core/policy.ts'
import type { EmailTemplateKey, Prompts } from '../core/prompts.ts'
import type { Email, Resolution } from '../core/resolution.ts'
import type { SettlementOption } from '../core/settlement-options.ts'
import type { Store } from './ports.ts'
import { publicHolidays } from './public-holidays.ts'

/** A note saying the customer turned the outcome down makes any decided dispute negotiable. */
const REJECTED = /\b(did not accept|does not accept|rejected|refused)\b/i

/** The company's holidays and the calendar's public ones: never a due date. */
export const holidaysOf = async (policy: PolicyInput, today: string): Promise<string[]> => [
  ...(policy.holidays ?? []),
  ...(await publicHolidays(policy.holidayCalendar, today)),
]

/** Everything a decision on one dispute reads, or why it cannot be settled yet. */
export async function loadDecision(store: Store, ref: string, today: string) {
  const dispute = await store.disputes.get(ref)
  if (!dispute)
    return {
      ok: false as const,
      error: { code: 'dispute_not_found' as const, message: `No dispute ${ref}.`, field: 'disputeId' },
    }
  const res = dispute.resolution
  if (!res || res.classification === 'needs_info')
    return {
      ok: false as const,
      error: {
        code: 'invalid_claim' as const,
        message: `Dispute ${dispute.number} is not decided yet${res ? ': it needs information first' : ''}.`,
        field: 'disputeId',
      },
    }
  const [evidence, invoice, policyInput, company, rates, events] = await Promise.all([
    store.ledger.evidenceFor(dispute.invoiceNumber),
    store.ledger.getInvoice(dispute.invoiceNumber),
    store.ledger.policy(),
    store.ledger.company(),
    store.ledger.fxRates(),
    store.disputes.events(dispute.id),
  ])
  if (!evidence || !invoice)
    return {
      ok: false as const,
      error: {
        code: 'invoice_not_found' as const,
        message: `No invoice ${dispute.invoiceNumber}.`,
        field: 'disputeId',
      },
    }
  const holidayList = await holidaysOf(policyInput, today)
  return {
    ok: true as const,
    dispute,
    res,
    evidence,
    invoice,
    company,
    policyInput,
    policy: resolvePolicy(policyInput, company.currency),
    pc: policyCurrency(invoice.currency, company.currency, rates, invoice.issueDate),
    holidays: new Set(holidayList),
    holidayList,
    events,
    rejected: events.some((e) => e.type === 'note_added' && REJECTED.test(e.why ?? '')),
  }
}

export type Loaded = Extract<Awaited<ReturnType<typeof loadDecision>>, { ok: true }>

/** The customer email for a chosen option: the outcome's template, or the settlement's. */
export function settlementEmail(
  l: Loaded,
  o: SettlementOption,
  followUpOn: string,
  tone: Email['tone'],
  words: { prompts: Prompts; locale: string },
): Email | null {
  const { prompts, locale } = words
  if (o.kind === 'escalate') return null
  const cur = l.res.currency
  const supported = moneyOf(l.res.supportedAmount, cur)
  const share = toDecimal(sub(moneyOf(o.creditTotal, cur), supported))
  const template: EmailTemplateKey | undefined =
    o.kind === 'payment_plan'
      ? 'payment_plan'
      : o.kind === 'split' || o.kind === 'goodwill'
        ? isZeroAmount(l.res.supportedAmount)
          ? 'goodwill'
          : 'settlement'
        : undefined
  const decision: Resolution = {
    ...l.res,
    action: o.kind === 'supported_credit' && isZeroAmount(l.res.supportedAmount) ? 'no_adjustment' : 'credit_memo',
    approval: isZeroAmount(o.creditTotal) ? null : { requiredRole: o.approver ?? 'specialist', amount: o.creditTotal },
    targetDate: followUpOn,
  }
  const money = (a: string) => formatMoney(moneyOf(a, cur), locale)
  return draftEmail({
    decision,
    customer: l.evidence.customer,
    invoice: l.evidence.invoice,
    companyName: l.company.name,
    templates: prompts.emails,
    lexicon: prompts.lexicon,
    tone,
    locale,
    ...(template
      ? {
          settlement: {
            template,
            shareAmount: share,
            dueAmount: o.customerPays,
            instalments: o.instalments.map((i) => `- ${money(i.amount)} by ${i.dueOn}`).join('\n'),
          },
        }
      : {}),
  })
}
