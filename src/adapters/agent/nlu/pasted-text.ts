/**
 * Which part of a message is the specialist's own words and which is pasted from a thread: lines
 * quoted with ">", and everything from an "On … wrote:" line, a "From:" header block or an
 * "Original message" rule on. A figure in pasted text is context (a contract price, a total), not
 * what the specialist says is disputed, unless their own words point to it.
 */

export interface Span {
  index: number
  length: number
}

export interface PastedText {
  /** The specialist's own words, pasted parts left out. */
  own: string
  /** Where the pasted parts are in the message. */
  pasted: Span[]
}

export const QUOTED_LINE = /^\s*>/m
/** "On Tue, 3 Mar 2026 at 09:14, Sam Lee <sam@…> wrote:", "Am … schrieb:", "Le … a écrit :". */
export const REPLY_HEADER = /^\s*>?\s*(?:on|am|le)\b.{0,160}\b(?:wrote|schrieb|a écrit)\s*:\s*$/i
export const ORIGINAL_RULE =
  /^\s*-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|message d'origine)/im
/** The "From:" line that begins a pasted message, in the languages mail clients write it. */
export const FROM_HEADER = /^\s*(?:from|von|de|da|van|od|från|fra)\s*:\s*\S/i

/**
 * The lines of a text split in two: from the first line `startsRest` accepts to the end, and every
 * line quoted with ">" wherever it stands; the others as they were.
 */
function quotedFrom(text: string, startsRest: (line: string) => boolean): PastedText {
  const pasted: Span[] = []
  const own: string[] = []
  let at = 0
  let rest = false
  for (const line of text.split('\n')) {
    if (!rest && startsRest(line)) rest = true
    if (rest || QUOTED_LINE.test(line)) pasted.push({ index: at, length: line.length })
    else own.push(line)
    at += line.length + 1
  }
  return { own: own.join('\n'), pasted }
}

export function splitPasted(text: string): PastedText {
  return quotedFrom(text, (line) => REPLY_HEADER.test(line) || ORIGINAL_RULE.test(line) || FROM_HEADER.test(line))
}

/**
 * The older messages of a pasted thread: lines quoted with ">", everything from an "On … wrote:" line
 * or an "Original message" rule on, and everything from a second "From:" header on (the first starts
 * the newest message pasted). What the thread said before is context for the newest message, never
 * its claim.
 */
export function quotedHistory(text: string): Span[] {
  let froms = 0
  return quotedFrom(text, (line) => {
    if (FROM_HEADER.test(line) && !QUOTED_LINE.test(line)) froms += 1
    return REPLY_HEADER.test(line) || ORIGINAL_RULE.test(line) || froms > 1
  }).pasted
}

export const insideAny = (spans: readonly Span[], index: number): boolean =>
  spans.some((s) => index >= s.index && index < s.index + s.length)

/** Own words that point at a figure in the pasted part: "the amount in their note below", "their figure". */
const POINTS_TO_PASTED =
  /\b(?:amount|figure|sum|number|credit|refund|total|what they (?:want|ask|claim))\b[^.\n]{0,40}?\b(?:below|underneath|quote[ds]?|thread|e-?mail|note|message|they (?:quote|ask|want|claim|give|say)|is right|is correct)\b|\b(?:below|quoted)\b[^.\n]{0,20}\b(?:amount|figure|sum)\b|\btheir (?:figure|amount|number)\b/i

export function ownWordsPointToPasted(own: string): boolean {
  return POINTS_TO_PASTED.test(own)
}

/** A row of a pasted table (a statement, a ledger extract, a claim sheet): figures in columns set apart
 *  by wide gaps, tabs or bars. */
export const isTableRow = (line: string): boolean =>
  /\d/.test(line) && (line.match(/\S(?:\s{2,}|\t|\s*\|\s*)(?=\S)/g)?.length ?? 0) >= 2

/** The spans of a text's table rows. */
export function tableRows(text: string): Span[] {
  const rows: Span[] = []
  let at = 0
  for (const line of text.split('\n')) {
    if (isTableRow(line)) rows.push({ index: at, length: line.length })
    at += line.length + 1
  }
  return rows
}
