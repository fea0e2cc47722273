/** Email over SMTP with nodemailer: notifications, the digest and the threaded replies to customers. */
import nodemailer from 'nodemailer'

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
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
      })
    },
    close: () => transport.close(),
  }
}
