/** Text to match literally inside a regular expression ("PO 4.1 (rev)" matches only itself). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
