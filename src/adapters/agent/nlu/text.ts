/**
 * The one place that reads text with wink-nlp: tokens, lemmas and its DATE/MONEY/CARDINAL entities
 * (the reason classifier's features are built on it in reason-features.ts).
 * The model loads once per process (about 0.4 s), lazily, so importing the NLU costs nothing.
 */
import model from 'wink-eng-lite-web-model'
import winkNLP from 'wink-nlp'
import vocab from './data/vocab.json' with { type: 'json' }

type Nlp = ReturnType<typeof winkNLP>
let nlp: Nlp | null = null
const getNlp = (): Nlp => {
  nlp ??= winkNLP(model)
  return nlp
}

export interface WinkEntity {
  value: string
  type: string
}

export interface ReadText {
  tokens: string[]
  lemmas: string[]
  types: string[]
  /** Universal POS tags (NOUN, VERB, DET…). */
  pos: string[]
  entities: WinkEntity[]
}

const spelling = vocab.spelling as Record<string, string>

/** Fixes the misspellings and chat shorthand listed in vocab.json word by word, keeping everything else
 *  as typed. */
/**
 * Clauses: split at punctuation, colons and dashes ("not missing – they arrived bent" is two
 * clauses, so a denial in the first does not reach the second), but not inside a figure ("64,00",
 * "3.10", "10:30") nor at a hyphen inside or before a word ("re-invoiced", "-5").
 */
export const CLAUSE = /(?:[^,;:.!?\n\u2013\u2014-]|(?<=\d)[.,:](?=\d)|(?<!\s)-|-(?!\s))+/g

export function fixSpelling(text: string): string {
  return (
    text
      .replace(/[A-Za-z']+/g, (w) => {
        const fixed = spelling[w.toLowerCase()]
        return fixed ?? w
      })
      .replace(/\bw\/o\b/gi, 'without')
      // Chat's "w" and "w/" for "with" ("unhappy w the visit", "6 300 w vat"); after a figure a lone
      // "w" is watts ("500 w lamp").
      .replace(/(?<=[A-Za-z,]\s|\d\s)w\/?(?=\s+[A-Za-z])|\bw\/(?=\s?[A-Za-z])/g, (w, at: number, all: string) =>
        w === 'w' && /\d\s$/.test(all.slice(0, at)) && !/^\s+(?:vat|gst|tax|iva|tva)\b/i.test(all.slice(at + 1))
          ? w
          : /\S/.test(all[at + w.length] ?? '')
            ? 'with '
            : 'with',
      )
  )
}

export function readText(text: string): ReadText {
  const n = getNlp()
  const doc = n.readDoc(text)
  const its = n.its
  return {
    tokens: doc.tokens().out(),
    lemmas: doc.tokens().out(its.lemma as never) as unknown as string[],
    types: doc.tokens().out(its.type as never) as unknown as string[],
    pos: doc.tokens().out(its.pos as never) as unknown as string[],
    entities: doc.entities().out(its.detail) as unknown as WinkEntity[],
  }
}
