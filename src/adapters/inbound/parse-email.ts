/**
 * A raw RFC 822 message (a POSTed body, one .eml, one message of an .mbox) read with mailparser into
 * what the customer-messages service matches: sender, subject, plain text (from the HTML part when
 * there is no text part), Message-ID and the thread's In-Reply-To / References.
 */
import type { AddressObject } from 'mailparser'
import type { CustomerMessageInput } from '../../services/customer-messages.ts'

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(a) ? a : a ? [a] : []
  return list.flatMap((x) => x.value)[0]
}

const addressText = (a: AddressObject | AddressObject[] | undefined): string | undefined => {
  const list = Array.isArray(a) ? a : a ? [a] : []
  return list.map((x) => x.text).join(', ') || undefined
}

export async function parseEmail(raw: string | Uint8Array): Promise<CustomerMessageInput> {
  // mailparser and its HTML, MIME and entity modules (about 0.6 MB) load on the first message, not at start.
  const { simpleParser } = await import('mailparser')
  const mail = await simpleParser(typeof raw === 'string' ? raw : Buffer.from(raw), {
    skipImageLinks: true,
    skipTextToHtml: true,
  })
  const from = firstAddress(mail.from)
  const refs = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? [])
  const text = mail.text ?? (typeof mail.html === 'string' ? mail.html.replace(/<[^>]+>/g, ' ') : '')
  return {
    channel: 'email',
    from: from?.address,
    fromName: from?.name || undefined,
    to: addressText(mail.to),
    subject: mail.subject,
    text: text.trim(),
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: refs,
    at: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
  }
}

/**
 * The messages of an mbox file (mboxo/mboxrd): each starts with a "From " line after a blank line
 * (or at the top); ">From " quoted inside a body is unquoted one level.
 */
export function splitMbox(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const messages: string[][] = []
  let current: string[] | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.startsWith('From ') && (i === 0 || lines[i - 1] === '')) {
      current = []
      messages.push(current)
      continue
    }
    current?.push(/^>+From /.test(line) ? line.slice(1) : line)
  }
  return messages.map((m) => m.join('\n').replace(/\n+$/, '\n')).filter((m) => m.trim())
}

/** An .eml is one message; an .mbox (or any file whose first line is an mbox "From " line) is many. */
export function messagesInFile(name: string, text: string): string[] {
  return /\.mbox$/i.test(name) || /^From \S+/.test(text) ? splitMbox(text) : [text]
}
