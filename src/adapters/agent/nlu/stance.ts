/**
 * The speaker's stance on handling a claim, told apart from the claim itself (a reported demand
 * the specialist does not agree to is still the customer's claim, with the customer's reason).
 */
import { glossToEnglish } from './gloss.ts'

/**
 * Clauses where the speaker states how they will handle the matter ("I'm not agreeing to that",
 * "don't change anything yet"), with no object but a pronoun: they say nothing of why the customer
 * disputes, yet their negations would read to the reason model like a customer's denial of a
 * charge. The reason is read without them; a clause that names its object ("we don't accept the
 * late fee") is kept.
 */
export function withoutStance(text: string): string {
  return withoutClauses(text, STANCE)
}

/** Where a clause ends: its punctuation (never inside a figure, "50,000"), a line break or a dash set off by spaces. */
// A sentence that ends on a figure ("… on KR-2095. They paid …") ends there too.
const CLAUSE_END = String.raw`(?<!\d)[.!?;,]+(?!\d)\s*|[.!?;]+\s+(?=\p{Lu})|\n+|\s+[-–—]\s+`
const CLAUSE_SPLIT = new RegExp(CLAUSE_END, 'u')
/** The same, keeping each clause's punctuation (at the odd indexes of a split). */
const CLAUSE_SPLIT_KEPT = new RegExp(`(${CLAUSE_END})`, 'u')

/** The text without the clauses any pattern matches; the text as typed when none or all match. */
export function withoutClauses(text: string, patterns: readonly RegExp[], options: { glossed?: boolean } = {}): string {
  // Clauses with the punctuation after each (odd indexes), never cut inside a figure ("50,000").
  const parts = text.split(CLAUSE_SPLIT_KEPT)
  let out = ''
  let dropped = false
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i] ?? ''
    const typed = clause.trim()
    const read = (re: RegExp) => re.test(typed) || (options.glossed === true && re.test(glossToEnglish(typed)))
    if (patterns.some(read)) dropped = true
    else out += clause + (parts[i + 1] ?? '')
  }
  return dropped && out.trim() ? out.trim() : text
}
/** The clauses of a text, in order, never cut inside a figure ("50,000"). */
export function clausesOf(text: string): string[] {
  return text
    .split(CLAUSE_SPLIT)
    .map((c) => c.trim())
    .filter(Boolean)
}
/** The clauses of a text that match one of the patterns ("the washing is fine" of "the washing is fine, it's the ironing"). */
export function clausesMatching(text: string, patterns: readonly RegExp[]): string[] {
  return clausesOf(text).filter((c) => patterns.some((re) => re.test(c)))
}
const PRONOUN_OBJECT = String.raw`(?:that|this|it|anything|any of (?:that|this|it))(?:\s+(?:yet|now|for now|just yet|today))?[\s.!?;,]*$`
const STANCE = [
  // The speaker's own refusal or restraint: "I'm not doing that", "we won't agree to it".
  new RegExp(
    String.raw`^(?:(?:but|and|so|ok|okay|honestly)\s*,?\s+)?(?:i|we)(?:'m|’m| am|'re|’re| are|'ll|’ll| will)?\s+(?:not|won'?t|won’t|will not|can'?t|can’t|cannot|don'?t|don’t|do not)\s+(?:\w+\s+){0,2}?${PRONOUN_OBJECT}`,
    'i',
  ),
  // An instruction to hold off: "don't do anything yet", "please do not change it".
  new RegExp(
    String.raw`^(?:(?:but|and|so|please)\s+)*(?:don'?t|don’t|do not)\s+(?:\w+\s+){0,2}?${PRONOUN_OBJECT}`,
    'i',
  ),
]

/**
 * Clauses that set a matter aside ("just so you know, the client is not querying the rate", "the unit price
 * is fine"): what the customer does not dispute is no evidence of what they do. The reason is read
 * from the rest, when any is left.
 */
