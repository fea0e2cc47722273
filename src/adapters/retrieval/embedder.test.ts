import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import fc from 'fast-check'
import { fromSql } from 'pgvector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { l2Normalise, toVectorLiteral } from './embedder.ts'

describe('toVectorLiteral', () => {
  it('writes pgvector text form rounded to six decimals', () => {
    expect(toVectorLiteral([0, 0.5, -0.1234567, 1, -1e-9])).toBe('[0,0.5,-0.123457,1,0]')
  })

  describe('on a real pgvector', () => {
    let pg: PGlite
    beforeAll(async () => {
      pg = await PGlite.create({ extensions: { vector } })
      await pg.exec('CREATE EXTENSION IF NOT EXISTS vector')
    })
    afterAll(() => pg.close())

    it('round-trips every component of a unit vector within 5e-7', async () => {
      const unit = fc.array(fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), {
        minLength: 1,
        maxLength: 64,
      })
      await fc.assert(
        fc.asyncProperty(unit, async (raw) => {
          const v = l2Normalise(raw.map((x) => (Object.is(x, -0) ? 0 : x)))
          const { rows } = await pg.query<{ v: string }>('SELECT $1::vector::text AS v', [toVectorLiteral(v)])
          const back = fromSql(rows[0]?.v ?? null) as number[]
          expect(back).toHaveLength(v.length)
          back.forEach((x, i) => expect(Math.abs(x - (v[i] ?? 0))).toBeLessThanOrEqual(5e-7 + 1e-7))
        }),
        { numRuns: 50, seed: 18 },
      )
    })
  })
})
