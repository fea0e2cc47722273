/**
 * Server-Sent Events over fetch: EventSource cannot send an Authorization header, so the widget
 * reads the response body itself. Follows the WHATWG parsing rules for the fields we use.
 */
export interface SseMessage {
  event: string
  data: string
}

/** Incremental parser: feed it text chunks as they arrive, it returns the complete messages. */
export function createSseParser(): (chunk: string) => SseMessage[] {
  let buffer = ''
  let event = ''
  let data: string[] = []
  return (chunk) => {
    buffer += chunk
    const out: SseMessage[] = []
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer)
      // A lone trailing "\r" may be the first half of "\r\n": wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break
      const line = buffer.slice(0, match.index)
      buffer = buffer.slice(match.index + match[0].length)
      if (line === '') {
        if (data.length) out.push({ event: event || 'message', data: data.join('\n') })
        event = ''
        data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      let value = colon === -1 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    return out
  }
}

/** Reads a streamed response body to the end, calling `onMessage` for each event. */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (m: SseMessage) => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const parse = createSseParser()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (const m of parse(decoder.decode(value, { stream: true }))) onMessage(m)
  }
  for (const m of parse(`${decoder.decode()}\n\n`)) onMessage(m)
}
