/** Slot values and the slot filler shared by the labelled set and the benchmark's synthetic corpus. */
import type { Rng } from '../../src/demo/prng.ts'

export const PRODUCTS = [
  'widget A',
  'steel brackets',
  'label printer ink',
  'office chairs',
  'cloud backup plan',
  'HVAC maintenance',
  'forklift rental',
  'safety gloves',
  'LED panels',
  'copier lease',
  'network switches',
  'cleaning service',
]
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October']
export const CONTACTS = ['Dana', 'Priya', 'Marco', 'Ken', 'Sofia', 'Tom', 'Amara', 'Lucas']
export const OPENERS = ['', '', '', 'Per email: ', 'Call with AP: ', 'Portal ticket: ']
export const TAILS = ['', '', '', '.', '. Payment on hold.', '. Wants a credit note.', '. Second time this quarter.']
export const CUSTOMERS = Array.from({ length: 24 }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`)
export const PER_SITUATION = 12

export function fill(rng: Rng, template: string): string {
  return template
    .replaceAll('{product}', rng.pick(PRODUCTS))
    .replaceAll('{month}', rng.pick(MONTHS))
    .replaceAll('{qty}', String(rng.int(5, 400)))
    .replaceAll('{inv}', `INV-${rng.int(10000, 99999)}`)
    .replaceAll('{contact}', rng.pick(CONTACTS))
}
