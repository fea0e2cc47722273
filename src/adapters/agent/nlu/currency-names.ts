/**
 * Currency names as people write them after a figure ("2,300,000 won", "300 rupees", "40 francs"),
 * read from ICU's English names (Intl.DisplayNames and the plural of Intl.NumberFormat), not typed
 * by hand: the last word of each currency's name, singular and plural. A name several currencies
 * share ("pesos", "francs", "dinars") says the figure is money but not which currency: it maps to
 * null, and the invoice's currency stands.
 */

/** Words of currency names that are also ordinary words after a number ("2 real problems", "20 livres"
 *  of books, "5 marcos" of frames, "2 Pfund" of weight): money only beside a figure written with its
 *  cents or its thousands grouped ("96 400 kip"). */
export const EVERYDAY_WORDS: ReadonlySet<string> = new Set([
  ...['real', 'reales', 'gold', 'mark', 'marks', 'sol', 'som', 'lev', 'leu', 'kip', 'tala', 'pula', 'vatu'],
  ...['livre', 'livres', 'marco', 'marcos', 'corona', 'coronas', 'coroa', 'coroas', 'corone', 'couronne'],
  ...['couronnes', 'franco', 'pfund'],
])

/** First or last words of a name that are no currency's noun: "derechos especiales de giro", "nuevo
 *  sol", "nouveau dollar", "Bosnien und Herzegowina Konvertible Mark", "oro" of gold's name. */
const NOT_A_CURRENCY = new Set(
  'derechos direitos diritti droit droits nouveau nouveaux novo novos nuevo nuevos nuovo nuovi oro ouro ouros herzegowina zimbabwe sonderziehungsrechte bat bats sons sum sums lei'.split(
    ' ',
  ),
)

/** Languages whose currency names are read besides English, and where the noun stands in them:
 *  first in the Romance ones ("dólares estadounidenses", "francs CFA"), last in German ("US-Dollar"). */
const NAME_LOCALES: readonly (readonly [string, 'first' | 'last'])[] = [
  ['en', 'last'],
  ['es', 'first'],
  ['pt', 'first'],
  ['fr', 'first'],
  ['it', 'first'],
  ['de', 'last'],
]

/** A word without its accents ("dolares" typed for "dólares"). */
const unaccented = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '')

export function currencyNames(codes: readonly string[]): Record<string, string | null> {
  const byWord = new Map<string, Set<string>>()
  for (const [locale, noun] of NAME_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: 'currency' })
    for (const code of codes) {
      const singular = names.of(code)
      if (!singular || singular === code) continue
      const plural = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'name' })
        .formatToParts(2)
        .find((p) => p.type === 'currency')?.value
      for (const name of [singular, plural]) {
        const words = name?.split(/[\s-]+/) ?? []
        const word = (noun === 'first' ? words[0] : words.at(-1))?.toLowerCase()
        if (!word || word.length < 3 || !/^\p{L}+$/u.test(word) || NOT_A_CURRENCY.has(word)) continue
        for (const form of new Set([word, unaccented(word)]))
          byWord.set(form, (byWord.get(form) ?? new Set()).add(code))
      }
    }
  }
  const out: Record<string, string | null> = {}
  for (const [word, set] of byWord) {
    const code = set.size === 1 ? [...set][0]! : null
    out[word] = code
    out[word[0]!.toUpperCase() + word.slice(1)] = code
  }
  return out
}

/**
 * Currency symbols written in letters ("Rp", "Ft", "kr", "zł"), from ICU's narrow symbols, not typed
 * by hand. A symbol several currencies share ("kr": Danish, Icelandic, Norwegian and Swedish) says
 * the figure is money but not which: null, and the invoice's currency stands. Symbols that are the
 * currency's code, or a single letter, are left to the code and symbol readers.
 */
/** Locales whose ICU symbols people type beside a figure: their own currency's sign ("₸", "৳", "₾",
 *  "сом", "лв.") more than the English one. */
const SYMBOL_LOCALES = [
  ...['en', 'ru', 'uk', 'kk', 'ky', 'uz', 'mn', 'ka', 'hy', 'az', 'tg', 'bn', 'ne', 'si', 'hi', 'ur', 'ta'],
  ...['km', 'lo', 'my', 'th', 'vi', 'fil', 'id', 'am', 'sw', 'ha', 'yo', 'zu', 'ar', 'fa', 'he', 'tr', 'bg', 'sr'],
  ...['mk', 'pl', 'cs', 'hu', 'ro', 'hr'],
]

