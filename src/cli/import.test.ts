import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EXAMPLE_LEDGER_PATH } from '../testing/example-ledger.ts'
import { main, parseArgs } from './import.ts'

const env = { DISPUTE_DESK_DATA: 'memory' }
const dir = mkdtempSync(join(tmpdir(), 'dd-import-cli-'))
afterEach(() => vi.restoreAllMocks())

function captured() {
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  return out
}

describe('npm run import', () => {
  it('reads options and refuses unknown ones with the usage', () => {
    expect(parseArgs(['a.csv', '--format', 'ibm', '--currency', 'eur'])).toEqual({
      files: ['a.csv'],
      format: 'ibm',
      currency: 'EUR',
    })
    expect(parseArgs(['a.csv', '--format', 'xml'])).toMatch(/--format: one of/)
    expect(parseArgs(['--nope', 'x', 'a.json'])).toMatch(/unknown option --nope/)
    expect(parseArgs([])).toMatch(/^usage:/)
  })

  it('imports a ledger JSON file', async () => {
    const out = captured()
    expect(await main([EXAMPLE_LEDGER_PATH], env)).toBe(0)
    expect(out.join('\n')).toMatch(/invoices? 5 new/)
  })

  it('converts an ERP CSV export and imports it', async () => {
    const file = join(dir, 'netsuite.csv')
    writeFileSync(
      file,
      [
        'Type,Date,Document Number,Name,Item,Quantity,Rate,Amount,Due Date,Currency',
        'Invoice,03/01/2026,INV-77,Acme Ltd,WIDGET,10,12.50,125.00,03/31/2026,USD',
      ].join('\n'),
    )
    const out = captured()
    const code = await main([file, '--company', 'Northwind Supply Co.'], env)
    expect(out.join('\n')).toContain('read as csv')
    expect(code).toBe(0)
  })

  it('keeps one company per data folder, and a re-import updates a changed open balance and says so', async () => {
    const folder = { DISPUTE_DESK_DATA: mkdtempSync(join(tmpdir(), 'dd-import-folder-')) }
    const file = join(dir, 'quickbooks.csv')
    const header = 'Date,Transaction Type,Num,Customer,Due Date,Product/Service,Qty,Rate,Amount,Open Balance'
    const export1 = `${header}\n01/05/2026,Invoice,1041,Wayne Foods,01/20/2026,Crates,50,22.00,1100.00,1100.00\n`
    writeFileSync(file, export1)
    let out = captured()
    // An export names no company, and a new folder has none.
    expect(await main([file], folder)).toBe(1)
    expect(out.join('\n')).toContain('pass --company NAME')
    out = captured()
    expect(await main([file, '--company', 'Wayne Supply Ltd'], folder)).toBe(0)
    expect(out.join('\n')).toMatch(/invoices 1 new/)

    // The customer paid 1,000.00 since: the next export's open balance is 100.00.
    writeFileSync(file, export1.replace(/1100\.00\n$/, '100.00\n'))
    out = captured()
    expect(await main([file], folder)).toBe(0)
    expect(out.join('\n')).toContain('payments 1 new')
    writeFileSync(file, export1.replace(/1100\.00\n$/, '40.00\n'))
    out = captured()
    expect(await main([file], folder)).toBe(0)
    expect(out.join('\n')).toContain('changed: payment PAY-1041-BALANCE on 1041: 1000.00 → 1060.00')

    // Another company's ledger is refused, not merged into these books.
    out = captured()
    expect(await main([EXAMPLE_LEDGER_PATH], folder)).toBe(1)
    expect(out.join('\n')).toContain('holds the books of "Wayne Supply Ltd"')
  })

  it('reports a broken CSV by row and column, and imports nothing', async () => {
    const file = join(dir, 'broken.csv')
    writeFileSync(
      file,
      ['Type,Date,Document Number,Name,Item,Quantity,Rate,Amount', 'Invoice,not a date,INV-1,Acme,W,1,x,1'].join('\n'),
    )
    const out = captured()
    expect(await main([file], env)).toBe(1)
    expect(out.join('\n')).toMatch(/row 2, column "/)
  })
})
