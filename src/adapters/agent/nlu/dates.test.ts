import { describe, expect, it } from 'vitest'
import { findDates, numericDateReadings } from './dates.ts'
import { describeMessage } from './invoice-clues.ts'
import { extractFacts } from './facts.ts'

const today = '2026-05-20' // a Wednesday
const read = (text: string) => extractFacts(text, { today }).facts

describe('weekdays and months only as whole words', () => {
  it.each([
    ['they paid but the money never cleared'],
    ["they paid, but they're not satisfied with the install"],
    ['paid the monthly retainer in full'],
    ['they sent the payment and a friendly reminder'],
    ['wire sent for the sundry items'],
    ['paid the wedge anchors invoice already'],
    ['they settled, thus the balance is wrong'],
    ['they paid the monitor rental twice'],
  ])('finds no date in %j', (text) => {
    expect(findDates(text, today)).toEqual([])
    expect(read(text).paymentDate).toBeUndefined()
  })

  it.each([
    ['need this sorted before the monthly close'],
    ['customer wants an answer by the Saturnalia party'],
    ['please resolve by the time the money lands'],
    ['due before the satisfaction survey goes out'],
    ['get it done by the friday-style deadline they keep moving'],
  ])('reads no deadline from a word that only contains a weekday in %j', (text) => {
    expect(read(text).deadline).toBeUndefined()
  })

  it.each([
    ['they paid on Monday', '2026-05-18'],
    ['wire went out last Fri', '2026-05-15'],
    ['they sent the cheque on Tuesday', '2026-05-19'],
  ])('still reads the weekday in %j', (text, date) => {
    expect(read(text).paymentDate).toBe(date)
  })
})

describe('a month at the end of a sentence', () => {
  it.each([
    ['the scaffold came down in August. 3 loads went back to the yard', []],
    ['no patrol on the 9th and 16th May. 2 days x 300', ['2026-05-09', '2026-05-16']],
    ['the last visit was Sept. 3, the one before Aug. 27', ['2026-09-03', '2026-08-27']],
  ])('%j names %j', (text, dates) => {
    expect(findDates(text, '2026-05-01').map((d) => d.date)).toEqual(dates)
  })
})

describe('day-of-month dates', () => {
  it.each([
    ['nobody turned up on the 3rd', ['2026-05-03']],
    ['the engineer skipped the 14th and the 15th', ['2026-05-14', '2026-05-15']],
    ['they say no one came on the 25th', ['2026-04-25']],
    ['the crew missed Tuesday the 12th', ['2026-05-12']],
    ['no show on the 2nd or the 9th', ['2026-05-02', '2026-05-09']],
  ])('resolves %j to %j', (text, dates) => {
    expect(findDates(text, today, 'past').map((d) => d.date)).toEqual(dates)
  })
})

describe('which invoice, by its date or period', () => {
  it.each([
    ['the invoice we sent on 8 June is wrong', '2025-06-08'],
    ['invoice dated 3 March has the old rate', '2026-03-03'],
    ['the bill we raised on the 2nd is double', '2026-05-02'],
    ['invoice issued 02.03.2026 has no PO', '2026-03-02'],
    ['they dispute the invoice from April 14th', '2026-04-14'],
    ['our invoice of 2026-04-30 is the one', '2026-04-30'],
    ['of the load we invoiced on 12 March, 6 drums leaked', '2026-03-12'],
  ])('reads the invoice date in %j as %s, never a payment date', (text, date) => {
    const f = read(text)
    expect(f.invoiceDate).toBe(date)
    expect(f.paymentDate).toBeUndefined()
  })

  it.each([
    ["last month's invoice is wrong", { from: '2026-04-01', to: '2026-04-30' }],
    ['the April invoice overcharges them', { from: '2026-04-01', to: '2026-04-30' }],
    ['the invoice from last week has the wrong rate', { from: '2026-05-11', to: '2026-05-17' }],
    ['we invoiced them in February for the hire', { from: '2026-02-01', to: '2026-02-28' }],
    ["this month's invoice bills the same crates", { from: '2026-05-01', to: '2026-05-31' }],
    ['the December 2025 invoice is the problem', { from: '2025-12-01', to: '2025-12-31' }],
    ['they say the April cleaning invoice is wrong', { from: '2026-04-01', to: '2026-04-30' }],
    ["last month's rental invoice bills the wrong rate", { from: '2026-04-01', to: '2026-04-30' }],
    ['the February forklift hire bill is too high', { from: '2026-02-01', to: '2026-02-28' }],
    // A builder's valuation and payment certificate are its invoices.
    ['they got our March valuation for the school twice', { from: '2026-03-01', to: '2026-03-31' }],
    ['the April payment certificate has the wrong rate', { from: '2026-04-01', to: '2026-04-30' }],
  ])('reads the invoice period in %j', (text, period) => {
    expect(read(text).invoicePeriod).toEqual(period)
  })
})

describe('numericDateReadings', () => {
  it.each([
    ['they paid 12/03 by bank transfer', ['2026-03-12', '2025-12-03']],
    ['transfer went on 03/12', ['2026-03-12', '2025-12-03']],
    ['transfer on 10-03-2026', ['2026-10-03', '2026-03-10']],
    ['paid 25/03', ['2026-03-25']],
  ])('reads %j both ways, in the past of today', (text, dates) => {
    expect(numericDateReadings(text, '2026-04-20').sort()).toEqual([...dates].sort())
  })
})

