import { describe, expect, it } from 'vitest'
import { codesIn, type Description, groundDescription } from './described-invoice.ts'
import type { Invoice } from './ledger.ts'

// One customer's invoices, invented: two of goods issued the same day, a monthly service billed after
// its month, the month before it, and a rental whose service period crosses a month end.
const base = { customerId: 'C-7', currency: 'EUR', dueDate: '2026-12-31' }
const invoices: Invoice[] = [
  {
    ...base,
    number: 'A-101',
    issueDate: '2026-03-13',
    lines: [{ line: 1, sku: 'GLV-NIT', description: 'Nitrile gloves, box of 100', quantity: 40, unitPrice: '6.50' }],
  },
  {
    ...base,
    number: 'A-102',
    issueDate: '2026-03-13',
    lines: [{ line: 1, sku: 'DEGR-20', description: 'Degreaser 20 L drum', quantity: 12, unitPrice: '48.00' }],
  },
  {
    ...base,
    number: 'A-110',
    issueDate: '2026-05-02',
    servicePeriodStart: '2026-04-01',
    servicePeriodEnd: '2026-04-30',
    lines: [{ line: 1, sku: 'WIN-CLEAN', description: 'Window cleaning visits', quantity: 8, unitPrice: '90.00' }],
  },
  {
    ...base,
    number: 'A-104',
    issueDate: '2026-04-01',
    servicePeriodStart: '2026-03-01',
    servicePeriodEnd: '2026-03-31',
    lines: [{ line: 1, sku: 'WIN-CLEAN', description: 'Window cleaning visits', quantity: 9, unitPrice: '90.00' }],
  },
  {
    ...base,
    number: 'A-120',
    issueDate: '2026-05-20',
    servicePeriodStart: '2026-05-10',
    servicePeriodEnd: '2026-06-06',
    lines: [
      { line: 1, sku: 'LIFT-HIRE', description: 'Scissor lift hire, per week', quantity: 4, unitPrice: '210.00' },
    ],
  },
]

const nothing: Description = { dates: [], periods: [], amounts: [], counts: [], words: [], codes: [], billedPrices: [] }
const april = { from: '2026-04-01', to: '2026-04-30' }