/** A two-letter code ICU names as a country or region ("FR", "DK"); one letter is never one. */
function isRegion(regions: Intl.DisplayNames, code: string): boolean {
  if (code.length !== 2) return false
  try {
    const name = regions.of(code)
    return name !== undefined && name !== code
  } catch {
    return false
  }
}

/** How ICU writes a currency's symbol in a locale; undefined where the locale or code is unknown. */
function symbolOf(locale: string, currency: string, currencyDisplay: 'narrowSymbol' | 'symbol'): string | undefined {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay })
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value
  } catch {
    return undefined
  }
}

export function currencyLetterSymbols(codes: readonly string[]): Record<string, string | null> {
  const bySymbol = new Map<string, Set<string>>()
  for (const code of codes) {
    for (const locale of SYMBOL_LOCALES) {
      // English also by the wider symbol, which sets dollars apart ("FJ$", "T$", "GH₵").
      for (const currencyDisplay of locale === 'en'
        ? (['narrowSymbol', 'symbol'] as const)
        : (['narrowSymbol'] as const)) {
        const symbol = symbolOf(locale, code, currencyDisplay)
        // Letters ("Rp", "сом", "лв."), or a sign of its own ("₸", "GH₵", "FJ$"); never a code, a lone
        // letter or a bare "$" that many currencies share.
        const letters = /^\p{L}{2,}\.?$/u.test(symbol ?? '')
        const sign = /\p{Sc}/u.test(symbol ?? '') && symbol !== '$' && /^[\p{L}\p{Sc}.]{1,4}$/u.test(symbol ?? '')
        if (!symbol || symbol === code || /^[A-Z]{3}$/.test(symbol) || !(letters || sign)) continue
        // Another locale's symbol in Latin letters ("KM", "Br", "Ar") is too often a word or a unit.
        if (locale !== 'en' && /^[\x20-\x7e]+$/.test(symbol)) continue
        bySymbol.set(symbol, (bySymbol.get(symbol) ?? new Set()).add(code))
      }
    }
  }
  return Object.fromEntries([...bySymbol].map(([symbol, set]) => [symbol, set.size === 1 ? [...set][0]! : null]))
}

/** The region's most likely language ("st" for Lesotho, whose loti ICU writes "M" there); "und" where none. */
function regionLanguage(region: string): string {
  try {
    return new Intl.Locale(`und-${region}`).maximize().language
  } catch {
    return 'und'
  }
}

/**
 * Currencies written with one capital letter, or a short sign of Latin letters, where they are used
 * ("Q3,415.50" in Guatemala, "2 415,300 DT" in Tunisia, "S/ 52.00" in Peru,
 * "K9,060.00" in Zambia, "P450.00" in Botswana and in Manila, whose ₱ is typed P), from ICU's symbols in each currency's own region
 * (an ISO 4217 code begins with its country's code). A letter several currencies share ("K": kwacha,
 * kina, kyat) says money, not which: null, and the invoice's currency stands. Such short signs are
 * also words, units and initials ("KM", "FR"): the reader takes them only beside a figure written
 * with its cents or its thousands grouped.
 */
/** Signs that are a Latin letter struck through, and the letter a keyboard types for them. */
const STRUCK_SIGNS: Readonly<Record<string, string>> = { '₱': 'P', '₦': 'N' }

export function currencyLetterSigns(codes: readonly string[]): Record<string, string | null> {
  const byLetter = new Map<string, Set<string>>()
  const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
  for (const code of codes) {
    const region = code.slice(0, 2)
    for (const locale of ['und', 'en', 'fr', 'es', 'pt', regionLanguage(region)].map((l) => `${l}-${region}`)) {
      for (const currencyDisplay of ['narrowSymbol', 'symbol'] as const) {
        const symbol = symbolOf(locale, code, currencyDisplay)
        // Two capitals that are also a country's code ("FR 47 552 …" begins a VAT number) are left out.
        if (symbol && symbol !== code && /^(?:[A-Z]{1,2}|S\/)$/.test(symbol) && !isRegion(regions, symbol))
          byLetter.set(symbol, (byLetter.get(symbol) ?? new Set()).add(code))
        // A sign that is a letter struck through is typed as the letter ("P2,310.00" for ₱ in Manila).
        const typed = symbol ? STRUCK_SIGNS[symbol] : undefined
        if (typed) byLetter.set(typed, (byLetter.get(typed) ?? new Set()).add(code))
      }
    }
  }
  return Object.fromEntries([...byLetter].map(([letter, set]) => [letter, set.size === 1 ? [...set][0]! : null]))
}
