import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../config.ts'

describe('notification settings', () => {
  it('send nothing by default, and run every 30 s with the digest from 07:00', () => {
    const r = parseConfig({})
    if (!r.ok) throw new Error(r.errors.join())
    expect(r.config.notify).toMatchObject({
      smtpUrl: undefined,
      webhooks: [],
      teams: {},
      everySeconds: 30,
      digestHour: 7,
    })
  })

  it('pair webhook URLs with their secrets and teams with their mailboxes', () => {
    const r = parseConfig({
      DISPUTE_DESK_SMTP_URL: 'smtp://u:p@mail.example:587',
      DISPUTE_DESK_WEBHOOKS: 'https://hooks.example/a, https://crm.example/b',
      DISPUTE_DESK_WEBHOOK_SECRETS: 'aaaaaaaaaaaaaaaa1,bbbbbbbbbbbbbbbb2',
      DISPUTE_DESK_NOTIFY_TEAMS: 'billing=billing@meridian.example,sales=sales@meridian.example',
    })
    if (!r.ok) throw new Error(r.errors.join())
    expect(r.config.notify.webhooks).toEqual([
      { url: 'https://hooks.example/a', secret: 'aaaaaaaaaaaaaaaa1' },
      { url: 'https://crm.example/b', secret: 'bbbbbbbbbbbbbbbb2' },
    ])
    expect(r.config.notify.teams).toEqual({ billing: 'billing@meridian.example', sales: 'sales@meridian.example' })
  })

  it('name the variable of each problem', () => {
    const r = parseConfig({
      DISPUTE_DESK_SMTP_URL: 'mail.example',
      DISPUTE_DESK_WEBHOOKS: 'ftp://x.example',
      DISPUTE_DESK_NOTIFY_TEAMS: 'marketing=m@x.example',
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.split(':')[0])).toEqual([
      'DISPUTE_DESK_SMTP_URL',
      'DISPUTE_DESK_WEBHOOKS',
      'DISPUTE_DESK_WEBHOOK_SECRETS',
      'DISPUTE_DESK_NOTIFY_TEAMS',
    ])
  })
})
