/**
 * Loads a validated ledger: all or nothing in one transaction, idempotent by natural keys (a record
 * already there is left as it is and counted unchanged), except a payment whose amount the ERP has
 * since changed: its amount is updated, counted and said (`changes`), so a re-imported export moves
 * the balances it moved. The CLI, the HTTP import and the CSV importers all come through here.
 */
import { invoiceFigures } from '../../core/invoice-math.ts'
import { type FieldError, homeCurrency, type Ledger } from '../../core/ledger.ts'
import { moneyOf, toDecimal } from '../../core/money.ts'
import type { Actor, ImportReport, StoreResult } from '../../services/ports.ts'
import { appendEvent, canonicalJson } from './audit.ts'
import type { Db } from './db.ts'
import { duplicateErrors, inFile, references, totalErrors } from './import-checks.ts'
import { numberKey } from './rows.ts'

export type Progress = (text: string) => void

/** The report, with what a re-import changed in records already there. */
export interface ImportOutcome extends ImportReport {
  updated: Record<string, number>
  /** One sentence per changed record: "payment PAY-1041-BALANCE on 1041: 22.00 → 100.00". */
  changes: string[]
}

const TABLE_OF = { customer: 'customers', contract: 'contracts', invoice: 'invoices' } as const
const KEY_OF = { customer: 'id', contract: 'id', invoice: 'number' } as const

async function referenceErrors(tx: Db, ledger: Ledger): Promise<FieldError[]> {
  const local = inFile(ledger)
  const missing = references(ledger).filter((r) => !local[r.kind].has(r.id))
  const out: FieldError[] = []
  for (const kind of ['customer', 'contract', 'invoice'] as const) {
    const ids = [...new Set(missing.filter((r) => r.kind === kind).map((r) => r.id))]
    if (!ids.length) continue
    const found = await tx.query<{ k: string }>(
      `SELECT ${KEY_OF[kind]} AS k FROM ${TABLE_OF[kind]} WHERE ${KEY_OF[kind]} = ANY($1)`,
      [ids],
    )
    const known = new Set(found.rows.map((r) => r.k))
    for (const r of missing)
      if (r.kind === kind && !known.has(r.id))
        out.push({ path: r.path, message: `${kind} "${r.id}" does not exist in this file or in the database` })
  }
  return out
}

