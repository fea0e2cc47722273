import { describe, expect, it } from 'vitest'
import { invoiceFigures } from '../../core/invoice-math.ts'
import { parseLedger } from '../../core/ledger.ts'
import { toDecimal } from '../../core/money.ts'
import { csvToLedger } from './csv-to-ledger.ts'

const NETSUITE_CSV = `Type,Document Number,Customer,Date,Due Date,Item,Quantity,Rate,Amount,Amount Remaining,Tax Code,Memo,Currency,PO/Check Number
Invoice,INV-100234,Globex Corporation,2/10/2026,3/12/2026,WIDGET-A,100,14.00,1400.00,1515.50,CA 8.25%,Widget A,USD,PO-G-778
Invoice,INV-100234,Globex Corporation,2/10/2026,3/12/2026,FREIGHT,1,0.50,0.50,1515.50,Exempt,Freight,USD,PO-G-778
Invoice,INV-100235,"Initech, LLC",2/12/2026,3/14/2026,SAAS-SEAT,40,30.00,"1,200.00",0.00,-Not Taxable-,Seats February,USD,
Payment,PMT-881,"Initech, LLC",3/01/2026,,,,,1200.00,,,,USD,CHK-5512
Journal,JE-19,Globex Corporation,3/02/2026,,,,,10.00,,,,USD,
`

const QUICKBOOKS_CSV = `Date,Transaction Type,Num,Customer,Due Date,Product/Service,Description,Qty,Rate,Amount,Open Balance,Payment,Ref No.
01/05/2026,Invoice,1041,Wayne Foods,01/20/2026,Crates,Wooden crates,50,22.00,1100.00,22.00,1078.00,ACH-0119
01/05/2026,Invoice,1041,Wayne Foods,01/20/2026,Pallets,Pallet hire,2,0.125,0.25,22.00,1078.00,ACH-0119
01/09/2026,Invoice,1042,Cooper & Sons,02/08/2026,Consulting,Audit prep,-1,150.00,-150.00,0,,
01/09/2026,Invoice,1042,Cooper & Sons,02/08/2026,Consulting,Audit work,3,150.00,450.00,0,,
`

