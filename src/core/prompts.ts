/**
 * The shapes of the prompt data a lead edits (prompts/): persona, question wording, email templates,
 * prevention playbook and the tone lexicon. Declared once with zod; the Node loader reads the files
 * and validates them here, so a broken edit fails at start-up with the file and field named.
 */
import { z } from 'zod'
import type { DeductionCodes } from './deductions.ts'
import { REASON_CODES, ReasonCode } from './ledger.ts'
import { DOCUMENT_KINDS, ROOT_CAUSES, type RootCause } from './resolution.ts'

export const QUESTION_TOPICS = ['invoice', 'reason', 'documents', 'teams', 'amount', 'deadline', 'erp'] as const
export type QuestionTopic = (typeof QUESTION_TOPICS)[number]

export const QuestionWording = z.strictObject({
  text: z.string().min(1, 'must not be empty'),
  quickReplies: z.array(z.string().min(1)).optional(),
})
export type QuestionWording = z.infer<typeof QuestionWording>

export const Questions = z.strictObject(
  Object.fromEntries(QUESTION_TOPICS.map((t) => [t, QuestionWording])) as Record<QuestionTopic, typeof QuestionWording>,
)
export type Questions = z.infer<typeof Questions>

/** One template per outcome; the reason family is carried by the `reviewed` wording per reason code. */
export const EMAIL_TEMPLATE_KEYS = [
  'credit_full',
  'credit_partial',
  'no_adjustment',
  'needs_info',
  'apply_payment',
  'cancel_and_rebill',
  'write_off',
  'write_off_partial',
  'goodwill',
  // A settlement the specialist chose (settlement-options.ts): extra credit beyond what is supported, or a plan.
  'settlement',
  'payment_plan',
] as const
export type EmailTemplateKey = (typeof EMAIL_TEMPLATE_KEYS)[number]

export const EMAIL_TONES = ['neutral', 'warm', 'firm'] as const
export type EmailTone = (typeof EMAIL_TONES)[number]

/** Every placeholder a template may use; anything else is a typo a lead must hear about. */
export const EMAIL_PLACEHOLDERS = [
  'customerName',
  'companyName',
  'invoiceNumber',
  'invoiceDate',
  /** " (your order PO-4471)" when the invoice carries the customer's PO, else nothing. */
  'orderReference',
  'dueDate',
  'disputedAmount',
  'supportedAmount',
  'owedAmount',
  'creditAmount',
  'openBalance',
  'invoiceTotal',
  'targetDate',
  /** Settlements: the extra credit granted, what the customer pays, the instalments as a list. */
  'shareAmount',
  'dueAmount',
  'instalments',
  'reviewed',
  'findings',
  'missingDocuments',
  'greeting',
  'thanks',
  'apology',
  'payRequest',
  'closing',
  'signOff',
  'signature',
] as const
export type EmailPlaceholder = (typeof EMAIL_PLACEHOLDERS)[number]

export const EmailTemplate = z.strictObject({
  subject: z.string().min(1, 'the subject line must not be empty'),
  body: z.string().min(1, 'the body must not be empty'),
})
export type EmailTemplate = z.infer<typeof EmailTemplate>

export const ToneWording = z.strictObject({
  greeting: z.string().min(1),
  thanks: z.string(),
  apology: z.string().min(1),
  payRequest: z.string().min(1),
  closing: z.string(),
  signOff: z.string().min(1),
})
export type ToneWording = z.infer<typeof ToneWording>

const record = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>)

export const EmailWording = z.strictObject({
  tones: record(EMAIL_TONES, ToneWording),
  /** What was reviewed, per reason code: "the unit prices on the invoice against your contract". */
  reviewed: record(REASON_CODES, z.string().min(1)),
  /** How a missing document is named to the customer. */
  documents: record(DOCUMENT_KINDS, z.string().min(1)),
  defaultSignature: z.string().min(1),
})
export type EmailWording = z.infer<typeof EmailWording>

export const EmailTemplates = z.strictObject({
  templates: record(EMAIL_TEMPLATE_KEYS, EmailTemplate),
  wording: EmailWording,
})
export type EmailTemplates = z.infer<typeof EmailTemplates>

export const PREVENTION_KINDS = ['checklist', 'automation', 'sop'] as const
export const PreventionItem = z.strictObject({
  kind: z.enum(PREVENTION_KINDS),
  text: z.string().min(1),
})
export type PreventionItem = z.infer<typeof PreventionItem>

