/**
 * A message in another language glossed word by word into the English our readers understand
 * ("recibimos 95 sacos, no 100" → "received 95 sacos, not 100"), from data/gloss.json. It is a
 * second reading, never the message of record: names, numbers and references stay as typed, and
 * only words the glossary lists change. Word order stays the customer's; the count rules and the
 * reason classifier read words and short phrases, which is what survives a gloss.
 */
import glossData from './data/gloss.json' with { type: 'json' }
import { fold } from './fold.ts'

/** Accents off, and the letters Unicode does not decompose spelled in ASCII ("såpe" → "sape"). */
const ascii = (s: string): string =>
  fold(s).replace(/[æÆ]/g, 'ae').replace(/[øØ]/g, 'o').replace(/ß/g, 'ss').replace(/[łŁ]/g, 'l')
const key = (s: string): string => ascii(s.toLowerCase())

const WORDS = new Map<string, string>()
for (const [english, words] of Object.entries(glossData.words)) for (const w of words) WORDS.set(key(w), english)

/** "Wartungsvertrag", "servicefaktura": a compound read as its head ("contract", "invoice"). */
const HEADS = glossData.compoundHeads.map(key).sort((a, b) => b.length - a.length)
const headOf = (word: string): string | undefined => {
  const head = HEADS.find((h) => word.length >= h.length + 3 && word.endsWith(h))
  return head ? (WORDS.get(head) ?? head) : undefined
}

/** Longest phrase first, so "n'est jamais venu" wins over "venu". */
const PHRASES: { re: RegExp; english: string }[] = Object.entries(glossData.phrases)
  .flatMap(([english, list]) => list.map((p) => ({ p: key(p), english })))
  .sort((a, b) => b.p.length - a.p.length)
  .map(({ p, english }) => ({ re: new RegExp(`(?<![\\p{L}])${p}(?![\\p{L}])`, 'giu'), english }))

/** The message with every listed word or phrase in English; the rest (names, figures) as typed, accents folded. */
export function glossToEnglish(text: string): string {
  let t = ascii(text)
  for (const { re, english } of PHRASES) t = t.replace(re, english)
  return t.replace(/[\p{L}][\p{L}'’]*/gu, (w) => WORDS.get(key(w)) ?? headOf(key(w)) ?? w)
}
