import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { invoiceFigures } from '../../core/invoice-math.ts'
import { parseLedger } from '../../core/ledger.ts'
import { moneyOf, toDecimal } from '../../core/money.ts'
import { ibmToLedger } from './ibm.ts'
import { UCI_GUEST_ID, uciToLedger } from './uci.ts'
import { type TestDataFile, testDataPath } from '../../testing/shared-data.ts'

const read = (name: TestDataFile) => readFileSync(testDataPath(name), 'utf8')

describe('uciToLedger on the real UCI Online Retail sample', () => {
  const r = uciToLedger(read('uci-online-retail-sample.csv'))
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5)))
  const { ledger, report } = r

  it('imports 11,856 invoices of 3,570 customers, cancellations kept apart and stock adjustments skipped', () => {
    expect(report).toMatchObject({
      rows: 30000,
      invoices: 11856,
      customers: 3570,
      guestInvoices: 648,
      cancellations: 523,
      cancellationLines: 620,
      roundedLines: 0,
    })
    expect(report.skipped).toHaveLength(13)
    expect(ledger.invoices.every((i) => !i.number.startsWith('C') && i.currency === 'GBP')).toBe(true)
  })

  it('credits 61 cancellations against the same customer’s earlier invoice of the same stock code and reports the other 462', () => {
    expect(report.creditMemos).toBe(64)
    expect(new Set(ledger.creditMemos?.map((c) => c.number.replace(/-\d+$/, ''))).size).toBe(61)
    expect(report.unmatchedCancellations).toBe(462)
    const reasons = Object.fromEntries(
      ['no_customer', 'no_earlier_invoice', 'exceeds_billed'].map((k) => [
        k,
        report.unmatched.filter((u) => u.reason === k).length,
      ]),
    )
    expect(reasons).toEqual({ no_customer: 4, no_earlier_invoice: 553, exceeds_billed: 5 })
    const byNumber = new Map(ledger.invoices.map((i) => [i.number, i]))
    for (const cm of ledger.creditMemos ?? []) {
      const inv = byNumber.get(cm.invoiceNumber)
      expect(inv && inv.customerId !== UCI_GUEST_ID).toBe(true)
      expect(inv && inv.issueDate <= cm.date).toBe(true)
    }
  })

  it('never credits an invoice beyond its total', () => {
    const credited = new Map<string, bigint>()
    for (const cm of ledger.creditMemos ?? []) {
      credited.set(cm.invoiceNumber, (credited.get(cm.invoiceNumber) ?? 0n) + moneyOf(cm.amount, 'GBP').minor)
    }
    for (const inv of ledger.invoices) {
      expect(credited.get(inv.number) ?? 0n).toBeLessThanOrEqual(invoiceFigures(inv).total.minor)
    }
  })

  it('produces a ledger parseLedger accepts, with totals equal to the lines', () => {
    expect(parseLedger(ledger).ok).toBe(true)
    expect(ledger.invoices.every((i) => i.total === toDecimal(invoiceFigures(i).total))).toBe(true)
  })

  it('turns a unit price finer than pence into one unit at the half-up line amount', () => {
    const csv =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,X,Tiny bead,3,2011-01-02 10:00:00,0.165,1.0,UK\n'
    const one = uciToLedger(csv)
    if (!one.ok) throw new Error(JSON.stringify(one.errors))
    expect(one.ledger.invoices[0]?.lines[0]).toMatchObject({
      quantity: 1,
      unitPrice: '0.50',
      description: 'Tiny bead (3 × 0.165)',
    })
    expect(one.report.roundedLines).toBe(1)
  })

  it('names the row and column of a bad cell', () => {
    const csv =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,X,A,x,2011-01-02 10:00:00,1.00,1.0,UK\n'
    const bad = uciToLedger(csv)
    expect(bad.ok ? [] : bad.errors).toEqual([
      { row: 2, column: 'Quantity', message: 'expected a number like "1,234.50", got "x"' },
    ])
  })
})

describe('ibmToLedger on the real IBM accounts-receivable sample', () => {
  const r = ibmToLedger(read('ibm-accounts-receivable.csv'))
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5)))
  const { ledger, report } = r

  it('imports 2,466 one-line invoices of 100 customers, each settled by one payment', () => {
    expect(report).toEqual({
      rows: 2466,
      invoices: 2466,
      customers: 100,
      payments: 2466,
      disputed: 561,
      pastDisputes: 561,
    })
    const inv = ledger.invoices.find((i) => i.number === '0007900770')
    expect(inv).toMatchObject({
      customerId: '8976-AMJEO',
      issueDate: '2013-01-26',
      dueDate: '2013-02-25',
      total: '61.74',
      status: 'paid',
    })
    expect(ledger.payments?.find((p) => p.invoiceNumber === '0007900770')).toMatchObject({
      amount: '61.74',
      date: '2013-03-03',
    })
  })

  it('makes every disputed invoice a past dispute opened on the invoice date and resolved when settled', () => {
    const d = ledger.pastDisputes?.find((p) => p.invoiceNumber === '0007900770')
    expect(d).toMatchObject({
      reasonCode: 'other',
      openedDate: '2013-01-26',
      resolvedDate: '2013-03-03',
      disputedAmount: '61.74',
    })
    expect(d?.description).toContain('6 days after the due date')
  })

  it('produces a ledger parseLedger accepts', () => {
    expect(parseLedger(ledger).ok).toBe(true)
  })
})
