import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from './inbound.ts'

const dir = mkdtempSync(join(tmpdir(), 'dd-inbound-cli-'))
const message = (id: string, subject: string) =>
  `From: someone@unknown.example\nTo: ar@meridian.example\nSubject: ${subject}\nMessage-ID: <${id}@unknown.example>\n\nHello.\n`

describe('npm run inbound', () => {
  it('records every message of an mbox once, and says what became of each', async () => {
    const file = join(dir, 'export.mbox')
    writeFileSync(
      file,
      [
        'From someone@unknown.example Sun Mar 15 09:00:00 2026',
        message('a', 'first'),
        'From someone@unknown.example Sun Mar 15 10:00:00 2026',
        message('b', 'second'),
        'From someone@unknown.example Sun Mar 15 10:00:00 2026',
        message('a', 'first again'),
      ].join('\n'),
    )
    const out: string[] = []
    // An empty database: nothing to match, so each is kept as unmatched; the repeated Message-ID is not.
    expect(await main([file], { DISPUTE_DESK_DATA: 'memory' }, { log: (l) => out.push(l) })).toBe(0)
    expect(out.at(-1)).toBe('0 added to open disputes, 0 opened draft disputes, 2 unmatched, 1 seen before.')
    expect(out[0]).toBe(`${file} #1: unmatched`)
  })

  it('answers usage errors with exit code 2 and --help with 0', async () => {
    const out: string[] = []
    expect(await main(['--help'], {}, { log: (l) => out.push(l) })).toBe(0)
    expect(out[0]).toMatch(/^usage: npm run inbound/)
    const err = console.error
    console.error = () => {}
    try {
      expect(await main([], {})).toBe(2)
    } finally {
      console.error = err
    }
  })
})
