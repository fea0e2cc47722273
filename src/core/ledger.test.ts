import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { LedgerSchema, parseLedger } from './ledger.ts'
import { FULL_LEDGER } from './testing/full-ledger.ts'

// A copy of shared/contract/ledger.schema.json, so the test runs without the shared folder (.ci/run checks it
// has not drifted when shared/ is beside the repository).
const CONTRACT_PATH = new URL('./ledger.schema.json', import.meta.url)

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema documents are walked generically.
type Json = any

const contract: Json = JSON.parse(readFileSync(CONTRACT_PATH, 'utf8'))
const fromZod: Json = z.toJSONSchema(LedgerSchema, { io: 'input', unrepresentable: 'any' })

/** Follows $ref and peels nullable unions down to the object or array schema, if there is one. */
function shape(root: Json, s: Json): Json {
  if (!s) return s
  if (s.$ref) return shape(root, root.$defs[s.$ref.replace('#/$defs/', '')])
  for (const alt of s.anyOf ?? s.oneOf ?? []) {
    const inner = shape(root, alt)
    if (inner?.properties || inner?.items) return inner
  }
  return s
}

interface ObjectShape {
  path: string
  keys: string[]
  required: string[]
  closed: boolean
}

/** Every object schema reachable from the root, by path, with its keys. */
function objects(root: Json, s: Json = root, path = '(root)'): ObjectShape[] {
  const node = shape(root, s)
  if (node?.items) return objects(root, node.items, `${path}[]`)
  if (!node?.properties) return []
  const here: ObjectShape = {
    path,
    keys: Object.keys(node.properties).sort(),
    required: [...(node.required ?? [])].sort(),
    closed: node.additionalProperties === false,
  }
  return [here, ...Object.entries(node.properties).flatMap(([k, v]) => objects(root, v, `${path}.${k}`))]
}

/** Every property path a value uses, arrays walked element by element. */
function usedPaths(value: Json, path = '(root)'): Set<string> {
  const out = new Set<string>()
  if (Array.isArray(value)) {
    for (const v of value) for (const p of usedPaths(v, `${path}[]`)) out.add(p)
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(`${path}.${k}`)
      for (const p of usedPaths(v, `${path}.${k}`)) out.add(p)
    }
  }
  return out
}

describe('the ledger schema matches the contract key by key', () => {
  const theirs = objects(contract)
  const ours = new Map(objects(fromZod).map((o) => [o.path, o]))

  it.each(theirs.map((o) => [o.path, o] as const))(
    'declares the same keys, required keys and closedness at %s',
    (_path, o) => {
      expect(ours.get(o.path)).toEqual(o)
    },
  )

  it('declares no object the contract does not', () => {
    expect([...ours.keys()].sort()).toEqual(theirs.map((o) => o.path).sort())
  })
})

describe('a ledger using every optional field', () => {
  it('uses every property the contract declares', () => {
    const declared = objects(contract).flatMap((o) => o.keys.map((k) => `${o.path}.${k}`))
    const used = usedPaths(FULL_LEDGER)
    expect(declared.filter((p) => !used.has(p))).toEqual([])
  })

  it('parses, unchanged', () => {
    const r = parseLedger(structuredClone(FULL_LEDGER))
    expect(r).toEqual({ ok: true, ledger: FULL_LEDGER })
  })

  it.each([
    ['an fx rate with a float', { fxRates: [{ currency: 'EUR', rate: 1.08, date: '2026-01-01' }] }, 'fxRates[0].rate'],
    [
      'an fx rate with 11 decimals',
      { fxRates: [{ currency: 'EUR', rate: '1.00000000001', date: '2026-01-01' }] },
      'fxRates[0].rate',
    ],
    ['a holiday that is no date', { policy: { holidays: ['2026-02-30'] } }, 'policy.holidays[0]'],
    [
      'a JPY remittance with cents',
      {
        payments: [
          {
            id: 'P',
            customerId: 'C',
            amount: '100',
            currency: 'JPY',
            date: '2026-01-01',
            remittance: [{ invoiceNumber: 'I', paid: '99.50' }],
          },
        ],
      },
      'payments[0].remittance[0].paid',
    ],
    [
      'an unknown remittance key',
      {
        payments: [
          {
            id: 'P',
            customerId: 'C',
            amount: '1',
            currency: 'USD',
            date: '2026-01-01',
            remittance: [{ invoiceNumber: 'I', paid: '1', memo: 'x' }],
          },
        ],
      },
      'payments[0].remittance[0]',
    ],
  ])('rejects %s at its path', (_name, patch, path) => {
    const r = parseLedger({ format: 'dispute-desk.ledger/v1', customers: [], invoices: [], ...patch })
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toContain(path)
  })
})