/** Inserts one row unless its key exists; true when inserted. */
async function insert(tx: Db, table: string, key: string, row: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(row)
  const r = await tx.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${key}) DO NOTHING RETURNING 1`,
    Object.values(row),
  )
  return r.rows.length > 0
}

export async function importLedger(
  db: Db,
  ledger: Ledger,
  actor: Actor,
  progress: Progress = () => {},
): Promise<StoreResult<ImportOutcome>> {
  const early = [...duplicateErrors(ledger), ...totalErrors(ledger)]
  const report: ImportOutcome = { inserted: {}, unchanged: {}, updated: {}, changes: [] }
  const count = (kind: string, inserted: boolean) => {
    const bucket = inserted ? report.inserted : report.unchanged
    bucket[kind] = (bucket[kind] ?? 0) + 1
  }
  const fail = (errors: FieldError[]): StoreResult<ImportOutcome> => ({
    ok: false,
    error: {
      code: 'invalid_ledger',
      message: `${errors.length} problem(s) in the ledger; nothing was imported. First: ${errors[0]?.path}: ${errors[0]?.message}`,
      errors,
    },
  })
  if (early.length) return fail(early)

  const outcome = await db.transaction(async (tx) => {
    const refErrors = await referenceErrors(tx, ledger)
    if (refErrors.length) return refErrors
    const home = homeCurrency(ledger)

    if (ledger.company || ledger.policy) {
      const current = await tx.query<{ name: string; currency: string; erp: string | null; policy: unknown }>(
        'SELECT name, currency, erp, policy FROM company_settings',
      )
      const next = {
        name: ledger.company?.name ?? current.rows[0]?.name ?? '',
        currency: ledger.company?.currency ?? current.rows[0]?.currency ?? home,
        erp: ledger.company?.erp ?? current.rows[0]?.erp ?? null,
        policy: ledger.policy ?? current.rows[0]?.policy ?? {},
      }
      const same = current.rows[0] !== undefined && canonicalJson(current.rows[0]) === canonicalJson(next)
      if (!same) {
        await tx.query(
          `INSERT INTO company_settings (id, name, currency, erp, policy) VALUES (TRUE, $1, $2, $3, $4::jsonb)
           ON CONFLICT (id) DO UPDATE SET name = $1, currency = $2, erp = $3, policy = $4::jsonb`,
          [next.name, next.currency, next.erp, JSON.stringify(next.policy)],
        )
      }
      count('company', !same)
    }

    progress(`customers: ${ledger.customers.length}`)
    for (const c of ledger.customers) {
      count(
        'customers',
        await insert(tx, 'customers', 'id', {
          id: c.id,
          name: c.name,
          segment: c.segment ?? null,
          industry: c.industry ?? null,
          account_manager: c.accountManager ?? null,
          email: c.email ?? null,
          strategic: c.strategic ?? null,
          tax_exempt: c.taxExempt ?? null,
        }),
      )
    }

    progress(`contracts: ${ledger.contracts?.length ?? 0}`)
    for (const c of ledger.contracts ?? []) {
      const added = await insert(tx, 'contracts', 'id', {
        id: c.id,
        customer_id: c.customerId,
        start_date: c.startDate,
        end_date: c.endDate ?? null,
        currency: c.currency,
        payment_terms_days: c.paymentTermsDays,
        po_required: c.poRequired ?? null,
        late_fee: c.lateFee === undefined ? null : JSON.stringify(c.lateFee),
        notes: c.notes ?? null,
      })
      if (added) {
        for (const [i, p] of c.prices.entries()) {
          await insert(tx, 'contract_prices', 'contract_id, position', {
            contract_id: c.id,
            position: i,
            sku: p.sku,
            description: p.description ?? null,
            unit_price: p.unitPrice,
            unit: p.unit ?? null,
          })
        }
      }
      count('contracts', added)
    }

    progress(`purchase orders: ${ledger.purchaseOrders?.length ?? 0}`)
    for (const po of ledger.purchaseOrders ?? []) {
      const added = await insert(tx, 'purchase_orders', 'number', {
        number: po.number,
        customer_id: po.customerId,
        issue_date: po.issueDate,
        currency: po.currency ?? null,
        status: po.status ?? null,
      })
      if (added) {
        for (const [i, l] of po.lines.entries()) {
          await insert(tx, 'purchase_order_lines', 'po_number, position', {
            po_number: po.number,
            position: i,
            sku: l.sku,
            description: l.description ?? null,
            quantity: String(l.quantity),
            unit_price: l.unitPrice,
          })
        }
      }
      count('purchaseOrders', added)
    }

    progress(`invoices: ${ledger.invoices.length}`)
    for (const inv of ledger.invoices) {
      const added = await insert(tx, 'invoices', 'number', {
        number: inv.number,
        number_key: numberKey(inv.number),
        customer_id: inv.customerId,
        contract_id: inv.contractId ?? null,
        po_number: inv.poNumber ?? null,
        issue_date: inv.issueDate,
        due_date: inv.dueDate,
        service_period_start: inv.servicePeriodStart ?? null,
        service_period_end: inv.servicePeriodEnd ?? null,
        currency: inv.currency,
        status: inv.status ?? null,
        given_total: inv.total ?? null,
        computed_total: toDecimal(invoiceFigures(inv).total),
      })
      if (added) {
        for (const l of inv.lines) {
          await insert(tx, 'invoice_lines', 'invoice_number, line', {
            invoice_number: inv.number,
            line: l.line,
            sku: l.sku,
            description: l.description ?? null,
            quantity: String(l.quantity),
            unit_price: l.unitPrice,
            tax_rate: l.taxRate ?? null,
          })
        }
        for (const [i, f] of (inv.fees ?? []).entries()) {
          await insert(tx, 'invoice_fees', 'invoice_number, position', {
            invoice_number: inv.number,
            position: i,
            type: f.type,
            description: f.description ?? null,
            amount: f.amount,
          })
        }
      }
      count('invoices', added)
    }

    await importFacts(tx, ledger, count, progress, (kind, change) => {
      report.updated[kind] = (report.updated[kind] ?? 0) + 1
      report.changes.push(change)
    })

    const inserted = Object.values(report.inserted).reduce((a, b) => a + b, 0)
    if (inserted > 0 || report.changes.length > 0) {
      await appendEvent(tx, actor, {
        disputeId: null,
        type: 'ledger_imported',
        why: ledger.company?.name ? `ledger of ${ledger.company.name}` : 'ledger import',
        after: report,
      })
    }
    return [] as FieldError[]
  })
  if (outcome.length) return fail(outcome)
  return { ok: true, value: report }
}

async function importFacts(
  tx: Db,
  ledger: Ledger,
  count: (kind: string, inserted: boolean) => void,
  progress: Progress,
  updated: (kind: string, change: string) => void,
): Promise<void> {
  progress(`fx rates: ${ledger.fxRates?.length ?? 0}`)
  for (const r of ledger.fxRates ?? []) {
    count(
      'fxRates',
      await insert(tx, 'fx_rates', 'currency, date', { currency: r.currency, date: r.date, rate: r.rate }),
    )
  }
  progress(`deliveries: ${ledger.deliveries?.length ?? 0}, service logs: ${ledger.serviceLogs?.length ?? 0}`)
  for (const d of ledger.deliveries ?? []) {
    count(
      'deliveries',
      await insert(tx, 'deliveries', 'id', {
        id: d.id,
        invoice_number: d.invoiceNumber ?? null,
        po_number: d.poNumber ?? null,
        sku: d.sku,
        quantity: String(d.quantity),
        damaged_quantity: d.damagedQuantity === undefined ? null : String(d.damagedQuantity),
        delivered_date: d.deliveredDate,
        proof_of_delivery: d.proofOfDelivery ?? null,
      }),
    )
  }
  for (const s of ledger.serviceLogs ?? []) {
    count(
      'serviceLogs',
      await insert(tx, 'service_logs', 'id', {
        id: s.id,
        customer_id: s.customerId,
        invoice_number: s.invoiceNumber ?? null,
        sku: s.sku,
        period_start: s.periodStart,
        period_end: s.periodEnd,
        quantity: String(s.quantity),
        status: s.status,
        notes: s.notes ?? null,
      }),
    )
  }
  progress(`payments: ${ledger.payments?.length ?? 0}, credit memos: ${ledger.creditMemos?.length ?? 0}`)
  for (const p of ledger.payments ?? []) {
    const added = await insert(tx, 'payments', 'id', {
      id: p.id,
      customer_id: p.customerId,
      invoice_number: p.invoiceNumber ?? null,
      amount: p.amount,
      currency: p.currency,
      date: p.date,
      method: p.method ?? null,
      reference: p.reference ?? null,
    })
    if (!added) {
      const was = await tx.query<{ amount: string }>('SELECT amount FROM payments WHERE id = $1', [p.id])
      const before = was.rows[0]?.amount
      if (before !== undefined && moneyOf(String(before), p.currency).minor !== moneyOf(p.amount, p.currency).minor) {
        await tx.query('UPDATE payments SET amount = $2 WHERE id = $1', [p.id, p.amount])
        const on = p.invoiceNumber ? ` on ${p.invoiceNumber}` : ''
        updated('payments', `payment ${p.id}${on}: ${toDecimal(moneyOf(String(before), p.currency))} → ${p.amount}`)
        continue
      }
    }
    if (added) {
      for (const [i, r] of (p.remittance ?? []).entries()) {
        await insert(tx, 'payment_remittances', 'payment_id, position', {
          payment_id: p.id,
          position: i,
          invoice_number: r.invoiceNumber,
          paid: r.paid,
          deducted: r.deducted ?? null,
          reason_text: r.reasonText ?? null,
        })
      }
    }
    count('payments', added)
  }
  for (const c of ledger.creditMemos ?? []) {
    count(
      'creditMemos',
      await insert(tx, 'credit_memos', 'number', {
        number: c.number,
        invoice_number: c.invoiceNumber,
        amount: c.amount,
        date: c.date,
        reason: c.reason ?? null,
      }),
    )
  }
  progress(`past disputes: ${ledger.pastDisputes?.length ?? 0}`)
  for (const d of ledger.pastDisputes ?? []) {
    count(
      'pastDisputes',
      await insert(tx, 'past_disputes', 'id', {
        id: d.id,
        customer_id: d.customerId,
        invoice_number: d.invoiceNumber ?? null,
        opened_date: d.openedDate,
        resolved_date: d.resolvedDate ?? null,
        reason_code: d.reasonCode,
        description: d.description,
        disputed_amount: d.disputedAmount,
        classification: d.classification ?? null,
        action: d.action ?? null,
        credited_amount: d.creditedAmount ?? null,
        root_cause: d.rootCause ?? null,
        department: d.department ?? null,
        escalated: d.escalated ?? null,
        csat: d.csat ?? null,
      }),
    )
  }
}
