import { describe, expect, it } from 'vitest'
import { claimColumn, withoutSettledRows } from './claim-column.ts'

const sheet = [
  'Their review, pasted:',
  'No.  Item                  Charged    Approved   Cut      Reason',
  '1    Site survey           450.00     450.00     0.00',
  '2    Drawings 12 sheets    960.00     840.00     120.00   Sheet rate over schedule',
  'Total                      1,410.00   1,290.00   120.00',
].join('\n')
const cells = (text: string, spans: { index: number; length: number }[]) =>
  spans.map((s) => text.slice(s.index, s.index + s.length))

describe('a pasted sheet whose header names a column of claims', () => {
  it('holds the figures claimed in that column, on the rows where they are not nought', () => {
    const { claimed, settled } = claimColumn(sheet)
    expect(cells(sheet, claimed)).toEqual(['120.00', '120.00'])
    expect(cells(sheet, settled)).toEqual(['1    Site survey           450.00     450.00     0.00'])
  })

  it('blanks the rows not disputed, keeping every other position', () => {
    const out = withoutSettledRows(sheet)
    expect(out).toHaveLength(sheet.length)
    expect(out).not.toContain('Site survey')
    expect(out).toContain('Drawings 12 sheets')
  })

  it('reads nothing in a table whose header names no column of claims', () => {
    const plain = sheet.replace('Cut', 'Net')
    expect(claimColumn(plain)).toEqual({ claimed: [], settled: [] })
  })
})
