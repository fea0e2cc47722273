/**
 * A small ledger that uses every property the contract's JSON Schema declares, optional ones
 * included, with values the import accepts (references resolve, the given total is right).
 * ledger.test.ts proves it covers the schema; the store's round-trip test imports and reads it back.
 */
import type { Ledger } from '../ledger.ts'

export const FULL_LEDGER: Ledger = {
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Every Field Ltd', currency: 'USD', erp: 'NetSuite' },
  policy: {
    escalationAmount: '7500.00',
    escalationDaysPastDue: 60,
    repeatDisputeCount: 3,
    repeatDisputeWindowDays: 90,
    legalEscalationAmount: '50000.00',
    writeOffBelow: '25.00',
    resolutionSlaBusinessDays: 5,
    holidays: ['2026-12-24', '2026-12-31'],
    holidayCalendar: 'US-NY',
    approvalLimits: { specialist: '1000.00', lead: '10000.00', finance_controller: '100000.00' },
  },
  fxRates: [
    { currency: 'EUR', rate: '1.0850000001', date: '2026-01-01' },
    { currency: 'JPY', rate: '0.0067', date: '2026-01-01' },
  ],
  customers: [
    {
      id: 'C-1',
      name: 'Alpha GmbH',
      segment: 'enterprise',
      industry: 'manufacturing',
      accountManager: 'Dana Reyes',
      email: 'ap@alpha.example',
      strategic: true,
      taxExempt: false,
    },
  ],
  contracts: [
    {
      id: 'CT-1',
      customerId: 'C-1',
      startDate: '2025-01-01',
      endDate: '2026-12-31',
      currency: 'EUR',
      paymentTermsDays: 30,
      poRequired: true,
      lateFee: { percentPerMonth: '1.5', graceDays: 10 },
      prices: [{ sku: 'WIDGET', description: 'Widget, blue', unitPrice: '20.00', unit: 'each' }],
      notes: 'Freight billed at cost.',
    },
  ],
  purchaseOrders: [
    {
      number: 'PO-1',
      customerId: 'C-1',
      issueDate: '2026-01-10',
      currency: 'EUR',
      status: 'open',
      lines: [
        { sku: 'WIDGET', description: 'Widget, blue', quantity: 10, unitPrice: '20.00' },
        { sku: 'FREIGHT', description: 'Freight', quantity: 1, unitPrice: '15.00' },
      ],
    },
  ],
  invoices: [
    {
      number: 'INV-1',
      customerId: 'C-1',
      contractId: 'CT-1',
      poNumber: 'PO-1',
      issueDate: '2026-02-02',
      dueDate: '2026-03-04',
      servicePeriodStart: '2026-01-01',
      servicePeriodEnd: '2026-01-31',
      currency: 'EUR',
      status: 'partially_paid',
      lines: [
        { line: 1, sku: 'WIDGET', description: 'Widget, blue', quantity: 10, unitPrice: '20.00', taxRate: '0.1' },
      ],
      fees: [{ type: 'freight', description: 'Freight', amount: '15.00' }],
      total: '235.00',
    },
  ],
  deliveries: [
    {
      id: 'D-1',
      invoiceNumber: 'INV-1',
      poNumber: 'PO-1',
      sku: 'WIDGET',
      quantity: 10,
      damagedQuantity: 1,
      deliveredDate: '2026-02-01',
      proofOfDelivery: 'POD-1.pdf',
    },
  ],
  serviceLogs: [
    {
      id: 'SL-1',
      customerId: 'C-1',
      invoiceNumber: 'INV-1',
      sku: 'WIDGET',
      periodStart: '2026-01-03',
      periodEnd: '2026-01-03',
      quantity: 1,
      status: 'rendered',
      notes: 'Installed on site.',
    },
  ],
  payments: [
    {
      id: 'P-1',
      customerId: 'C-1',
      invoiceNumber: 'INV-1',
      amount: '215.00',
      currency: 'EUR',
      date: '2026-03-01',
      method: 'wire',
      reference: 'INV-1 less damaged',
      remittance: [{ invoiceNumber: 'INV-1', paid: '215.00', deducted: '20.00', reasonText: '1 DAMAGED' }],
    },
  ],
  creditMemos: [{ number: 'CM-1', invoiceNumber: 'INV-1', amount: '1.50', date: '2026-03-02', reason: 'rounding' }],
  pastDisputes: [
    {
      id: 'PD-1',
      customerId: 'C-1',
      invoiceNumber: 'INV-1',
      openedDate: '2026-03-03',
      resolvedDate: '2026-03-05',
      reasonCode: 'damaged_goods',
      description: 'One widget arrived cracked.',
      disputedAmount: '22.00',
      classification: 'valid',
      action: 'credit_memo',
      creditedAmount: '22.00',
      rootCause: 'packaging',
      department: 'warehouse',
      escalated: false,
      csat: 4,
    },
  ],
}
