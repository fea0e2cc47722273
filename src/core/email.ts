/**
 * The customer email, drafted from the decision's fields and the lead's templates only. Customer
 * text never reaches the email, so nothing a customer wrote can steer it; the tone changes wording,
 * never figures. An apology appears when and only when the company is at fault (valid or partial).
 */
import type { Customer, Invoice } from './ledger.ts'
import { formatMoney, moneyOf } from './money.ts'
import { bannedPhrases, type EmailTemplateKey, type EmailTemplates, type EmailTone, renderTemplate } from './prompts.ts'
import type { Decision, Email } from './resolution.ts'

export interface DraftEmailInput {
  decision: Decision
  customer: Pick<Customer, 'name'>
  invoice: Pick<Invoice, 'number' | 'issueDate' | 'dueDate' | 'poNumber'>
  companyName: string
  templates: EmailTemplates
  tone: EmailTone
  locale?: string
  signature?: string
  /** When given, a template part carrying a banned phrase is a bug (the loader rejects such files). */
  lexicon?: readonly string[]
  /** A chosen settlement: its template and figures instead of the outcome's (settlement-options.ts). */
  settlement?: { template: EmailTemplateKey; shareAmount?: string; dueAmount?: string; instalments?: string }
}

/** Which template an outcome uses: the action decides, the classification refines. */
export function templateKeyFor(decision: Pick<Decision, 'action' | 'classification'>): EmailTemplateKey {
  if (decision.classification === 'needs_info') return 'needs_info'
  switch (decision.action) {
    case 'credit_memo':
      return decision.classification === 'partial' ? 'credit_partial' : 'credit_full'
    case 'cancel_and_rebill':
      return 'cancel_and_rebill'
    case 'apply_payment':
      return 'apply_payment'
    case 'write_off':
      return decision.classification === 'partial' ? 'write_off_partial' : 'write_off'
    case 'goodwill_credit':
      return 'goodwill'
    case 'request_information':
      return 'needs_info'
    case 'no_adjustment':
      return 'no_adjustment'
  }
}

export function companyAtFault(decision: Pick<Decision, 'classification'>): boolean {
  return decision.classification === 'valid' || decision.classification === 'partial'
}

/** "March 27, 2026" (en-US): a written-out date nobody misreads as day/month. */
export function formatDate(date: string, locale = 'en-US'): string {
  let fmt = DATE_FORMATS.get(locale)
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    DATE_FORMATS.set(locale, fmt)
  }
  return fmt.format(new Date(`${date}T00:00:00Z`))
}
/** One formatter per locale: building one costs far more than formatting with it. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>()

export function draftEmail(input: DraftEmailInput): Email {
  const { decision: d, templates, tone } = input
  const locale = input.locale ?? 'en-US'
  const money = (amount: string) => formatMoney(moneyOf(amount, d.currency), locale)
  const wording = templates.wording
  const toneWords = wording.tones[tone]
  const key = input.settlement?.template ?? templateKeyFor(d)
  const template = templates.templates[key]

  const supporting = d.findings.filter((f) => f.supportsCustomer)
  const figures: Record<string, string> = {
    customerName: input.customer.name,
    companyName: input.companyName,
    invoiceNumber: d.invoiceNumber,
    invoiceDate: formatDate(input.invoice.issueDate, locale),
    // The customer's own order number, which their AP team files the invoice under.
    orderReference: input.invoice.poNumber ? ` (your order ${input.invoice.poNumber})` : '',
    dueDate: formatDate(input.invoice.dueDate, locale),
    disputedAmount: money(d.disputedAmount),
    supportedAmount: money(d.supportedAmount),
    owedAmount: money(d.owedAmount),
    creditAmount: money(d.approval?.amount ?? d.supportedAmount),
    openBalance: money(d.openBalance),
    invoiceTotal: money(d.invoiceTotal),
    targetDate: formatDate(d.targetDate, locale),
    shareAmount: input.settlement?.shareAmount ? money(input.settlement.shareAmount) : '',
    dueAmount: input.settlement?.dueAmount ? money(input.settlement.dueAmount) : '',
    instalments: input.settlement?.instalments ?? '',
    reviewed: wording.reviewed[d.reasonCode],
    findings: (supporting.length ? supporting : d.findings)
      .map((f) => `- ${f.billed}; ${f.evidence} (${f.documentId})`)
      .join('\n'),
    missingDocuments: d.missingDocuments.map((k) => `- ${wording.documents[k]}`).join('\n'),
    signature: input.signature ?? renderTemplate(wording.defaultSignature, { companyName: input.companyName }),
  }
  // Tone wording may itself use figures ("by {{targetDate}}"), so it is filled first.
  const toneVars: Record<string, string> = {}
  for (const [name, text] of Object.entries(toneWords)) toneVars[name] = renderTemplate(text, figures)
  if (!companyAtFault(d)) toneVars.apology = ''

  if (input.lexicon) {
    const parts = [template.subject, template.body, ...Object.values(toneWords)]
    const hits = parts.flatMap((p) => bannedPhrases(p, input.lexicon ?? []))
    if (hits.length) throw new Error(`email template ${key} carries banned phrasing: ${hits.join(', ')}`)
  }

  const vars = { ...figures, ...toneVars }
  return {
    subject: tidy(renderTemplate(template.subject, vars)).replace(/\s+/g, ' '),
    body: tidy(renderTemplate(template.body, vars)),
    tone,
  }
}

/** Empty placeholders (no apology, no findings) must not leave holes or double spaces behind. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/[ \t]+$/, '')
        .replace(/^ (?=\S)/, ''),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
