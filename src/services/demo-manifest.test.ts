/**
 * The demo ledger plants a defect of every reason, and its manifest says what the evidence shows
 * (written by the generator, independently of the engine). Every planted dispute, investigated
 * through the services on the real store, must reach the planted figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config.ts'
import { generateDemo } from '../demo/generate.ts'
import type { ManifestEntry } from '../demo/model.ts'
import { memoryDb } from '../adapters/store/testing.ts'
import { createRuntime, type Runtime } from '../runtime.ts'

const TODAY = '2026-11-23'
const { manifest } = generateDemo({ today: TODAY })
let runtime: Runtime

beforeAll(async () => {
  const parsed = parseConfig({ DISPUTE_DESK_DATA: 'memory', DISPUTE_DESK_TODAY: TODAY })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  runtime = await createRuntime(parsed.config, { db: await memoryDb() })
}, 180_000)
afterAll(() => runtime?.close())

const claimOf = (e: ManifestEntry) => ({
  invoiceNumber: e.invoiceNumber,
  reasonCode: e.reasonCode,
  disputedAmount: e.expected.disputedAmount,
  ...(e.line ? { lines: [e.line] } : {}),
})

describe('the demo manifest', () => {
  it('plants every reason code', () => {
    expect(new Set(manifest.map((e) => e.reasonCode)).size).toBeGreaterThanOrEqual(12)
  })

  it('every planted dispute reaches its planted classification, supported amount and action', async () => {
    const misses: string[] = []
    for (const entry of manifest) {
      const r = await runtime.services.investigate(claimOf(entry), { today: TODAY })
      const got = r.ok
        ? `${r.value.classification} ${r.value.supportedAmount} ${r.value.action}`
        : `error ${r.error.code}: ${r.error.message}`
      const want = `${entry.expected.classification} ${entry.expected.supportedAmount} ${entry.expected.action}`
      if (got !== want)
        misses.push(`${entry.invoiceNumber} ${entry.reasonCode} (${entry.note}): want ${want}, got ${got}`)
    }
    expect(misses).toEqual([])
  }, 120_000)
})
