import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAiEmbedder } from './openai-embedder.ts'

/** A scripted OpenAI-compatible embeddings endpoint: vector i is [i+1, 1, 0, ...], returned out of order. */
let server: Server
let baseURL: string
const requests: { model: string; input: string[]; dimensions: number }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      const r = JSON.parse(body) as { model: string; input: string[]; dimensions: number; encoding_format?: string }
      requests.push(r)
      const data = r.input.map((_, i) => {
        // A misbehaving model: one dimension short.
        const v = new Array<number>(r.model === 'short' ? r.dimensions - 1 : r.dimensions).fill(0)
        v[0] = i + 1
        v[1] = 1
        // The SDK asks for base64 (little-endian float32) unless told otherwise.
        const embedding =
          r.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v
        return { object: 'embedding', index: i, embedding }
      })
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ object: 'list', model: r.model, data: data.reverse(), usage: {} }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('openAiEmbedder', () => {
  it('batches inputs, keeps their order, asks for the configured dimension and normalises', async () => {
    const e = openAiEmbedder({ apiKey: 'test', baseURL, model: 'text-embedding-3-small', dimension: 4, batchSize: 2 })
    expect(e).toMatchObject({ id: 'openai/text-embedding-3-small/4', dimension: 4 })
    const v = await e.embed(['a', '', 'c'])
    expect(requests.map((r) => r.input)).toEqual([['a', ' '], ['c']])
    expect(requests[0]).toMatchObject({ model: 'text-embedding-3-small', dimensions: 4 })
    expect(v).toHaveLength(3)
    expect(v[1]?.[0]).toBeCloseTo(2 / Math.sqrt(5))
    expect(v[2]?.[0]).toBeCloseTo(1 / Math.sqrt(2))
    for (const x of v) expect(Math.hypot(...x)).toBeCloseTo(1)
  })

  it('refuses vectors of another dimension than the column', async () => {
    const e = openAiEmbedder({ apiKey: 'test', baseURL, model: 'short', dimension: 4 })
    await expect(e.embed(['x'])).rejects.toThrow('embedding from short has 3 dimensions, expected 4')
  })
})