describe('csvToLedger', () => {
  it('detects a NetSuite export, groups lines by document number and reads tax codes, payments and skipped types', () => {
    const r = csvToLedger(NETSUITE_CSV, { companyName: 'Northwind' })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.report).toMatchObject({ mapping: 'netsuite', rows: 5, invoices: 2, lines: 3, customers: 2, payments: 2 })
    expect(r.report.skipped).toEqual([
      { row: 6, column: 'Type', message: 'transaction type "Journal" is not imported' },
    ])
    const [a, b] = r.ledger.invoices
    expect(a).toMatchObject({
      number: 'INV-100234',
      poNumber: 'PO-G-778',
      issueDate: '2026-02-10',
      dueDate: '2026-03-12',
    })
    expect(a?.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.taxRate])).toEqual([
      ['WIDGET-A', 100, '14.00', '0.0825'],
      ['FREIGHT', 1, '0.50', undefined],
    ])
    expect(a?.total).toBe('1516.00')
    expect(a?.status).toBe('partially_paid')
    expect(b).toMatchObject({ customerId: 'CUST-INITECH-LLC', status: 'paid', total: '1200.00', poNumber: null })
    // The export leaves 1515.50 of 1516.00 open: 0.50 was paid in a payment it does not list. Initech's
    // invoice is paid, but by its unapplied payment PMT-881, not by one more.
    expect(r.ledger.payments).toEqual([
      {
        id: 'PMT-881',
        customerId: 'CUST-INITECH-LLC',
        invoiceNumber: null,
        amount: '1200.00',
        currency: 'USD',
        date: '2026-03-01',
        method: 'Payment',
        reference: 'CHK-5512',
      },
      {
        id: 'PAY-INV-100234-BALANCE',
        customerId: 'CUST-GLOBEX-CORPORATION',
        invoiceNumber: 'INV-100234',
        amount: '0.50',
        currency: 'USD',
        date: '2026-02-10',
        reference: 'open balance 1515.50 in the export (row 2)',
      },
    ])
    expect(parseLedger(r.ledger).ok).toBe(true)
  })

  it('detects a QuickBooks export, turns the Payment column into an applied payment and keeps totals exact', () => {
    const r = csvToLedger(QUICKBOOKS_CSV, { currency: 'USD' })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.report).toMatchObject({ mapping: 'quickbooks', invoices: 2, lines: 4, customers: 2, payments: 3 })
    const [wayne, cooper] = r.ledger.invoices
    // 2 × 0.125 has more decimals than USD: one unit at the half-up line amount, the rate kept in words.
    expect(wayne?.lines[1]).toMatchObject({ quantity: 1, unitPrice: '0.25', description: 'Pallet hire (2 × 0.125)' })
    expect(wayne).toMatchObject({ total: '1100.25', status: 'partially_paid' })
    expect(r.ledger.payments?.[0]).toMatchObject({ invoiceNumber: '1041', amount: '1078.00', reference: 'ACH-0119' })
    // Open balances below what the listed payments leave: the rest was paid outside the export.
    expect(r.ledger.payments?.slice(1).map((p) => [p.id, p.amount])).toEqual([
      ['PAY-1041-BALANCE', '0.25'],
      ['PAY-1042-BALANCE', '300.00'],
    ])
    // A negative quantity is a return line: the quantity stays positive, the price carries the sign.
    expect(cooper?.lines[0]).toMatchObject({ quantity: 1, unitPrice: '-150.00' })
    expect(cooper && toDecimal(invoiceFigures(cooper).total)).toBe('300.00')
    expect(cooper?.status).toBe('paid')
  })

  it('reads a custom mapping given as JSON, with day-first dates, terms and mapped tax codes', () => {
    const csv = `Inv,Client,Issued,Terms,SKU,Units,Price,VAT
A-1,Acme GmbH,26/01/2026,Net 14,BOLT,10,2.50,S
A-1,Acme GmbH,26/01/2026,Net 14,NUT,10,1.00,Z
`
    const mapping = JSON.stringify({
      name: 'acme-erp',
      dateOrder: 'dmy',
      columns: {
        invoiceNumber: 'Inv',
        customer: 'Client',
        date: 'Issued',
        terms: 'Terms',
        sku: 'SKU',
        quantity: 'Units',
        unitPrice: 'Price',
        taxCode: 'VAT',
      },
      taxCodes: { S: '0.19', Z: '0' },
    })
    const r = csvToLedger(csv, { mapping, currency: 'EUR' })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    const inv = r.ledger.invoices[0]
    expect(inv).toMatchObject({ issueDate: '2026-01-26', dueDate: '2026-02-09', currency: 'EUR', total: '39.75' })
    expect(inv?.lines.map((l) => l.taxRate)).toEqual(['0.19', undefined])
  })

  it('reports every bad cell at once, naming the row and the column header', () => {
    const csv = `Document Number,Customer,Date,Due Date,Item,Quantity,Rate,Amount,Tax Code
INV-1,Globex,13/45/2026,3/12/2026,A,2,10.00,20.00,
INV-2,,2/10/2026,3/12/2026,B,two,10.00,20.00,
INV-3,Globex,2/10/2026,3/12/2026,C,2,10.00,25.00,GST-ish
INV-4,Globex,2/10/2026,3/12/2026,D,1,10.001,,
`
    const r = csvToLedger(csv, { mapping: 'netsuite' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      { row: 2, column: 'Date', message: '"13/45/2026" is not a calendar date' },
      { row: 3, column: 'Customer', message: 'is empty: every row needs its customer' },
      { row: 3, column: 'Quantity', message: 'expected a number like "1,234.50", got "two"' },
      { row: 4, column: 'Tax Code', message: 'unknown tax code "GST-ish": add its rate to the mapping\'s taxCodes' },
    ])
  })

  it('rejects an amount that is not quantity × rate, and lines of one invoice that disagree', () => {
    const csv = `Num,Customer,Date,Due Date,Product/Service,Qty,Rate,Amount
7,Wayne Foods,01/05/2026,01/20/2026,Crates,3,10.00,31.00
8,Wayne Foods,01/05/2026,01/20/2026,Crates,3,10.00,30.00
8,Wayne Foods,01/06/2026,01/20/2026,Lids,3,1.00,3.00
`
    const r = csvToLedger(csv)
    if (r.ok) throw new Error('expected errors')
    expect(r.errors).toEqual([
      { row: 2, column: 'Amount', message: '31.00 is not quantity × rate (3 × 10.00 = 30.00)' },
      { row: 4, column: 'Date', message: 'invoice 8 has "2026-01-05" on row 3, "2026-01-06" here' },
    ])
  })

  it('says which headers it could not place when no layout fits', () => {
    const r = csvToLedger('Foo,Bar\n1,2\n')
    if (r.ok) throw new Error('expected errors')
    expect(r.errors[0]).toMatchObject({ row: 1, column: null })
    expect(r.errors[0]?.message).toContain('Foo, Bar')
  })

  it('rejects a custom mapping that is not valid, naming the field', () => {
    const r = csvToLedger('a\n1\n', { mapping: '{"columns":{"invoiceNumber":5}}' })
    if (r.ok) throw new Error('expected errors')
    expect(r.errors[0]?.message).toMatch(/^mapping\.columns\.invoiceNumber/)
  })
})
