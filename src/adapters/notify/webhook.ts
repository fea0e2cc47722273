/**
 * Signed webhooks (Slack/Teams bridges, a CRM): a JSON POST whose signature is HMAC-SHA256 over
 * "<timestamp>.<body>" with the receiver's secret. Web Crypto and fetch only, so it runs on Workers.
 * A receiver recomputes the signature, compares in constant time and refuses a stale timestamp
 * (verifyWebhookSignature does all three).
 */

export const SIGNATURE_HEADER = 'x-disputedesk-signature'
export const TIMESTAMP_HEADER = 'x-disputedesk-timestamp'
export const DELIVERY_HEADER = 'x-disputedesk-delivery'

const encoder = new TextEncoder()

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(text))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The signature header's value: "v1=<hex>". */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  return `v1=${await hmacHex(secret, `${timestamp}.${body}`)}`
}

/** For receivers: true when the header signs this body at this timestamp, within `toleranceSeconds` of now. */
export async function verifyWebhookSignature(
  secret: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  const ts = Number(headers.timestamp)
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false
  const expected = await signWebhook(secret, ts, body)
  const given = headers.signature
  if (given.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i)
  return diff === 0
}

export interface WebhookPost {
  url: string
  secret: string
  /** The delivery's id: the same on every retry, so a receiver can drop a duplicate. */
  deliveryId: string
  body: string
  nowSeconds: number
  timeoutMs?: number
}

/** Posts once; a non-2xx answer or a network failure throws (the dispatcher retries with backoff). */
export async function postWebhook(p: WebhookPost, fetchFn: typeof fetch = fetch): Promise<void> {
  const res = await fetchFn(p.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'DisputeDesk-Webhook/1',
      [TIMESTAMP_HEADER]: String(p.nowSeconds),
      [SIGNATURE_HEADER]: await signWebhook(p.secret, p.nowSeconds, p.body),
      [DELIVERY_HEADER]: p.deliveryId,
    },
    body: p.body,
    signal: AbortSignal.timeout(p.timeoutMs ?? 10_000),
    redirect: 'manual',
  })
  // Drain the body so the connection is reused.
  await res.arrayBuffer().catch(() => undefined)
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`)
}
