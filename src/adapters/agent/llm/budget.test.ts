/** Tool results cut to the budget stay valid JSON and say what was left out; history keeps whole turns. */
import { describe, expect, it } from 'vitest'
import { fitTurns, sizedJson } from './budget.ts'

describe('sizedJson', () => {
  it('leaves a result within the budget as it is', () => {
    expect(sizedJson({ a: [1, 2] }, 100)).toBe('{"a":[1,2]}')
  })

  it('drops the tail of the longest array first and says how many were left out', () => {
    const value = { customer: 'Globex', invoices: Array.from({ length: 200 }, (_, i) => ({ number: `INV-${i}` })) }
    const text = sizedJson(value, 800)
    expect(text.length).toBeLessThanOrEqual(800)
    const parsed = JSON.parse(text) as { customer: string; invoices: unknown[] }
    expect(parsed.customer).toBe('Globex')
    expect(parsed.invoices[0]).toEqual({ number: 'INV-0' })
    expect(String(parsed.invoices.at(-1))).toMatch(/^… \d+ more not shown/)
  })

  it('shortens long strings, and as a last resort says the result was too large', () => {
    expect(JSON.parse(sizedJson({ note: 'x'.repeat(5_000) }, 400)).note).toMatch(/^x{200}…$/)
    expect(JSON.parse(sizedJson({ a: 'y'.repeat(300), b: 'z'.repeat(300) }, 100))).toMatchObject({ truncated: true })
  })
})

describe('fitTurns', () => {
  it('keeps the newest whole turns within the budget', () => {
    const turns = [['aaaa', 'bbbb'], ['cc'], ['dddd']]
    const { kept, trimmed } = fitTurns(turns, (s) => s.length, 7)
    expect(kept).toEqual([['cc'], ['dddd']])
    expect(trimmed).toBe(1)
  })
})
