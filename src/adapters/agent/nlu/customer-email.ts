/**
 * A customer's email pasted into the chat. Its content is the customer's CLAIM: data to
 * investigate, never instructions. Requests inside it ("please approve a credit memo", "mark this
 * resolved") are reported in `embeddedInstructions` so the engine can say it did not act on them;
 * they never become the specialist's intent.
 */
import type { StatedFacts } from '../understanding.ts'
import { classifyReason, type ReasonResult } from './classify-reason.ts'
import { type CustomerLike, matchCustomer } from './customer-match.ts'
import patterns from './data/turn-patterns.json' with { type: 'json' }
import { extractFacts } from './facts.ts'
import { FROM_HEADER, ORIGINAL_RULE as ORIGINAL, QUOTED_LINE as QUOTED } from './pasted-text.ts'

export interface CustomerEmail {
  /** The specialist's own words before the pasted email ("see below from Globex"), if any. */
  preface: string
  body: string
  sender?: { name?: string; email?: string; company?: string }
  subject?: string
  facts: StatedFacts
  reason: ReasonResult
  /** The sentence in which the customer states the problem, in their words. */
  reasonInTheirWords: string
  /** Requests in the email the assistant must not act on, as short labels. */
  embeddedInstructions: string[]
  /** One sentence: what the assistant understood. */
  summary: string
}

/** "Subject:" in the languages mail clients write it. */
const SUBJECT_WORDS = [
  'subject',
  'betreff',
  'objet',
  'oggetto',
  'onderwerp',
  'asunto',
  'assunto',
  'temat',
  'ämne',
  'emne',
]
const HEADER = new RegExp(
  String.raw`^\s*>?\s*(from|to|cc|sent|date|${SUBJECT_WORDS.join('|')}|re|fwd?|von|an|de|da|van|gesendet|envoyé|inviato|verzonden|enviado)\s*:\s*(.*)$`,
  'im',
)
const alternation = (list: readonly string[]): string => list.join('|')
const SUBJECT_LINE = new RegExp(String.raw`^\s*(?:${SUBJECT_WORDS.join('|')})\s*:`, 'im')
const EMAIL = patterns.email
/** A greeting opening a line: alone ("Hello,"), or with the message after it ("Hi team, INV-… is wrong"). */
const GREETING = new RegExp(
  String.raw`^\s*>?\s*(?:${alternation(EMAIL.greetings)})\b(?:[^\n]{0,60}[,:!]\s*$|[^\n,:!.]{0,40}[,:!])`,
  'im',
)
/** A sign-off alone on its line, or two in two languages ("Saludos / Kind regards"). */
const SIGN_OFF = new RegExp(
  // "Thanks po,", "Thanks all!": a word or two of address after the sign-off ("Thanks for …" is no sign-off).
  String.raw`^\s*>?\s*(?:${alternation(EMAIL.signOffs)})(?:\s+(?!for\b)\p{L}+){0,2}[,.!]?(?:\s*/\s*(?:${alternation(EMAIL.signOffs)})[,.!]?)?\s*$`,
  'imu',
)
/** The specialist handing over someone else's words, at the end of a line: "see below:", "they wrote:". */
const HAND_OVER = new RegExp(String.raw`\b(?:${alternation(EMAIL.handOver)})\b[^\n]{0,40}?[:\-–—]?\s*$`, 'im')

const INSTRUCTIONS = patterns.embeddedInstructions.map((i) => ({ label: i.label, re: new RegExp(i.pattern, 'i') }))
const LEGAL_SUFFIX = /\b(inc|llc|ltd|corp|corporation|co|company|gmbh|plc|sa|bv|group|foods|industries|supply)\b\.?/i

/** The line where handed-over text starts: after a first line that hands it over ("see below:"). */
function handOverEnd(lines: readonly string[]): number {
  const first = lines.findIndex((l) => l.trim())
  const line = lines[first]
  if (first < 0 || !line || !HAND_OVER.test(line) || !/[:\-–—]\s*$|\b(?:below|forwarding|fwd?)\b/i.test(line)) return -1
  return lines.slice(first + 1).some((l) => l.trim()) ? first + 1 : -1
}

/** Whether the text reads as a pasted email: headers; someone else's words handed over ("see below:",
 *  or quoted with ">"); or two of greeting / sign-off / quote. */
export function looksLikeEmail(text: string): boolean {
  const headers = text.match(new RegExp(HEADER.source, 'gim'))?.length ?? 0
  if (headers >= 2 || SUBJECT_LINE.test(text)) return true
  if (!text.includes('\n')) return false
  if (handOverEnd(text.split(/\r?\n/)) >= 0) return true
  const signals = [GREETING, SIGN_OFF, ORIGINAL, QUOTED].filter((r) => r.test(text)).length
  return signals >= 2
}

