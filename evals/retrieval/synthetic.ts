/**
 * Past disputes in bulk for the benchmark: the labelled corpus plus generated ones from the same
 * situations, with extra context (site, follow-up notes, references) so few texts repeat exactly.
 * Each carries its situation, so quality at scale is still measurable: a hit is relevant when it
 * shares the query's situation.
 */
import { Rng } from '../../src/demo/prng.ts'
import { fill, OPENERS, TAILS } from './fill.ts'
import type { PastDisputeDoc } from './labelled-set.ts'
import { SITUATIONS } from './situations.ts'

const SITES = [
  'Denver',
  'Austin',
  'Leeds',
  'Lyon',
  'Osaka',
  'dock 4',
  'plant 2',
  'warehouse B',
  'head office',
  'Rotterdam',
]
const NOTES = [
  'AP contact out until Monday',
  'escalated by their controller',
  'follow-up call booked',
  'account on credit hold',
  'they copied their account manager',
  'flagged during month-end close',
  'raised in the quarterly review',
  'collections chasing',
  'needs an answer before the 15th',
  'third email on this',
]

export function syntheticCorpus(base: readonly PastDisputeDoc[], total: number, seed = 7): PastDisputeDoc[] {
  const rng = new Rng(seed)
  const out = [...base]
  const customers = Math.max(24, Math.round(total / 50))
  for (let n = 1; out.length < total; n++) {
    const s = rng.pick(SITUATIONS)
    const site = rng.chance(0.5) ? ` (${rng.pick(SITES)})` : ''
    const note = rng.chance(0.5) ? `; ${rng.pick(NOTES)}` : ''
    const month = rng.int(1, 12)
    out.push({
      id: `SY-${String(n).padStart(6, '0')}`,
      customerId: `C-${String(rng.int(1, customers)).padStart(3, '0')}`,
      invoiceNumber: `INV-${rng.int(10000, 99999)}`,
      openedDate: `2024-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      reasonCode: s.reason,
      description: `${fill(rng, rng.pick(OPENERS))}${fill(rng, rng.pick(s.past))}${site}${note}${rng.pick(TAILS)}`,
      classification: s.outcome,
      action: s.action,
      rootCause: s.rootCause,
      department: s.department,
      situation: s.key,
    })
  }
  return out
}
