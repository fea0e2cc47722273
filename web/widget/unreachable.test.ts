import { describe, expect, it } from 'vitest'
import { unreachableMessage } from './unreachable.ts'

const answered = async () => true
const silent = async () => false

describe('what the widget says when its request got no answer', () => {
  it('names DISPUTE_DESK_CORS_ORIGINS and the page origin when the server answers a request CORS does not guard', async () => {
    const probed: string[] = []
    const message = await unreachableMessage(
      'https://disputes.example.com/',
      'https://portal.example.org',
      async (url) => {
        probed.push(url)
        return true
      },
    )
    expect(probed).toEqual(['https://disputes.example.com/widget.js'])
    expect(message).toBe(
      'The dispute assistant at https://disputes.example.com does not accept requests from this page: ' +
        'add https://portal.example.org to DISPUTE_DESK_CORS_ORIGINS on its server.',
    )
  })

  it('says the server is unreachable, naming it, when that request gets no answer either', async () => {
    expect(await unreachableMessage('https://disputes.example.com', 'https://portal.example.org', silent)).toBe(
      'Could not reach the dispute assistant at https://disputes.example.com. Check the connection and try again.',
    )
  })

  it('never blames CORS on the server’s own pages, where no origin check applies', async () => {
    expect(await unreachableMessage('http://127.0.0.1:8787', 'http://127.0.0.1:8787', answered)).toBe(
      'Could not reach the dispute assistant. Check the connection and try again.',
    )
  })
})
