import { describe, expect, it } from 'vitest'
import { createSseParser, readSse, type SseMessage } from './sse.ts'

describe('createSseParser', () => {
  const cases: { name: string; chunks: string[]; expected: SseMessage[] }[] = [
    {
      name: 'reads named events with JSON data',
      chunks: ['event: progress\ndata: {"text":"Fetching INV-1001…"}\n\n'],
      expected: [{ event: 'progress', data: '{"text":"Fetching INV-1001…"}' }],
    },
    {
      name: 'joins an event split across chunks at any byte',
      chunks: ['event: te', 'xt\nda', 'ta: {"delta":"a"}\n', '\nevent: done\ndata: {}\n\n'],
      expected: [
        { event: 'text', data: '{"delta":"a"}' },
        { event: 'done', data: '{}' },
      ],
    },
    {
      name: 'accepts CRLF line ends even when split between \\r and \\n',
      chunks: ['event: x\r', '\ndata: 1\r\n\r\n'],
      expected: [{ event: 'x', data: '1' }],
    },
    {
      name: 'joins multi-line data with newlines and defaults the event name to message',
      chunks: ['data: a\ndata: b\n\n'],
      expected: [{ event: 'message', data: 'a\nb' }],
    },
    {
      name: 'ignores comments and events without data',
      chunks: [': keep-alive\n\nevent: ping\n\n'],
      expected: [],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const parse = createSseParser()
      expect(c.chunks.flatMap((chunk) => parse(chunk))).toEqual(c.expected)
    })
  }
})

describe('readSse', () => {
  it('delivers a final event that lacks the closing blank line', async () => {
    const bytes = new TextEncoder().encode('event: done\ndata: {"ok":true}')
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 5))
        controller.enqueue(bytes.slice(5))
        controller.close()
      },
    })
    const seen: SseMessage[] = []
    await readSse(body, (m) => seen.push(m))
    expect(seen).toEqual([{ event: 'done', data: '{"ok":true}' }])
  })
})
