/**
 * Where notifications go, read from the environment by src/config.ts. Nothing configured is a valid
 * setting: the dispatcher still plans every delivery and records it as skipped, with why.
 */
import { TEAMS, type Team } from '../../core/resolution.ts'

export interface WebhookTarget {
  url: string
  secret: string
}

export interface NotifyConfig {
  /** smtp://user:pass@host:587 or smtps://…; absent: emails are recorded as skipped. */
  smtpUrl: string | undefined
  /** The From address of every email (notifications and replies to customers). */
  from: string
  webhooks: WebhookTarget[]
  /** A team's shared mailbox ("billing" → "billing@…"); a team without one is skipped. */
  teams: Partial<Record<Team, string>>
  /** How often the dispatcher runs; 0 turns it off (then nothing is planned or sent). */
  everySeconds: number
  /** The local hour (0-23) from which the day's digest goes to the leads. */
  digestHour: number
}

export interface NotifyEnv {
  DISPUTE_DESK_SMTP_URL?: string | undefined
  DISPUTE_DESK_MAIL_FROM?: string | undefined
  DISPUTE_DESK_WEBHOOKS?: string | undefined
  DISPUTE_DESK_WEBHOOK_SECRETS?: string | undefined
  DISPUTE_DESK_NOTIFY_TEAMS?: string | undefined
  DISPUTE_DESK_NOTIFY_EVERY_SECONDS?: number | undefined
  DISPUTE_DESK_DIGEST_HOUR?: number | undefined
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)

const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/** The notification settings, or the problems with them (each names its variable). */
export function notifyConfigOf(env: NotifyEnv): { ok: true; value: NotifyConfig } | { ok: false; errors: string[] } {
  const errors: string[] = []
  const smtpUrl = env.DISPUTE_DESK_SMTP_URL?.trim() || undefined
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    errors.push('DISPUTE_DESK_SMTP_URL: expected smtp://user:pass@host:port or smtps://…')
  const urls = list(env.DISPUTE_DESK_WEBHOOKS)
  const secrets = list(env.DISPUTE_DESK_WEBHOOK_SECRETS)
  for (const u of urls)
    if (!isHttpUrl(u)) errors.push(`DISPUTE_DESK_WEBHOOKS: ${u.slice(0, 100)} is not an http(s) URL`)
  if (urls.length && secrets.length !== 1 && secrets.length !== urls.length)
    errors.push(
      'DISPUTE_DESK_WEBHOOK_SECRETS: give one secret for every webhook URL, in the same order, or one for all',
    )
  for (const s of secrets)
    if (s.length < 16) errors.push('DISPUTE_DESK_WEBHOOK_SECRETS: each secret needs 16 characters or more')
  const teams: Partial<Record<Team, string>> = {}
  for (const pair of list(env.DISPUTE_DESK_NOTIFY_TEAMS)) {
    const [team, address] = pair.split('=').map((x) => x.trim())
    if (!team || !address || !(TEAMS as readonly string[]).includes(team) || !address.includes('@'))
      errors.push(`DISPUTE_DESK_NOTIFY_TEAMS: "${pair.slice(0, 100)}" is not team=address (teams: ${TEAMS.join(', ')})`)
    else teams[team as Team] = address
  }
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      smtpUrl,
      from: env.DISPUTE_DESK_MAIL_FROM?.trim() || 'DisputeDesk <disputedesk@localhost>',
      webhooks: urls.map((url, i) => ({ url, secret: (secrets[i] ?? secrets[0]) as string })),
      teams,
      everySeconds: env.DISPUTE_DESK_NOTIFY_EVERY_SECONDS ?? 30,
      digestHour: env.DISPUTE_DESK_DIGEST_HOUR ?? 7,
    },
  }
}