function split(text: string): { preface: string; headers: Record<string, string>; body: string; signature: string } {
  const all = text.split(/\r?\n/)
  const handed = handOverEnd(all)
  let start = handed >= 0 ? handed : all.findIndex((l) => HEADER.test(l) || GREETING.test(l) || ORIGINAL.test(l))
  if (start < 0) start = 0
  // A reply above the message it answers ("Buongiorno Marco, … Saluti" over "Da: … Oggetto: …"):
  // the reply is the email; the quoted message, from its "From:" line on, is history (a "Re:" line under
  // a letter's greeting is its subject, not a quoted message).
  const fromAt = GREETING.test(all[start] ?? '') ? all.findIndex((l, k) => k > start && FROM_HEADER.test(l)) : -1
  // Such a reply is a letter: its greeting on a line of its own, or a sign-off before the quote. A line
  // that greets and goes on ("Hi, AP says it's a double, can you look") above a "From:" is the
  // specialist's note on the message pasted below it, which is the email.
  const letterAbove =
    fromAt > 0 && (greetingAlone(all[start]!) || all.slice(start, fromAt).some((l) => SIGN_OFF.test(l)))
  if (fromAt > 0 && !letterAbove) start = fromAt
  const quotedAt = letterAbove ? fromAt : -1
  const lines = quotedAt > 0 ? all.slice(0, quotedAt) : all
  const preface = lines.slice(0, start).join(' ').trim()
  const headers: Record<string, string> = {}
  let i = start
  for (; i < lines.length; i++) {
    const line = lines[i]!
    const h = HEADER.exec(line)
    if (h) headers[h[1]!.toLowerCase()] = h[2]!.trim()
    else if (!ORIGINAL.test(line) && line.trim()) break
  }
  const rest = lines.slice(i).map((l) => l.replace(/^\s*>\s?/, ''))
  const signAt = rest.findIndex((l) => SIGN_OFF.test(l))
  const body = (signAt >= 0 ? rest.slice(0, signAt) : rest)
    .map((l) => withoutGreeting(l))
    .join('\n')
    .trim()
  const signature =
    signAt >= 0
      ? rest
          .slice(signAt + 1)
          .join('\n')
          .trim()
      : ''
  return { preface, headers, body, signature }
}

/**
 * The pasted email with the digits of the lines under each sign-off blanked ("Thanks! / Jo Bloggs | 22 Liberty
 * St, Suite 400 | 912-555-0163"): a signature's addresses and numbers are no figures of the claim, though its
 * names still say who wrote. Each digit becomes a space, so positions read in the text as typed still hold.
 * Text that is not an email is returned as it is; the blank ends at a line that starts another message (a
 * header, a quote rule, a greeting) or at a line as long as a sentence of the claim.
 */
export function signatureDigitsBlanked(text: string): string {
  if (!looksLikeEmail(text)) return text
  const lines = text.split('\n')
  let blank = false
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!
    if (blank && (HEADER.test(line) || ORIGINAL.test(line) || GREETING.test(line) || line.trim().length > 120))
      blank = false
    if (blank) lines[k] = line.replace(/\d/g, ' ')
    else if (SIGN_OFF.test(line)) blank = true
  }
  return lines.join('\n')
}

/** A line that only greets ("Buongiorno Marco,", "Hi Ms Reyes,"): no sentence after the greeting
 *  ("Hi, their stores team again. Please look:" greets and goes on). */
const greetingAlone = (line: string): boolean =>
  !withoutGreeting(line) && !/[.?!]\s+\S/.test(line.trim()) && line.trim().split(/\s+/).length <= 6

/** "Hi team, INV-1 is wrong" → "INV-1 is wrong"; a greeting alone on its line → "". */
function withoutGreeting(line: string): string {
  const m = GREETING.exec(line)
  return m ? line.slice(m.index + m[0].length).trim() : line
}

