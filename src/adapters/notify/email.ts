/**
 * Email over SMTP with nodemailer: notifications, the digest and the threaded replies to customers.
 * nodemailer (0.7 MB of modules) is loaded on the first mail, not at start (docs/performance.md).
 */
import type { Transporter } from 'nodemailer'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  /** Set for replies to customers, so their mail client threads them ("<…@…>"). */
  messageId?: string
  inReplyTo?: string
  references?: string[]
}

export interface EmailSender {
  send(mail: OutgoingEmail): Promise<void>
  close(): void
}

export function smtpSender(smtpUrl: string, from: string): EmailSender {
  let transport: Promise<Transporter> | undefined
  const open = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl))
    return transport
  }
  return {
    async send(mail) {
      await (await open()).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
      })
    },
    close() {
      void transport?.then((t) => t.close())
    },
  }
}