export function withoutSetAsideClauses(text: string): string {
  // "he's fine with the deliveries but the surcharge is new to him": the part accepted before "but" goes too.
  const cut = text.replace(ACCEPTED_THEN_BUT, (all, head: string) => (ACCEPTS.test(head) ? '' : all))
  // In the customer's language too ("den Rest haben wir überwiesen"): each clause is also read in its gloss.
  return withoutClauses(cut, SET_ASIDE, { glossed: true })
}
/** The speaker or customer content with a part of the bill: "they're fine with the hours", "she's ok w/ the rate". */
const ACCEPTS =
  /^\s*(?:(?:but|and|so)\s+)?(?:they|we|he|she|i|the customer|the client|cust(?:omer)?)(?:'re|’re| are| is|'s|’s| am|'m|’m)?\s+(?:fine|ok|okay|happy|good|satisfied|content)\s+(?:with|w\/)\s/i
const ACCEPTED_THEN_BUT = /(?<=^|[.!?;,\n]\s*)((?:[^.!?;,\n]|(?<=\d)[.,](?=\d))*?\s)but\s+/gi
/** A part of the claim taken back by name ("forget the panel price", "drop the freight part", "ignore the
 *  late fee"): never "forget it" or the whole claim, which withdraw it all. */
const PART_TAKEN_BACK = [
  /^(?:(?:ok|okay|so|and|but|actually|update)\s*[,:]?\s+)?(?:please\s+)?(?:forget(?:\s+about)?|drop|ignore|scratch|scrap|disregard|leave\s+out|take\s+out)\s+(?:the|their|that)\s+(?!(?:whole|entire|claim|dispute|query|complaint|invoice|bill|thing|lot|rest|amount|figure|number|total|sum|last)\b)[\w'’-]+(?:\s+[\w'’-]+){0,3}\s*$/i,
]
const SET_ASIDE = [
  ACCEPTS,
  // "Disregard the interest, our credit team is dealing with that": a part named and left out of the claim.
  ...PART_TAKEN_BACK,
  /\b(?:is|are|'s|’s)\s+(?:already\s+)?(?:handling|dealing\s+with|looking\s+after|chasing)\s+(?:that|it|this|those|them)\s*$/i,
  // "that one is sorted now", "the other has been dealt with": a matter closed already.
  /\b(?:is|are|was|were|'s|’s|has\s+been|have\s+been)\s+(?:already\s+|now\s+)?(?:sorted(?:\s+out)?|resolved|dealt\s+with|taken\s+care\s+of|cleared\s+up)(?:\s+(?:already|now))?\s*$/i,
  // "don't chase that one", "leave it": the speaker sets the matter just named aside.
  /^(?:(?:but|and|so|please)\s+)*(?:(?:don'?t|don’t|do not|no need to)\s+(?:chase|pursue|worry about|bother with)|leave|ignore|skip)\s+(?:that|this|it)(?:\s+one)?(?:\s+(?:alone|out))?\s*$/i,
  /^(?:(?:to be clear|just to be clear|note|but|and|so)\s*,?\s+)?(?:(?:they|we|the customer|the client|he|she|i)(?:'re|’re| are| is|'s|’s| am|'m|’m)?\s+)?(?:not|no longer|never)\s+(?:\w+\s+)?(?:disputing|questioning|contesting|challenging|querying|arguing about)\b/i,
  // "they paid for the labour portion already": the part of the bill settled, not the part disputed.
  /\bpaid\s+(?:for\s+)?(?:the|their|its)\s+(?:[\w-]+\s+){0,4}?(?:portion|part|rest|remainder)\b/i,
  // "the remainder of that bill was paid": what was paid beside the part disputed.
  /\b(?:the\s+)?(?:rest|remainder)\s+(?:(?:[\w']+\s+){0,2}?(?:invoice|bill)\s+)?(?:is|was|has\s+been|have\s+been)\s+(?:already\s+)?paid\b/i,
  // "The videographer charges are agreed.": a part of the bill accepted.
  /\b(?:is|was|are|were)\s+(?:(?:paid|settled|done)\s+and\s+)?(?:fine|correct|right|ok|okay|agreed|accepted|not (?:the )?(?:issue|problem))\s*$/i,
  // "the other one they take up separately": a matter left for another time (not "the banksman was
  // never to be charged separately", which is the claim: a charge billed on its own).
  /\b(?:(?:take|takes|taking|took|taken|handle[sd]?|handling|deal|deals|dealing|dealt|raise[sd]?|raising|discuss(?:es|ed|ing)?|address(?:es|ed|ing)?|sort(?:s|ed|ing)?|follow(?:s|ed|ing)?\s+up|look(?:s|ed|ing)?\s+at|chase[sd]?|chasing)\s+(?:\S+\s+){0,3}?separately|(?:a\s+)?separate\s+(?:matter|issue|question|thread))\b/i,
]

/** What alone is left of the claim ("it is only the fitter's visit now", "only the call-out is in dispute now"). */
const ONLY_THIS_NOW =
  /\b(?:it'?s|it’s|it is|that'?s|that’s)\s+(?:just|only)\s+the\b[^.!?\n]{0,60}\bnow\b|\bnow\s+(?:it'?s|it’s|it is)\s+(?:just|only)\s+the\b|\bonly\s+the\b[^.!?\n]{0,40}\b(?:is|are)\s+(?:still\s+)?(?:in dispute|disputed)\s+now\b/i

/** How a turn restates what is left of a claim: a part of it taken back by name, or only what alone is left. */
export function narrowing(text: string): 'part taken back' | 'only what is left' | undefined {
  if (clausesMatching(text, PART_TAKEN_BACK).length) return 'part taken back'
  return ONLY_THIS_NOW.test(text) ? 'only what is left' : undefined
}

/** The words of a narrowing turn that state the claim left: from the words that say what alone is left
 *  ("… the quote stands. It is only the fitter's visit now, €380"), else all but the parts taken back. */
export function claimLeft(text: string): string {
  const only = ONLY_THIS_NOW.exec(text)
  if (only) return text.slice(only.index).trim()
  return withoutClauses(text, PART_TAKEN_BACK)
}

/** A clause that says a count arrived in full ("the 300 filters arrived complete", "the rest came in
 *  full"; not "only 180 arrived complete"): its count is none of the claim's. */
export const ARRIVED_IN_FULL = [
  /^(?![\s\S]*\b(?:not|never|n't|only|just|missing|short)\b)[\s\S]*\b(?:arrived|came|delivered|received)\s+(?:all\s+)?(?:complete|in full|all there)\b/i,
]

/** A clause that says a day or a unit was in order ("the 12th was fine", "the Tuesday visit did
 *  happen", "the sheets all arrived fine"), with no negation: what it names is not part of the claim. */
export const IN_ORDER = [
  // "the delivery's fine": the copula may be contracted.
  /^(?![\s\S]*\b(?:not|never|no|n't)\b)[\s\S]*(?:\b(?:was|were|is|are)|(?<=\w)['’]s)\s+(?:fine|ok|okay|all right|alright|correct|done|right)\b/i,
  /^(?![\s\S]*\b(?:not|never|no|n't)\b)[\s\S]*\b(?:did|does)\s+(?:happen|come|show|take place|go ahead)\b/i,
  // "the 800 sheets all arrived fine", "the cement came in good condition".
  /^(?![\s\S]*\b(?:not|never|n't)\b)[\s\S]*\b(?:arrived|came|delivered|received)\s+(?:all\s+)?(?:fine|ok|okay|safely|safe|intact|undamaged|in (?:good|perfect) (?:order|condition|shape))\b/i,
  ...ARRIVED_IN_FULL,
]

/** Words that say the customer has taken the claim back, or that there is none to open. */
const NO_DISPUTE = [
  /\b(?:withdr[ae]wn?|retract(?:ed|s)?|dropp(?:ed|ing)|pull(?:ed)? back)\s+(?:the|their|its|his|her|our|this|that)\s+(?:claim|dispute|query|complaint)\b/i,
  /\b(?:claim|dispute|query|complaint)\s+(?:is|was|has been|have been)\s+(?:withdrawn|dropped|retracted)\b/i,
  /\bno (?:dispute|claim)\s+(?:to (?:open|raise|log)|after all|needed|any ?more)\b/i,
  /\bnothing to (?:credit|dispute|open|raise)\b/i,
  // "Nothing in dispute.", "nothing is disputed": not "nothing disputed but the freight".
  /\bnothing\s+(?:is\s+|was\s+)?(?:in\s+dispute|disputed|contested)\b(?!\s+(?:but|except|apart|other\s+than|besides|beyond)\b)/i,
  // "not disputing anything, she only needs the PDF": the bill as a whole not disputed
  /(?:\bnot|n't|\bnever)\s+(?:disputing|contesting|querying|questioning)\s+(?:anything|(?:the|this|that|our|your)\s+(?:bill|invoice))\b/i,
  // "they have no complaint about the amount", "only a question from their AP"
  /\b(?:there(?:'s|’s| is| are)|ha(?:ve|s|d))\s+no\s+(?:complaints?|claims?|disputes?)\b|\b(?:only|just)\s+(?:a|the)\s+question\b/i,
  // "no problem with the bill", "koi problem nahi", "nothing wrong with it": the customer saying there is
  // nothing wrong with it
  /\bnothing\s+(?:wrong|amiss)\s+with\s+(?:it|this|that|the\s+(?:bill|invoice))\b|\b(?:no|not any|koi)\s+(?:problems?|issues?)\s+(?:with|se|on)\s+(?:the\s+|this\s+|that\s+)?(?:bill(?:ing)?|invoice)\b|\b(?:bill|invoice)\s+(?:se\s+)?(?:koi\s+)?problem\s+(?:not|nahi|nahin)\b/i,
  // "… everything else is fine, no issue.", "koi issue nahi": a clause that is only that, ending the message
  /(?:^|[.!?;:,—–-]\s*)(?:no|koi)\s+(?:problems?|issues?|dikkat|shikayat)(?:\s+(?:nahi|nahin|hai|at all))*\s*[.!]?\s*$/i,
  // "no queries on the bill itself", "no complaint with the invoice": the bill as a whole, not a part of it
  /\bno\s+(?:query|queries|complaints?|disputes?|issues?|problems?|objections?)\s+(?:on|about|with|over|regarding|re)\s+(?:the\s+|this\s+|that\s+|our\s+|your\s+)?(?:bill|invoice)(?:\s+itself)?\b(?!\s+(?:but|except|apart|other\s+than)\b)/i,
  // "all good from our end", "everything's sorted now": the customer closing the matter
  /\b(?:all|everything(?:'s| is)?)\s+(?:is\s+)?(?:good|fine|ok|okay|sorted)\s+(?:(?:on|from)\s+(?:our|their|my|his|her)\s+(?:side|end)|now)\b/i,
  // "they paid already, just paperwork": a specialist saying what a message is about
  /\b(?:just|only)\s+(?:paperwork|admin)\b/i,
  // "Not a complaint, only for their files", "it's not a dispute": said of the message itself, not of a part
  // of the bill ("no complaint about the hours" sets a matter aside; the claim is in the rest).
  /(?:^|[.!?;:,—–-]\s*|\b(?:it'?s|this is|that'?s|it is)\s+)(?:no|not a)\s+(?:complaint|claim|dispute|query|queries)(?=\s*(?:[.,;!?)—–-]|$))|\b(?:just|only|purely)\s+for\s+(?:(?:their|our|the|your|his|her)\s+)?(?:records|files|books|information|info|documentation|audit|reference)\b/i,
  // "… just so you know, nothing to do.": a last clause that says nothing is to be done (not "they had
  // nothing to do with that order", which is a claim).
  /(?:^|[.!?;:,—–-]\s*)(?:(?:so\s+)?(?:there(?:'s|’s| is)\s+)?)nothing\s+(?:to\s+do|(?:is\s+)?(?:needed|required))(?:\s+(?:here|for\s+(?:us|you|now)|on\s+(?:our|your)\s+(?:side|end)))?\s*[.!]?\s*$/i,
  // "for us the matter is closed"
  /\b(?:matter|question|questione|issue|case|asunto|dossier)\s+(?:is|es|è|é|est)\s+(?:now\s+)?(?:closed|chius[ao]|cerrad[ao]|fechad[ao]|clos|settled|resolved)\b/i,
]

/**
 * "Harwick withdrew the claim this afternoon; nothing to credit.": the speaker reports that there is no
 * claim, in words of their own or of the customer's language read in English. No dispute is opened
 * on such a message; one that also makes a claim ("… withdrew the first claim, but the pallets …")
 * is read as that claim.
 */
export function saysNoDispute(text: string): boolean {
  const said = (t: string): boolean | undefined => {
    const m = NO_DISPUTE.map((re) => re.exec(t)).find((x) => x !== null)
    // "… withdrew the first claim, but the pallets are short": a claim made after it stands.
    return m ? !CLAIM_AFTER_BUT.test(t.slice(m.index)) : undefined
  }
  // The gloss only where the words as typed say nothing of it: a turn reads this on every message.
  const glossed = () => glossToEnglish(text)
  return (
    said(text) ??
    said(glossed()) ??
    (onlyAsksForADocument(text, glossed()) ||
      onlyAsksWhenDue(glossed()) ||
      onlyThanks(text, glossed()) ||
      onlyConfirmsAPayment(glossed()) ||
      saidAllCorrect(glossed()))
  )
}

/** "no clue which bill the owner means", "not sure which invoice it is": the writer says the invoice
 *  is not known yet, so none is to be taken for it (the customer's only open one included); it is asked. */
const WHICH_NOT_KNOWN = new RegExp(
  [
    // "don't know which one", "not sure which invoice", "no clue which", "can't tell which bill"
    String.raw`\b(?:(?:do|does|did)\s*(?:n'?t|not)|not|no longer)\s+(?:\w+\s+)?(?:know|sure|certain|remember)\s+(?:yet\s+|exactly\s+)?(?:which|what)\s+(?:one|invoice|bill|charge|document)s?\b`,
    String.raw`\bno (?:idea|clue)\s+which\b`,
    String.raw`\b(?:can'?t|cannot|could\s*n'?t)\s+(?:yet\s+)?(?:tell|say|work out)\s+which\s+(?:one|invoice|bill)s?\b`,
    // "never said which bill", "didn't tell us which one"
    String.raw`\b(?:(?:do|does|did|has|have)\s*(?:n'?t|not)|never)\s+(?:say|said|tell|told|mention|mentioned|specify|specified|give|given)\s+(?:me\s+|us\s+)?(?:which|what)\s+(?:one|invoice|bill)s?\b`,
    // "we do not have the invoice number", "she didn't give us the invoice number"
    String.raw`\b(?:did\s*n'?t|did\s+not|never)\s+(?:give|gave|send|sent|pass|passed)\s+(?:me|us|him|her|them)\s+(?:the|an?|any)\s+invoice\s+(?:no\b|number|#|nr\b)`,
    String.raw`\b(?:do|does)\s*(?:n'?t|not)\s+have\s+(?:the|their|his|her|an?|any)\s+invoice\s+(?:no\b|number|#|nr\b)`,
  ].join('|'),
  'i',
)
/** "what would you need of me to start?", "anything more you'd need from my side?": the writer asks how to go on. */
const WHAT_NEEDED =
  /\b(?:what|anything(?:\s+(?:else|more))?)\s+(?:else\s+|more\s+)?(?:do\s+|would\s+|will\s+)?you(?:'d|’d)?\s+need\s+(?:from|of)\s+(?:me|my side|us)\b/i
export const saysInvoiceNotKnown = (text: string): boolean =>
  WHICH_NOT_KNOWN.test(text) || WHICH_NOT_KNOWN.test(glossToEnglish(text))
/** The writer says the invoice is not known yet, or asks what is needed of them: no invoice is taken
 *  for them (the customer's only open one included), it is asked. */
export const leavesInvoiceOpen = (text: string): boolean =>
  saysInvoiceNotKnown(text) || WHAT_NEEDED.test(text) || WHAT_NEEDED.test(glossToEnglish(text))

/** Thanks for something, in the languages claims come in ("gracias por el abono"); a
 *  courtesy ("Merci de corriger la facture", "Agradecemos a correção") thanks for nothing done. */
const THANKS_FOR =
  /\b(?:thanks?(?:\s+(?:you|a lot|so much))?\s+for|gracias\s+por|merci\s+pour|obrigad[oa]s?\s+(?:pel[oa]s?|por)|danke\s+für|grazie\s+per|takk?\s+for|tack\s+för|bedankt\s+voor|dziękuj\w*\s+za|ευχαριστ\w*\s+για)\b/iu
/** A message that only thanks for a thing done (a credit note, a copy, a quick answer), with no word of a
 *  claim in it or its gloss beside that thing and nothing asked, opens no dispute. */
function onlyThanks(text: string, glossed: string): boolean {
  return (
    (THANKS_FOR.test(text) || THANKS_FOR.test(glossed)) &&
    !/\?/.test(text) &&
    !CLAIM_WORDS.test(glossed.replace(/\bcredit notes?\b/gi, ' ')) &&
    !/\b(?:instead|please|pls|but|however)\b/i.test(glossed)
  )
}

/** "they need a receipt showing it cleared", "asking for our W-9", "minta kirim e-faktur lagi": a request
 *  for a document. */
const DOCUMENT_REQUEST =
  /\b(?:wants?|wanted|asking(?: for)?|asks? for|asked for|requests?|requested|needs?|re-?send|send|e-?mail|forward|envoyez|envoyer|envoie|envíen|envíe|enviar|mandar|minta)(?:-(?:moi|nous|me))?(?:\s+(?!(?:it|off|on|from|out)\b)[\p{L}\p{N}'’-]+){0,5}?\s+(?:cop(?:y|ies)|copie|copia|cópia|receipts?|reçu|recibo|w-?9|w-?8(?:ben)?|tax (?:certificate|licen[cs]e|clearance)|statements?(?: of account)?|bank details|remittance details|e-?invoice|e-?faktur|final account|(?:payment |completion |practical completion )?certificates?|(?:file\s+)?(?:pdf|xml)s?(?:\s+(?:file|copy))?)\b/iu
/** "their auditors want the net amount of 0412 for a form", "can you send them the tax amount of 0412?": a
 *  request for the figures of a bill, which is paperwork too. */
const FIGURES_REQUEST =
  /\b(?:asking for|asks? for|asked for|requests?|requested|needs?|wants?|(?:give|send|tell)\s+(?:me|us|them|him|her)|provide|share)\s+(?:(?:the|a|an|their|our|its|full|detailed|itemi[sz]ed|separate|tax|vat|gst)\s+){0,3}(?:breakdown|break-down|vat(?:able)?\s+amount|tax\s+amount|amount\s+of\s+(?:the\s+)?(?:vat|tax|gst)|net\s+amount|taxable\s+(?:amount|value))\b/i
/** Words of a claim: with any of them, a request for a document is part of a dispute. */
const CLAIM_WORDS =
  /\b(?:disput\w*|wrong|incorrect|short|missing|damaged|broken|overcharg\w*|too (?:much|many|high)|excessive|recogni[sz]\w*|unauthori[sz]ed|fees?|credit(?:ed)?|refund\w*|never|not (?:delivered|received|done|ordered)|complain\w*|reject\w*|won'?t pay|refus\w*|twice|duplicate|late fee|interest|penalt\w*|already paid|paid (?:it |this |that )?already|(?:have|'ve|has) paid|(?:is|was|been) (?:fully )?paid|paid in full|fully paid|settled|remov\w*|charges?|not due|cancel\w*|void\w*|exempt\w*|exonera\w*|without (?:vat|iva|tax)|revised|updated|correct(?:ed|ion)|re-?issu\w*|amend\w*|(?:come|taken|knocked|struck)\s+off)\b/i
/** A message whose one ask is a document (a receipt, a copy, a tax form), with no word of a claim in it
 *  or its gloss, opens no dispute: the specialist is helped with the paperwork. */
function onlyAsksForADocument(text: string, glossed: string): boolean {
  // "none of us ever requested the extra copy set": a request denied is none (the copy there is a product billed).
  const asks = (re: RegExp, t: string) => {
    const m = re.exec(t)
    return m !== null && !ASK_DENIED.test(t.slice(Math.max(0, m.index - 40), m.index))
  }
  const asked = [DOCUMENT_REQUEST, DOCUMENT_THEN_SEND, FIGURES_REQUEST, INVOICE_RESENT].some(
    (re) => asks(re, text) || asks(re, glossed),
  )
  // "no issue with the charges" beside the request says nothing against the bill; a "duplicate copy" is a copy;
  // "it never came through" beside a request to send it again is said of the document.
  return asked && !CLAIM_WORDS.test(glossed.replace(NOTHING_WRONG_WITH, ' ').replace(DOCUMENT_NOT_RECEIVED, ' '))
}
/** Just before a request: a denial that it was made ("nobody asked for", "we never requested"). */
const ASK_DENIED = /\b(?:nobody|no\s+one|no-one|never|not|didn'?t|did\s+not|none\s+of\s+us)\b[^.;!?]{0,25}$/i
/** "could you resend invoice 4410 to them?", "re-send them the bill": the invoice itself asked for again. */
const INVOICE_RESENT =
  /\b(?:re-?send|re-?issue\s+a\s+copy\s+of|send\s+(?:\S+\s+){0,4}?(?:another|a\s+new|a\s+fresh)\s+copy\s+of)(?:\s+(?:us|them|me|him|her|it))?\s+(?:the\s+|their\s+|our\s+|your\s+)?(?:invoice|bill|inv\b|[A-Z]*[-/]?\d)/i
/** "it never came through", "the invoice never reached them", "they never got it": said of a document. */
const DOCUMENT_NOT_RECEIVED =
  /\b(?:it|the\s+(?:invoice|bill|pdf|e-?mail|copy|original))\s+(?:never|did\s*n'?t|did\s+not|has\s*n'?t|has\s+not)\s+(?:(?:come|came)\s+through|reach(?:ed)?\s+(?:them|us|him|her|their\s+\S+)|arrived?|been\s+received)\b|\b(?:they|he|she|we)\s+(?:never|did\s*n'?t|did\s+not)\s+(?:got|get|receive[d]?)\s+(?:it|the\s+(?:invoice|bill|pdf|copy|original))\b/gi
// Nor does a "duplicate copy": a copy of the document, no bill sent twice.
const NOTHING_WRONG_WITH =
  /\b(?:no|not any)\s+(?:problems?|issues?|complaints?)\s+(?:with|about|on)\s+(?:the\s+)?(?:charges?|amounts?|figures|prices?|billing|bill|invoice)\b|\bduplicate\s+(?:copy|copies|original)\b/gi
/** The document first, then the verb, as languages that put the verb last say it (a Turkish request
 *  for a PDF glossed: "412 invoice PDF … resend?"). */
const DOCUMENT_THEN_SEND =
  /\b(?:cop(?:y|ies)|pdf|xml|e-?invoice|statements?(?: of account)?|receipts?)\b[^.?!\n]{0,40}?\b(?:re-?send|send)\b/i
/** "when is 0458 due?", "what is the due date of …?": a question about when to pay, with no word of a claim. */
const DUE_ASKED = /\bdue\s+date\b[^.!?]{0,40}\?|\bwhen\b[^.!?]{0,30}\b(?:due|payable)\b[^.!?]{0,20}\?/i
const onlyAsksWhenDue = (glossed: string): boolean => DUE_ASKED.test(glossed) && !CLAIM_WORDS.test(glossed)
/** "could you confirm you received the payment on 4410? it is for their files", "audit want confirmation
 *  that 0398 was paid": a request to confirm a payment was received, with nothing said against the bill. */
const CONFIRMS_PAYMENT =
  /\b(?:confirm(?:ation|ed|s)?|verify|check)\b[^.?!]{0,50}?\b(?:(?:we|you)\s+(?:got|received|have|had)\s+(?:their|the|his|her|our|its)\s+(?:payment|transfer|remittance|money)|(?:was|were|has been|had been|is)\s+(?:fully\s+)?(?:paid|received|settled))\b/i
/** Words of a payment chased: with any of them a confirmation asked for is part of a claim. */
const CHASED = /\b(?:remind\w*|chas\w*|dunn\w*|overdue|interest|still (?:open|outstanding|showing|unpaid)|again)\b/i
function onlyConfirmsAPayment(glossed: string): boolean {
  // The words of the confirmation itself ("… was paid") are no claim of having paid.
  const rest = glossed.replace(CONFIRMS_PAYMENT, ' ')
  return rest !== glossed && !CLAIM_WORDS.test(rest) && !CHASED.test(rest)
}
/** "thanks for the invoice, all correct; which IBAN?": the whole bill said to be correct, and nothing of a
 *  claim said after it ("all correct. However it charges TVA and we are exempt" is a claim). */
const ALL_CORRECT = /\b(?:all|everything(?:'s| is)?)\s+(?:is\s+)?(?:correct|in order)\b/i
function saidAllCorrect(glossed: string): boolean {
  const m = ALL_CORRECT.exec(glossed)
  return (
    m !== null &&
    !CLAIM_WORDS.test(glossed.slice(m.index)) &&
    !/\b(?:except|but|however|apart from|other than|besides|only)\b/i.test(glossed.slice(m.index))
  )
}
const CLAIM_AFTER_BUT =
  /\bbut\b[^.!?]*\b(?:disput\w*|claim\w*|credit|short|missing|broken|damaged|overcharg\w*|never|wrong|too (?:much|many)|extra|torn|cracked|leak\w*)\b/i
