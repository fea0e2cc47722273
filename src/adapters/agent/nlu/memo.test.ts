import { describe, expect, it } from 'vitest'
import { classifyReason } from './classify-reason.ts'
import { memoizedByText } from './memo.ts'

describe('memoizedByText', () => {
  it('reads a text once, and again only after the memory was emptied past its bound', () => {
    const read: string[] = []
    const upper = memoizedByText((text) => {
      read.push(text)
      return text.toUpperCase()
    }, 2)
    expect([upper('crate'), upper('crate'), upper('pallet')]).toEqual(['CRATE', 'CRATE', 'PALLET'])
    expect(read).toEqual(['crate', 'pallet'])
    upper('drum') // the third text empties the memory before it is kept
    upper('crate')
    expect(read).toEqual(['crate', 'pallet', 'drum', 'crate'])
  })

  it('keeps an answer that is undefined too', () => {
    let reads = 0
    const none = memoizedByText(() => {
      reads += 1
      return undefined
    })
    none('x')
    none('x')
    expect(reads).toBe(1)
  })
})

describe('classifyReason, memoized (check)', () => {
  it('gives each caller its own result: one that changes it leaves the next reading as it was', () => {
    const text = 'the unit price on the invoice is above the rate our contract sets for the widgets'
    const first = classifyReason(text)
    const code = first.code
    expect(code).toBe('pricing_error')
    first.code = null
    first.alternatives.push({ code: 'other', confidence: 1 })
    const again = classifyReason(text)
    expect(again.code).toBe(code)
    expect(again.alternatives).not.toContainEqual({ code: 'other', confidence: 1 })
  })
})