describe('groundDescription', () => {
  it('takes the invoice a product word tells apart from the others issued that day', () => {
    const g = groundDescription(invoices, { ...nothing, dates: ['2026-03-13'], words: ['degreaser', 'leaking'] })
    expect(g.kind).toBe('resolved')
    expect(g.kind === 'resolved' && g.best.number).toBe('A-102')
  })

  it('asks when the date fits two invoices and nothing tells them apart', () => {
    const g = groundDescription(invoices, { ...nothing, dates: ['2026-03-13'], words: ['arrived', 'late'] })
    expect(g.kind).toBe('ambiguous')
    expect(
      g.ranked
        .slice(0, 2)
        .map((r) => r.number)
        .sort(),
    ).toEqual(['A-101', 'A-102'])
  })

  it('reads a month of service as the period served, not the month the invoice was issued in', () => {
    const g = groundDescription(invoices, { ...nothing, periods: [april], words: ['window'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('A-110')
  })

  it('asks when "the April invoice" may be the one billed in April or the one serving April', () => {
    const g = groundDescription(invoices, { ...nothing, periods: [{ ...april, ofInvoice: true }], words: ['window'] })
    expect(g.kind).toBe('ambiguous')
    expect(
      g.ranked
        .slice(0, 2)
        .map((r) => r.number)
        .sort(),
    ).toEqual(['A-104', 'A-110'])
  })

  it('counts a day inside a service period and a count equal to a billed quantity', () => {
    const g = groundDescription(invoices, { ...nothing, dates: ['2026-05-28'], counts: [4] })
    expect(g.kind === 'resolved' && g.best.number).toBe('A-120')
  })

  it('takes an invoice by its total', () => {
    const g = groundDescription(invoices, { ...nothing, amounts: ['576.00'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('A-102')
  })

  it('never counts a clue against an invoice, and a word every invoice bills tells nothing', () => {
    const same = invoices.filter((i) => i.lines[0]!.sku === 'WIN-CLEAN')
    const g = groundDescription(same, { ...nothing, words: ['window', 'cleaning'], dates: ['2025-01-01'] })
    expect(g.kind).toBe('none')
    expect(g.ranked).toEqual([])
  })

  it('reads a compound word by its end ("container" in "Abfallcontainer")', () => {
    const bins: Invoice[] = [
      {
        ...invoices[0]!,
        number: 'B-1',
        lines: [{ line: 1, sku: 'ABF-10', description: 'Abfallcontainer 10 m3', quantity: 2, unitPrice: '250.00' }],
      },
      {
        ...invoices[1]!,
        number: 'B-2',
        lines: [{ line: 1, sku: 'GER-W', description: 'Gerüst je Woche', quantity: 3, unitPrice: '400.00' }],
      },
    ]
    const g = groundDescription(bins, { ...nothing, words: ['containers'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('B-1')
  })
})

describe('both ends of a service period said', () => {
  it('take the invoice serving exactly those dates', () => {
    const g = groundDescription(invoices, { ...nothing, dates: ['2026-05-10', '2026-06-06'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('A-120')
  })

  it('one day inside a period alone does not', () => {
    expect(groundDescription(invoices, { ...nothing, dates: ['2026-05-12'] }).kind).not.toBe('resolved')
  })
})

describe('a month the lines name, when the invoice records no service period', () => {
  // Invented: a monthly service billed after its month, the same service of the month before, and a
  // rent billed in advance; the month said is the month served, not the month issued.
  const lined = (number: string, issueDate: string, description: string): Invoice => ({
    ...base,
    number,
    issueDate,
    lines: [{ line: 1, sku: 'SVC', description, quantity: 1, unitPrice: '100.00' }],
  })
  const monthly = [
    lined('M-1', '2026-07-01', 'Pool maintenance, June'),
    lined('M-2', '2026-06-02', 'Pool maintenance, May'),
    lined('M-3', '2026-06-20', 'Storage rent, July'),
  ]
  const june = { from: '2026-06-01', to: '2026-06-30' }

  it('serves that month: "the June pool maintenance" is the one billed in July', () => {
    const g = groundDescription(monthly, { ...nothing, periods: [june], words: ['pool', 'maintenance'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('M-1')
  })

  it('a rent billed in advance serves the month after its issue', () => {
    const g = groundDescription(monthly, { ...nothing, periods: [{ from: '2026-07-01', to: '2026-07-31' }] })
    expect(g.ranked[0]?.number).toBe('M-3')
  })
})

describe('a code a line carries', () => {
  // Two shipments of the same product, told apart only by the voyage each line names.
  const shipments: Invoice[] = [
    {
      ...base,
      number: 'S-1',
      issueDate: '2026-06-02',
      lines: [
        {
          line: 1,
          sku: 'AGG-20',
          description: 'Crushed stone 20 mm, vessel run 17/3',
          quantity: 800,
          unitPrice: '31.00',
        },
      ],
    },
    {
      ...base,
      number: 'S-2',
      issueDate: '2026-06-30',
      lines: [
        {
          line: 1,
          sku: 'AGG-20',
          description: 'Crushed stone 20 mm, vessel run 17/5',
          quantity: 800,
          unitPrice: '31.00',
        },
      ],
    },
  ]

  it('tells invoices apart when the message says it', () => {
    const g = groundDescription(shipments, { ...nothing, codes: codesIn('the run 17/5 was 40 t light') })
    expect(g.kind === 'resolved' && g.best.number).toBe('S-2')
  })

  it('is no code when it is a figure or a year', () => {
    expect(codesIn('paid 1,440.00 in 2026 for 3/4 of it')).toEqual([])
  })
})

describe('a price billed', () => {
  // Two invoices issued the same day, one billing a line at 75.00 and one at 60.00.
  const sameDay: Invoice[] = [
    {
      ...base,
      number: 'P-1',
      issueDate: '2026-05-04',
      lines: [{ line: 1, sku: 'KAYAK', description: 'Kayak hire per day', quantity: 10, unitPrice: '75.00' }],
    },
    {
      ...base,
      number: 'P-2',
      issueDate: '2026-05-04',
      lines: [{ line: 1, sku: 'KAYAK', description: 'Kayak hire per day', quantity: 12, unitPrice: '60.00' }],
    },
  ]
  it('tells apart the invoices issued that day by the one that bills it', () => {
    const g = groundDescription(sameDay, { ...nothing, dates: ['2026-05-04'], billedPrices: ['75.00'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('P-1')
  })
  it('not the price the customer holds right, which another invoice may bill', () => {
    const g = groundDescription(sameDay, { ...nothing, dates: ['2026-05-04'], amounts: ['60.00', '75.00'] })
    expect(g.kind).toBe('ambiguous')
  })
})

describe('a fee said by its amount', () => {
  const withFee: Invoice[] = [
    {
      ...base,
      number: 'F-1',
      issueDate: '2026-04-02',
      lines: [{ line: 1, sku: 'SVC', quantity: 1, unitPrice: '900.00' }],
      fees: [{ type: 'late_fee', amount: '27.35' }],
    },
    {
      ...base,
      number: 'F-2',
      issueDate: '2026-05-02',
      lines: [{ line: 1, sku: 'SVC', quantity: 1, unitPrice: '900.00' }],
    },
  ]
  it('ranks first the invoice that carries it, a clue like a line of that amount', () => {
    const g = groundDescription(withFee, { ...nothing, amounts: ['27.35'] })
    expect(g.ranked.map((r) => r.number)).toEqual(['F-1'])
  })
})

describe('a name a line carries and accents', () => {
  // Two events of one client, invented: the same services, told apart by where each was held; a line
  // written with accents that the message types without them.
  const events: Invoice[] = [
    {
      ...base,
      number: 'E-1',
      issueDate: '2026-09-04',
      servicePeriodStart: '2026-09-01',
      servicePeriodEnd: '2026-09-02',
      lines: [
        {
          line: 1,
          sku: 'GUIDE-D',
          description: 'Guide-journée - Salon du cuir, Sfax',
          quantity: 4,
          unitPrice: '300.00',
        },
      ],
    },
    {
      ...base,
      number: 'E-2',
      issueDate: '2026-09-20',
      servicePeriodStart: '2026-09-17',
      servicePeriodEnd: '2026-09-18',
      lines: [
        {
          line: 1,
          sku: 'GUIDE-D',
          description: 'Guide-journée - Salon du cuir, Monastir',
          quantity: 3,
          unitPrice: '300.00',
        },
        { line: 2, sku: 'BUS', description: 'Navette hôtel', quantity: 2, unitPrice: '150.00' },
      ],
    },
  ]

  it('takes the invoice whose line names the place said, over a figure equal to a line of another', () => {
    const g = groundDescription(events, {
      ...nothing,
      amounts: ['300.00'],
      words: ['salon', 'sfax', 'journee'],
      names: ['sfax'],
    })
    expect(g.kind === 'resolved' && g.best.number).toBe('E-1')
  })

  it('reads a word typed without its accents as the line written with them', () => {
    const g = groundDescription(events, { ...nothing, words: ['navette'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('E-2')
    const accented = groundDescription(events, { ...nothing, words: ['hotel'] })
    expect(accented.kind === 'resolved' && accented.best.number).toBe('E-2')
  })
})

describe('words of a script other than Latin', () => {
  // Two invoices of one customer, invented, their lines written in Greek.
  const greek: Invoice[] = [
    {
      ...base,
      number: 'G-1',
      issueDate: '2026-09-04',
      lines: [{ line: 1, sku: 'OIL-5', description: 'Ελαιόλαδο δοχείο 5 λίτρων', quantity: 20, unitPrice: '38.00' }],
    },
    {
      ...base,
      number: 'G-2',
      issueDate: '2026-09-11',
      lines: [{ line: 1, sku: 'OLV-JAR', description: 'Ελιές Καλαμών βάζο', quantity: 30, unitPrice: '6.40' }],
    },
  ]
  // Said as the describer reads a message: lower case, accents off.
  it('tell invoices apart as Latin words do', () => {
    const g = groundDescription(greek, { ...nothing, words: ['ελιες', 'καλαμων'] })
    expect(g.kind === 'resolved' && g.best.number).toBe('G-2')
  })
})

describe('a day one invoice served and another did not', () => {
  // Callbacks at a named plant in the first half of April, and the weekly service of May.
  const two: Invoice[] = [
    {
      ...base,
      number: 'P-406',
      issueDate: '2026-04-16',
      servicePeriodStart: '2026-04-01',
      servicePeriodEnd: '2026-04-15',
      lines: [
        { line: 1, sku: 'CALLBACK', description: 'Callback visits, Dockside plant', quantity: 3, unitPrice: '160.00' },
      ],
    },
    {
      ...base,
      number: 'P-415',
      issueDate: '2026-05-31',
      servicePeriodStart: '2026-05-01',
      servicePeriodEnd: '2026-05-31',
      lines: [{ line: 1, sku: 'GP-VISIT', description: 'Weekly plant service', quantity: 4, unitPrice: '212.00' }],
    },
  ]
  it('speaks against the one whose period leaves it out, whatever else fits it: asked', () => {
    const g = groundDescription(two, {
      ...nothing,
      dates: ['2026-05-12'],
      words: ['dockside', 'visit'],
      names: ['dockside'],
    })
    expect(g.kind).toBe('ambiguous')
    expect(g.ranked.find((r) => r.number === 'P-406')?.against).toEqual(['serves none of the dates named'])
  })
})
