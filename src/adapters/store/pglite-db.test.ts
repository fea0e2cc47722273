import { describe, expect, it } from 'vitest'
import { SerialQueue } from './pglite-db.ts'

/** Synchronous work, as PGlite's WebAssembly does inside a statement. */
const busy = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end) {}
}

describe('SerialQueue', () => {
  it('runs jobs in the order they were queued, past a failed one', async () => {
    const q = new SerialQueue()
    const order: number[] = []
    const jobs = [1, 2, 3].map((n) =>
      q.run(async () => {
        order.push(n)
        if (n === 2) throw new Error('refused')
        return n
      }),
    )
    await expect(jobs[1]).rejects.toThrow('refused')
    expect(await Promise.all([jobs[0], jobs[2]])).toEqual([1, 3])
    expect(order).toEqual([1, 2, 3])
  })

  it('lets a timer run while a long line of synchronous jobs drains', async () => {
    const q = new SerialQueue()
    const seen: string[] = []
    setTimeout(() => seen.push('timer'), 0)
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        q.run(async () => {
          busy(2)
          seen.push(`job ${i}`)
        }),
      ),
    )
    // 80 ms of work: without a macrotask between jobs the timer would fire only after the last one.
    const timerAt = seen.indexOf('timer')
    expect(timerAt).toBeGreaterThan(-1)
    expect(timerAt).toBeLessThan(seen.length - 1)
  })
})