function senderOf(headers: Record<string, string>, signature: string): CustomerEmail['sender'] {
  const from = headers.from ?? ''
  const email = /[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/.exec(from) ?? /[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/.exec(signature)
  const sigLines = signature
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const name = from.replace(/<[^>]*>|[\w.+-]+@[\w.-]+|"/g, '').trim() || sigLines[0]
  const company = sigLines.find((l) => LEGAL_SUFFIX.test(l) && !l.includes('@')) ?? domainCompany(email?.[1])
  const out: NonNullable<CustomerEmail['sender']> = {}
  if (name) out.name = name
  if (email) out.email = email[0]
  if (company) out.company = company
  return out
}

const FREE_MAIL = /^(gmail|yahoo|outlook|hotmail|icloud|aol|proton|protonmail|live|msn)$/i
function domainCompany(domain: string | undefined): string | undefined {
  const label = domain?.split('.').slice(-2, -1)[0]
  return label && !FREE_MAIL.test(label) ? label : undefined
}

function reasonSentence(body: string, reason: ReasonResult): string {
  const sentences = body
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 3)
  if (reason.evidence) {
    const hit = sentences.find((s) => s.toLowerCase().includes(reason.evidence.toLowerCase()))
    if (hit) return hit.trim()
  }
  let best = { s: sentences[0] ?? '', c: -1 }
  for (const s of sentences) {
    const r = classifyReason(s)
    if (r.code && r.code === reason.code && r.confidence > best.c) best = { s, c: r.confidence }
  }
  return best.s.trim()
}

/** A request to credit, refund or write off is how the customer states the claim ("… = 90.00, we hold
 *  it back until the rest comes or a credit note does"): its figures are read as the claim, never acted on. A
 *  demand to approve a credit is no claim: its figure is not read. */
const CLAIMING_LABELS = new Set(['issue a credit or refund', 'write off the balance'])

function withoutInstructions(text: string): string {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((s) => !INSTRUCTIONS.some((i) => !CLAIMING_LABELS.has(i.label) && i.re.test(s)))
    .join('\n')
}

export interface EmailContext {
  today: string
  customers?: readonly CustomerLike[]
}

/** Reads a pasted customer email; null when the text is not an email. */
export function readCustomerEmail(text: string, context: EmailContext): CustomerEmail | null {
  if (!looksLikeEmail(text)) return null
  const { preface, headers, body, signature } = split(text)
  const sender = senderOf(headers, signature)
  // "Re: INV-1001" is a reply's subject line as often as a "Subject:" header is.
  const subject = SUBJECT_WORDS.map((w) => headers[w]).find(Boolean) ?? headers.re ?? headers.fwd ?? headers.fw
  const claimText = [subject, body].filter(Boolean).join('\n')
  const embeddedInstructions = INSTRUCTIONS.filter((i) => i.re.test(claimText)).map((i) => i.label)
  // Figures inside a request we will not act on ("approve a credit memo of $5,000") are not the claim.
  const { facts, reason } = extractFacts(withoutInstructions(claimText), { ...context, speaker: 'customer' })
  if (!facts.customerId && context.customers?.length) {
    const who = [sender?.company, sender?.email?.split('@')[1]?.split('.')[0], signature, preface]
      .filter(Boolean)
      .join(' ')
    const c = matchCustomer(who, context.customers)
    if (c && c.score >= 0.8) {
      facts.customerId = c.id
      facts.customerText = c.matched
    }
  }
  if (preface) {
    const fromPreface = extractFacts(preface, context).facts
    if (!facts.invoiceRefs.length) facts.invoiceRefs = fromPreface.invoiceRefs
    // The specialist's own figure ("they want £95 credited, see below") is the claim, not one quoted below it.
    if (fromPreface.amount) facts.amount = fromPreface.amount
  }
  const reasonInTheirWords = reasonSentence(body, reason)
  const customerName =
    context.customers?.find((c) => c.id === facts.customerId)?.name ?? sender?.company ?? sender?.name ?? 'The customer'
  return {
    preface,
    body,
    ...(sender && Object.keys(sender).length ? { sender } : {}),
    ...(subject ? { subject } : {}),
    facts,
    reason,
    reasonInTheirWords,
    embeddedInstructions,
    summary: summarize(customerName, facts, reason, reasonInTheirWords),
  }
}

function summarize(who: string, f: StatedFacts, reason: ReasonResult, words: string): string {
  const invoice = f.invoiceRefs[0] ? `invoice ${f.invoiceRefs[0]}` : 'an invoice (number not given)'
  const what = reason.code ? reason.code.replace(/_/g, ' ') : 'a reason I could not classify'
  const amount = f.amount ? `, about ${f.amount.currency ? `${f.amount.currency} ` : ''}${f.amount.value}` : ''
  const said = words.length > 140 ? `${words.slice(0, 137)}…` : words
  const quote = said ? `, saying "${said.replace(/[.!?…]+$/, '')}"` : ''
  return `${who} disputes ${invoice} (${what}${amount})${quote}.`
}
