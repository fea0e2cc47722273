/**
 * Text the audit trail stores and hashes must come back from the database exactly as it was hashed.
 * Two things do not: NUL (PostgreSQL refuses it in text and jsonb) and a lone UTF-16 surrogate
 * (UTF-8 cannot encode it; the driver writes U+FFFD, so the stored text differs from the hashed
 * one and the chain would look broken for ever). We refuse both at the door with a 400-class
 * `invalid_input` naming the field, rather than normalise: an audit trail that silently rewrites
 * what a person wrote is worse than asking them to resend it. Unicode normalisation (NFC/NFD) is
 * left alone: it round-trips byte for byte, and the text is the person's.
 */
import type { StoreError } from '../../services/ports.ts'

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g')
const wellFormed = (s: string) => s.replace(LONE_SURROGATES, '\uFFFD')

export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored'
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode text'
  return null
}

/** The first field whose text cannot be stored as written, as an `invalid_input` error. */
export function checkTexts(fields: Record<string, string | null | undefined>): StoreError | null {
  for (const [field, text] of Object.entries(fields)) {
    if (typeof text !== 'string') continue
    const problem = textProblem(text)
    if (problem) return { code: 'invalid_input', message: `${field}: ${problem}.`, field }
  }
  return null
}

/**
 * What the database will give back for a value: lone surrogates become U+FFFD, as UTF-8 encoding
 * does. The hash is taken over this, so even text that slipped past `checkTexts` never breaks the chain.
 */
export function storedForm(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value)
  if (Array.isArray(value)) return value.map(storedForm)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = storedForm(v)
    return out
  }
  return value
}
