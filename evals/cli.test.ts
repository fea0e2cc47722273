import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Io, main } from '../src/cli/evals.ts'

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (l) => stderr.push(l) }
}

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n')

describe('npm run evals', () => {
  it('--reasons --json reports n, accuracy, perReason and confusion on stdout for the mapped categories only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evals-cli-'))
    const file = join(dir, 'b77.csv')
    writeFileSync(
      file,
      csv([
        ['text', 'category'],
        ['I was charged twice for the same coffee', 'transaction_charged_twice'],
        ["there's a payment on my card I don't recognise", 'card_payment_not_recognised'],
        ['how do I change my PIN?', 'change_pin'],
      ]),
    )
    const io = capture()
    expect(await main(['--reasons', file, '--json'], {}, io)).toBe(0)
    const body = JSON.parse(io.stdout.join(''))
    expect(Object.keys(body).sort()).toEqual(['accuracy', 'confusion', 'n', 'perReason'])
    expect(body.n).toBe(2)
    expect(Object.keys(body.perReason).sort()).toEqual(['duplicate_billing', 'unrecognized_charge'])
    expect(io.stderr.join('\n')).toMatch(/reasons: .* of 2 labelled messages/)
  })

  it('exits 2 with the usage on a bad argument and 1 when a file cannot be read', async () => {
    const io = capture()
    expect(await main(['--engine', 'gpt'], {}, io)).toBe(2)
    expect(io.stderr.join('\n')).toContain('usage:')
    expect(await main(['--reasons', '/nowhere/x.csv'], {}, capture())).toBe(1)
    expect(await main(['--cases', '/nowhere'], {}, capture())).toBe(1)
  })
})
