import { unaccented } from '../../../core/ground-claim.ts'

/**
 * Letters without their accents, as people type names and words on any keyboard: "Köhler" →
 * "Kohler"; `umlauts` spells German umlauts out ("Koehler"). Letters that Unicode does not
 * decompose (æ, ø, ß, ł) are left to the caller.
 */
export const fold = (s: string, umlauts = false): string =>
  unaccented(umlauts ? s.replace(/ä/gi, 'ae').replace(/ö/gi, 'oe').replace(/ü/gi, 'ue').replace(/ß/g, 'ss') : s)
