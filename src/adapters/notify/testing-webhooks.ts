/**
 * A webhook receiver for tests, on a loopback port: it checks each post's signature against the
 * secret, records it, and answers the statuses it is given in turn, then 200.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from './webhook.ts'

export interface Hit {
  body: string
  valid: boolean
  delivery: string
}

/** A webhook receiver that verifies each signature and answers the statuses it is given, then 200. */
export async function webhookSink(
  secret: string,
  statuses: number[] = [],
): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', async () => {
      const valid = await verifyWebhookSignature(
        secret,
        { signature: req.headers[SIGNATURE_HEADER] as string, timestamp: req.headers[TIMESTAMP_HEADER] as string },
        body,
        Number(req.headers[TIMESTAMP_HEADER]),
      )
      hits.push({ body, valid, delivery: String(req.headers[DELIVERY_HEADER]) })
      res.statusCode = statuses.shift() ?? 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
