/**
 * The one place that reads text with wink-nlp: tokens, lemmas and its DATE/MONEY/CARDINAL entities.
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
  entities: WinkEntity[]
}

const spelling = vocab.spelling as Record<string, string>

/** Fixes the misspellings listed in vocab.json word by word, keeping everything else as typed. */
export function fixSpelling(text: string): string {
  return text.replace(/[A-Za-z']+/g, (w) => {
    const fixed = spelling[w.toLowerCase()]
    return fixed ?? w
  })
}

export function readText(text: string): ReadText {
  const n = getNlp()
  const doc = n.readDoc(text)
  const its = n.its
  return {
    tokens: doc.tokens().out(),
    lemmas: doc.tokens().out(its.lemma as never) as unknown as string[],
    types: doc.tokens().out(its.type as never) as unknown as string[],
    entities: doc.entities().out(its.detail) as unknown as WinkEntity[],
  }
}

const STOP = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'to', 'of', 'and', 'on', 'for', 'in', 'at'])
const INVOICE_LIKE = /^(?:#?[a-z]{1,5}-?\d{2,}[\w-]*|\d{3,})$/

/**
 * Features for the reason classifier: lemma unigrams and bigrams, plus a 5-letter prefix of long
 * words so a misspelt ending ("duplicat", "recieved") still lands near the right word. Numbers and
 * invoice numbers collapse to placeholders: a reason never depends on which figure was said.
 */
export function features(text: string): string[] {
  const { lemmas, types } = readText(fixSpelling(text))
  const words: string[] = []
  for (let i = 0; i < lemmas.length; i++) {
    const lemma = (lemmas[i] ?? '').toLowerCase()
    const type = types[i]
    if (type === 'punctuation' || type === 'symbol' || type === 'emoji') continue
    if (type === 'number' || /^\d[\d.,]*$/.test(lemma)) words.push('<num>')
    else if (INVOICE_LIKE.test(lemma)) words.push('<ref>')
    else if (type === 'currency') words.push('<cur>')
    else words.push(lemma.replace(/[^a-z'<>]/g, '') || lemma)
  }
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (!STOP.has(w)) out.push(w)
    if (w.length > 5 && !w.startsWith('<')) out.push(`p:${w.slice(0, 5)}`)
    const next = words[i + 1]
    if (next) out.push(`${w} ${next}`)
  }
  return out
}
