/**
 * Test helper: hand-built Decisions, so the report and wording modules are tested against the
 * Decision type alone, never against the engine that produces it.
 */
import type { Decision, Finding } from './resolution.ts'

export function pricingFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'pricing_error',
    target: { kind: 'line', line: 1, sku: 'WIDGET-A' },
    billed: 'Line 1 WIDGET-A: 100 × 14.00',
    evidence: 'contract price 12.50',
    documentId: 'CTR-1',
    amountNotOwed: '150.00',
    supportsCustomer: true,
    ...overrides,
  }
}

export function decisionFixture(overrides: Partial<Decision> = {}): Decision {
  return {
    invoiceNumber: 'INV-1001',
    customerId: 'C-100',
    customerName: 'Globex Corporation',
    reasonCode: 'pricing_error',
    classification: 'valid',
    currency: 'USD',
    disputedAmount: '150.00',
    supportedAmount: '150.00',
    owedAmount: '0.00',
    disputedAmountSource: 'stated',
    action: 'credit_memo',
    approval: { requiredRole: 'specialist', amount: '150.00' },
    escalation: { required: false, to: [], reasons: [] },
    stakeholders: ['sales', 'billing'],
    documentation: [
      { kind: 'invoice', status: 'found', ids: ['INV-1001'], required: true },
      { kind: 'contract', status: 'found', ids: ['CTR-1'], required: true },
    ],
    missingDocuments: [],
    openedOn: '2026-03-13',
    targetDate: '2026-03-27',
    invoiceTotal: '1400.00',
    openBalance: '1400.00',
    daysPastDue: 0,
    findings: [pricingFinding()],
    rootCauseCode: 'price_list_not_updated',
    rootCause: 'Invoice used 14.00 where contract CTR-1 sets 12.50 for WIDGET-A',
    rationale: [],
    ...overrides,
  }
}
