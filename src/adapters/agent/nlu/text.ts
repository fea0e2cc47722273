/**
 * The one place that reads text with wink-nlp: tokens, lemmas and its DATE/MONEY/CARDINAL entities
 * (the reason classifier's features are built on it in reason-features.ts).
 * The model loads once per process (about 0.4 s), lazily, so importing the NLU costs nothing.
 */
import model from 'wink-eng-lite-web-model'
import winkNLP from 'wink-nlp'
import vocab from './data/vocab.json' with { type: 'json' }
import { memoizedByText } from './memo.ts'

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

/** Shared by every reader of the same text (memoized): read, never changed. */
export interface ReadText {
  readonly tokens: readonly string[]
  readonly lemmas: readonly string[]
  readonly types: readonly string[]
  /** Universal POS tags (NOUN, VERB, DET…). */
  readonly pos: readonly string[]
  readonly entities: readonly WinkEntity[]
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

/** wink's reading of a text (tokens, lemmas, parts of speech, entities), once per text: the reason
 *  readers read a message's clauses again for each wording of the message they try. */
export const readText: (text: string) => ReadText = memoizedByText((text) => winkReading(text))

function winkReading(text: string): ReadText {
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