export const PreventionPlaybook = z.strictObject({
  /** How each kind is introduced in the list ("Billing checklist", "Automation", "Cross-team SOP"). */
  labels: record(PREVENTION_KINDS, z.string().min(1)),
  /** Every root cause needs at least one suggestion, so no resolution goes without one. */
  rootCauses: record(ROOT_CAUSES, z.array(PreventionItem).min(1, 'give at least one suggestion')),
  /** Extra suggestions per reason code, added after the root cause's. */
  reasons: z.partialRecord(ReasonCode, z.array(PreventionItem)),
})
export type PreventionPlaybook = z.infer<typeof PreventionPlaybook>

export const ToneLexicon = z.strictObject({
  description: z.string().optional(),
  banned: z.array(z.string().trim().min(2)).min(1),
})
export type ToneLexicon = z.infer<typeof ToneLexicon>

export interface Prompts {
  persona: string
  questions: Questions
  emails: EmailTemplates
  prevention: PreventionPlaybook
  /** Phrases no customer email may contain (blaming or emotionally charged). */
  lexicon: string[]
  /** Customers' deduction reason codes → ours (deduction-codes.json); absent: every reason is read from its words. */
  deductionCodes?: DeductionCodes
}

export type { RootCause }

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? ''))]
}

export type TemplateProblem =
  | { code: 'unknown_placeholder'; placeholder: string; message: string }
  | { code: 'malformed_placeholder'; message: string }

/** Unknown `{{names}}` and stray braces in a template, reported without rendering it. */
export function templateProblems(template: string, known: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  for (const name of placeholdersOf(template)) {
    if (!known.includes(name)) {
      problems.push({
        code: 'unknown_placeholder',
        placeholder: name,
        message: `unknown placeholder {{${name}}}; known: ${known.join(', ')}`,
      })
    }
  }
  const rest = template.replace(PLACEHOLDER_RE, '')
  if (rest.includes('{{') || rest.includes('}}')) {
    problems.push({ code: 'malformed_placeholder', message: 'a "{{" or "}}" does not form a {{name}} placeholder' })
  }
  return problems
}

/**
 * Fills `{{name}}` placeholders. An unknown placeholder is a bug in the template or the caller, so
 * it throws rather than sending a customer an email with a hole in it.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER_RE, (_, name: string) => {
    const value = vars[name]
    if (value === undefined) throw new Error(`template uses unknown placeholder {{${name}}}`)
    return value
  })
}

/** Lexicon phrases found in a text, case-insensitively. */
export function bannedPhrases(text: string, lexicon: readonly string[]): string[] {
  const lower = text.toLowerCase()
  return lexicon.filter((phrase) => lower.includes(phrase.toLowerCase()))
}

export interface PromptIssue {
  /** The file under prompts/ the problem is in. */
  file: string
  path: string
  message: string
}

/**
 * Checks that goes beyond each file's shape: templates use known placeholders and no template or
 * tone wording carries a banned phrase. Pure, so tests and the loader share it.
 */
export function checkEmailTemplates(
  emails: EmailTemplates,
  lexicon: readonly string[],
  fileOf: (key: EmailTemplateKey | 'wording') => string,
): PromptIssue[] {
  const issues: PromptIssue[] = []
  for (const key of EMAIL_TEMPLATE_KEYS) {
    const t = emails.templates[key]
    for (const part of ['subject', 'body'] as const) {
      for (const p of templateProblems(t[part], EMAIL_PLACEHOLDERS)) {
        issues.push({ file: fileOf(key), path: part, message: p.message })
      }
      for (const phrase of bannedPhrases(t[part], lexicon)) {
        issues.push({ file: fileOf(key), path: part, message: `contains the banned phrase "${phrase}"` })
      }
    }
  }
  for (const tone of EMAIL_TONES) {
    for (const [field, text] of Object.entries(emails.wording.tones[tone])) {
      for (const p of templateProblems(text, EMAIL_PLACEHOLDERS)) {
        issues.push({ file: fileOf('wording'), path: `tones.${tone}.${field}`, message: p.message })
      }
      for (const phrase of bannedPhrases(text, lexicon)) {
        issues.push({
          file: fileOf('wording'),
          path: `tones.${tone}.${field}`,
          message: `contains the banned phrase "${phrase}"`,
        })
      }
    }
  }
  return issues
}