describe('a payment promised is not a payment made', () => {
  it.each([
    ["credit the difference and we'll release the payment today"],
    ['they will pay on 12 May once the credit is through'],
    ['if we get the credit note they can pay by wire on the 15th'],
  ])('reads no payment date in %j', (text) => {
    expect(read(text).paymentDate).toBeUndefined()
  })

  it('still reads one made', () => {
    expect(read('they paid by wire on 12 May').paymentDate).toBe('2026-05-12')
  })
})

describe('a weekday before a date names that date', () => {
  it.each([['nobody came on Thursday 14 May'], ['nobody came on Thu, the 14th of May'], ['missed Thursday, 14 May']])(
    'reads one date from %j',
    (text) => {
      expect(findDates(text, '2026-05-01').map((d) => d.date)).toEqual(['2026-05-14'])
    },
  )
})

describe('a fraction is not a date', () => {
  it.each([['the 3/8" hose was short'], ['1/2 in. copper pipe'], ['we dug 2 1/2 metres'], ['3/4-inch plywood']])(
    '%j holds no date',
    (text) => {
      expect(findDates(text, today, 'past')).toEqual([])
    },
  )

  it('still reads a month and day written with a slash', () => {
    expect(findDates('delivered on 3/4 as agreed', today, 'past').map((d) => d.date)).toEqual(['2026-03-04'])
  })
})

describe('a day said of a payment', () => {
  it.each([
    ['the bill for the survey — they paid it by transfer on 3 March', '2026-03-03'],
    ['la factura del estudio, la pagaron por transferencia el 3 de marzo', '2026-03-03'],
  ])('names no invoice date nor month: %j', (text, day) => {
    const d = describeMessage(text, today, new Set())
    expect(d.dates).not.toContain(day)
    expect(d.periods).toEqual([])
  })
})

describe('dates written the way other languages write them', () => {
  it.each([
    ['5 de August', '2025-08-05'],
    ['el 9 de March de 2026', '2026-03-09'],
    ['überwiesen am 14.4. per SEPA', '2026-04-14'],
    ['3月12日に振り込みました', '2026-03-12'],
    ['2025年11月3日付の請求書', '2025-11-03'],
    ['4월 2일에 입금했습니다', '2026-04-02'],
    ['已于2月8号全额付款', '2026-02-08'],
  ])('%j is %s', (text, date) => {
    expect(findDates(text, today, 'past').map((d) => d.date)).toContain(date)
  })
  it('a version number or a dotted date with its year is no day and month alone', () => {
    expect(findDates('firmware 2.3.4 on site', today, 'past')).toEqual([])
    expect(findDates('paid 02.03.2026', today, 'past').map((d) => d.date)).toEqual(['2026-03-02'])
  })
})

describe('a month written with the sign of a month', () => {
  it.each([
    ['4月の定期点検の請求について', '2026-04-01'],
    ['3월 보관료 계산서 관련입니다', '2026-03-01'],
    ['2025年12月份的运费发票', '2025-12-01'],
    ['4-р сарын нэхэмжлэх дээр', '2026-04-01'],
  ])('%j describes the month from %s', (text, from) => {
    expect(describeMessage(text, today, new Set()).periods.map((p) => p.from)).toContain(from)
  })
  it('a month and day is a date, not the month alone', () => {
    expect(describeMessage('5月8日の配送分', today, new Set()).periods).toEqual([])
  })
})

describe('the day of a payment said in another language', () => {
  it.each([
    ['dicen que ya lo pagaron por transferencia el 12 de marzo', '2026-03-12'],
    ['asiakkaan mukaan lasku maksettiin 4.5. pankkisiirrolla', '2026-05-04'],
  ])('%j was paid on %s', (text, date) => {
    expect(read(text).paymentDate).toBe(date)
  })
})

describe('the words of a description, in any script', () => {
  it('are read as Latin ones are', () => {
    const d = describeMessage('клієнт питає про рахунок за бетонні кільця і кришки', today, new Set())
    expect(d.words).toEqual(expect.arrayContaining(['бетонні', 'кільця', 'кришки']))
  })
})

describe('a year is never a sum of money', () => {
  it.each([
    ['they wired it May 4, 1980.00 dollars', 'May 4'],
    ['paid on 12 March 2150.50 by card', '12 March'],
  ])('%j reads the day %j only', (text, raw) => {
    expect(findDates(text, '2026-06-20').map((d) => d.raw)).toEqual([raw])
  })
})

describe('a day is never a figure grouped in thousands', () => {
  it('"in October 4.215 meals" names no day', () => {
    expect(findDates('the tills counted in October 4.215 meals, you bill 4.390', '2026-11-20')).toEqual([])
  })
})

describe('"May" written as the month before what was billed for it', () => {
  it('describes May ("billed May hire")', () => {
    const text = 'the depot billed May hire on four cabins though just three ever came'
    expect(describeMessage(text, today, new Set()).periods.map((p) => p.from)).toContain('2026-05-01')
  })
  it.each(['we may rent two more next month', 'May rent be reduced? asks the buyer'])(
    'not the verb in %j (checks)',
    (text) => {
      expect(describeMessage(text, today, new Set()).periods).toEqual([])
    },
  )
})
