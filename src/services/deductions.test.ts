/**
 * Deductions end to end on the real app: an ERP payment export with remittance columns is read by
 * the CSV importer, imported through POST /api/import, and each short-paid invoice is then a
 * dispute in GET /api/disputes with its figures, its reason read from the customer's code or words,
 * and its audit trail, and lands in the queue of the person the lead's rules name. Importing again
 * opens nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvToLedger } from '../adapters/import/csv-to-ledger.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import type { DisputeEvent, DisputeRecord, Page } from './ports.ts'
import type { DeductionsReport } from './deductions.ts'

// NetSuite's payment export with the remittance advice's columns, as an AR team would pull it.
const CSV = [
  'Type,Document Number,Customer ID,Name,Date,Amount,Applied To Transaction,Deduction,Deduction Code,Deduction Reason',
  'Payment,PMT-88,C-100,Globex Corporation,03/02/2026,1680.00,INV-1002,320.00,SHORT,8 PCS WIDGET-B',
  'Payment,PMT-89,C-200,Initech LLC,03/03/2026,0.00,INV-2002,1700.00,,billed twice same as 2001',
  'Payment,PMT-90,C-100,Globex Corporation,03/04/2026,1400.00,INV-1001,,,',
].join('\n')

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  const res = await t.app.request(path, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${init.key ?? t.keys.lead}`, 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as T
}

describe('a payment export with remittance deductions', () => {
  let first: { deductions: DeductionsReport }
  let specialist: { id: string; name: string }

  beforeAll(async () => {
    // The lead's rule: short shipments go to the specialist (the lead importing keeps the rest).
    specialist = await api('/api/me', { key: t.keys.specialist })
    await api('/api/tools/set_assignment_rules', {
      method: 'POST',
      body: { rules: [{ name: 'Shortages', reasonCode: 'quantity_discrepancy', personId: specialist.id }] },
    })
    const read = csvToLedger(CSV, { companyName: 'Northwind Supply Co.' })
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    first = await api('/api/import', { method: 'POST', body: read.ledger })
  })

  it('opens one dispute per short-paid invoice, and none for a payment without a deduction', () => {
    expect(first.deductions.failed).toEqual([])
    expect(first.deductions.opened.map((o) => [o.paymentId, o.invoiceNumber, o.deducted])).toEqual([
      ['PMT-88', 'INV-1002', '320.00'],
      ['PMT-89', 'INV-2002', '1700.00'],
    ])
  })

  it('reads a mapped customer code through the table, and free words through the chat classifier', () => {
    const [coded, worded] = first.deductions.opened
    expect(coded?.reason).toEqual({ by: 'code', reasonCode: 'quantity_discrepancy', customerCode: 'SHORT' })
    expect(worded?.reason).toMatchObject({ by: 'text', reasonCode: 'duplicate_billing' })
    // INV-2002 repeats INV-2001 line for line: the whole deduction is supported.
    expect(worded).toMatchObject({ classification: 'valid', supportedAmount: '1700.00', action: 'credit_memo' })
  })

  it('puts the short shipment in the dispute list with the deducted amount in dispute and its figures', async () => {
    const page = await api<Page<DisputeRecord>>('/api/disputes?invoiceNumber=INV-1002')
    expect(page.items).toHaveLength(1)
    const d = page.items[0] as DisputeRecord
    // 50 billed, 42 delivered (D-779): 8 × 40.00 not owed, exactly what the customer deducted.
    expect(d).toMatchObject({
      reasonCode: 'quantity_discrepancy',
      status: 'investigating',
      originalDisputed: '320.00',
      supportedAmount: '320.00',
      classification: 'valid',
      action: 'credit_memo',
    })
    expect(d.description).toContain('PMT-88')
    const read = await api<{ events: DisputeEvent[]; chain: { ok: boolean } }>(`/api/disputes/${d.id}`)
    expect(read.events.map((e) => e.type)).toEqual([
      'dispute_opened',
      'dispute_assigned',
      'resolution_recorded',
      'deduction_linked',
    ])
    expect(read.chain.ok).toBe(true)
  })

  it('reaches the owner the lead’s rule names: in the specialist’s queue with the amount, SLA due date and customer', async () => {
    const mine = await api<{ items: Record<string, unknown>[] }>('/api/tools/get_worklist', {
      method: 'POST',
      body: { ownerId: 'me', status: 'active' },
      key: t.keys.specialist,
    })
    expect(mine.items).toEqual([
      expect.objectContaining({
        number: expect.stringMatching(/^DSP-\d{6}$/),
        invoiceNumber: 'INV-1002',
        customerName: 'Globex Corporation',
        reasonCode: 'quantity_discrepancy',
        amount: '320.00',
        currency: 'USD',
        ownerId: specialist.id,
        ownerName: specialist.name,
        dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    ])
  })

  it('does not open the same deduction twice when the export is imported again', async () => {
    const read = csvToLedger(CSV, { companyName: 'Northwind Supply Co.' })
    if (!read.ok) throw new Error(JSON.stringify(read.errors))
    const again = await api<{ deductions: DeductionsReport }>('/api/import', { method: 'POST', body: read.ledger })
    expect(again.deductions).toEqual({ opened: [], failed: [], alreadyOpen: 2 })
    const page = await api<Page<DisputeRecord>>('/api/disputes?invoiceNumber=INV-1002')
    expect(page.total).toBe(1)
  })

  it('lists the deductions with the dispute each one opened', async () => {
    const page = await t.runtime.services.deductions.list({ customerId: 'C-100' })
    expect(page.items).toEqual([
      expect.objectContaining({
        paymentId: 'PMT-88',
        invoiceNumber: 'INV-1002',
        paid: '1680.00',
        deducted: '320.00',
        reasonText: 'SHORT 8 PCS WIDGET-B',
        readBy: 'code',
        disputeId: expect.stringMatching(/^DSP-/),
      }),
    ])
  })
})
