/** Streamed text is sent a sentence at a time, guarded, and nothing is lost or split inside a figure. */
import { describe, expect, it } from 'vitest'
import { guardedStream } from './guarded-stream.ts'

describe('guardedStream', () => {
  it('sends whole sentences as they complete, never a figure cut in two', () => {
    const sent: string[] = []
    const s = guardedStream(
      () => new Set(['150']),
      (t) => sent.push(t),
    )
    for (const token of ['A credit of $', '1', ',234', '.56 is', ' invented. ', '$150', '.00 is due.', ' Sure'])
      s.push(token)
    expect(sent).toEqual([
      'A credit of [amount withheld: not from the investigation] is invented. ',
      '$150.00 is due. ',
    ])
    s.flush()
    expect(sent.join('')).toBe(
      'A credit of [amount withheld: not from the investigation] is invented. $150.00 is due. Sure',
    )
  })
})
