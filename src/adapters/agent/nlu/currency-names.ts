/**
 * Currency names as people write them after a figure ("2,300,000 won", "300 rupees", "40 francs"),
 * read from ICU's English names (Intl.DisplayNames and the plural of Intl.NumberFormat), not typed
 * by hand: the last word of each currency's name, singular and plural. A name several currencies
 * share ("pesos", "francs", "dinars") says the figure is money but not which currency: it maps to
 * null, and the invoice's currency stands.
 */

/** Last words of currency names that are ordinary English words after a number ("2 real problems"). */
const ENGLISH_WORDS = new Set([
  'real',
  'gold',
  'mark',
  'marks',
  'sol',
  'som',
  'lev',
  'leu',
  'kip',
  'tala',
  'pula',
  'vatu',
])

export function currencyNames(codes: readonly string[]): Record<string, string | null> {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' })
  const byWord = new Map<string, Set<string>>()
  for (const code of codes) {
    const singular = names.of(code)
    if (!singular || singular === code) continue
    const plural = new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'name' })
      .formatToParts(2)
      .find((p) => p.type === 'currency')?.value
    for (const name of [singular, plural]) {
      const word = name?.split(/\s+/).at(-1)?.toLowerCase()
      if (!word || word.length < 3 || ENGLISH_WORDS.has(word) || !/^\p{L}+$/u.test(word)) continue
      byWord.set(word, (byWord.get(word) ?? new Set()).add(code))
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
export function currencyLetterSymbols(codes: readonly string[]): Record<string, string | null> {
  const bySymbol = new Map<string, Set<string>>()
  for (const code of codes) {
    let symbol: string | undefined
    try {
      symbol = new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
        .formatToParts(1)
        .find((p) => p.type === 'currency')?.value
    } catch {
      continue
    }
    if (!symbol || symbol === code || symbol.length < 2 || !/^\p{L}+\.?$/u.test(symbol)) continue
    bySymbol.set(symbol, (bySymbol.get(symbol) ?? new Set()).add(code))
  }
  return Object.fromEntries([...bySymbol].map(([symbol, set]) => [symbol, set.size === 1 ? [...set][0]! : null]))
}
