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
import { analyzeLedger } from './planner-stats.ts'
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

/** Rows per INSERT: a million invoices one statement each took an hour; PostgreSQL takes 65,535 parameters. */
const BATCH = 500

/**
 * Inserts the rows whose key is not there yet, many to a statement; returns the first key column of
 * each row inserted (so a composite key's first column may repeat). The rows of one call have the same columns (each loop builds them alike).
 */
async function insertMany(tx: Db, table: string, key: string, rows: Record<string, unknown>[]): Promise<string[]> {
  const inserted: string[] = []
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH)
    const cols = Object.keys(batch[0] ?? {})
    const params: unknown[] = []
    const values = batch.map((row) => `(${cols.map((c) => `$${params.push(row[c])}`).join(', ')})`)
    const r = await tx.query<{ k: string }>(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')}
       ON CONFLICT (${key}) DO NOTHING RETURNING ${key.split(',')[0]} AS k`,
      params,
    )
    for (const row of r.rows) inserted.push(String(row.k))
  }
  return inserted
}

export async function importLedger(
  db: Db,
  ledger: Ledger,
  actor: Actor,
  progress: Progress = () => {},
): Promise<StoreResult<ImportOutcome>> {
  const early = [...duplicateErrors(ledger), ...totalErrors(ledger)]
  const report: ImportOutcome = { inserted: {}, unchanged: {}, updated: {}, changes: [] }
  const count = (kind: string, inserted: boolean, n = 1) => {
    const bucket = inserted ? report.inserted : report.unchanged
    if (n > 0) bucket[kind] = (bucket[kind] ?? 0) + n
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

    /** A kind's rows, inserted where new and counted (child rows are not); returns the keys inserted. */
    const load: Load = async (kind, table, key, rows) => {
      const added = await insertMany(tx, table, key, rows)
      if (kind) {
        count(kind, true, added.length)
        count(kind, false, rows.length - added.length)
      }
      return new Set(added)
    }

    progress(`customers: ${ledger.customers.length}`)
    await load(
      'customers',
      'customers',
      'id',
      ledger.customers.map((c) => ({
        id: c.id,
        name: c.name,
        segment: c.segment ?? null,
        industry: c.industry ?? null,
        account_manager: c.accountManager ?? null,
        email: c.email ?? null,
        strategic: c.strategic ?? null,
        tax_exempt: c.taxExempt ?? null,
      })),
    )

    progress(`contracts: ${ledger.contracts?.length ?? 0}`)
    const contracts = ledger.contracts ?? []
    const newContracts = await load(
      'contracts',
      'contracts',
      'id',
      contracts.map((c) => ({
        id: c.id,
        customer_id: c.customerId,
        start_date: c.startDate,
        end_date: c.endDate ?? null,
        currency: c.currency,
        payment_terms_days: c.paymentTermsDays,
        po_required: c.poRequired ?? null,
        late_fee: c.lateFee === undefined ? null : JSON.stringify(c.lateFee),
        notes: c.notes ?? null,
      })),
    )
    await load(
      null,
      'contract_prices',
      'contract_id, position',
      contracts
        .filter((c) => newContracts.has(c.id))
        .flatMap((c) =>
          c.prices.map((p, i) => ({
            contract_id: c.id,
            position: i,
            sku: p.sku,
            description: p.description ?? null,
            unit_price: p.unitPrice,
            unit: p.unit ?? null,
          })),
        ),
    )

    progress(`purchase orders: ${ledger.purchaseOrders?.length ?? 0}`)
    const pos = ledger.purchaseOrders ?? []
    const newPos = await load(
      'purchaseOrders',
      'purchase_orders',
      'number',
      pos.map((po) => ({
        number: po.number,
        customer_id: po.customerId,
        issue_date: po.issueDate,
        currency: po.currency ?? null,
        status: po.status ?? null,
      })),
    )
    await load(
      null,
      'purchase_order_lines',
      'po_number, position',
      pos
        .filter((po) => newPos.has(po.number))
        .flatMap((po) =>
          po.lines.map((l, i) => ({
            po_number: po.number,
            position: i,
            sku: l.sku,
            description: l.description ?? null,
            quantity: String(l.quantity),
            unit_price: l.unitPrice,
          })),
        ),
    )

    progress(`invoices: ${ledger.invoices.length}`)
    const newInvoices = await load(
      'invoices',
      'invoices',
      'number',
      ledger.invoices.map((inv) => ({
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
      })),
    )
    const added = ledger.invoices.filter((inv) => newInvoices.has(inv.number))
    await load(
      null,
      'invoice_lines',
      'invoice_number, line',
      added.flatMap((inv) =>
        inv.lines.map((l) => ({
          invoice_number: inv.number,
          line: l.line,
          sku: l.sku,
          description: l.description ?? null,
          quantity: String(l.quantity),
          unit_price: l.unitPrice,
          tax_rate: l.taxRate ?? null,
        })),
      ),
    )
    await load(
      null,
      'invoice_fees',
      'invoice_number, position',
      added.flatMap((inv) =>
        (inv.fees ?? []).map((f, i) => ({
          invoice_number: inv.number,
          position: i,
          type: f.type,
          description: f.description ?? null,
          amount: f.amount,
        })),
      ),
    )

    await importFacts(tx, ledger, load, count, progress, (kind, change) => {
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
  if (Object.keys(report.inserted).length || report.changes.length) await analyzeLedger(db)
  return { ok: true, value: report }
}

type Load = (kind: string | null, table: string, key: string, rows: Record<string, unknown>[]) => Promise<Set<string>>

async function importFacts(
  tx: Db,
  ledger: Ledger,
  load: Load,
  count: (kind: string, inserted: boolean, n?: number) => void,
  progress: Progress,
  updated: (kind: string, change: string) => void,
): Promise<void> {
  progress(`fx rates: ${ledger.fxRates?.length ?? 0}`)
  await load(
    'fxRates',
    'fx_rates',
    'currency, date',
    (ledger.fxRates ?? []).map((r) => ({ currency: r.currency, date: r.date, rate: r.rate })),
  )
  progress(`deliveries: ${ledger.deliveries?.length ?? 0}, service logs: ${ledger.serviceLogs?.length ?? 0}`)
  await load(
    'deliveries',
    'deliveries',
    'id',
    (ledger.deliveries ?? []).map((d) => ({
      id: d.id,
      invoice_number: d.invoiceNumber ?? null,
      po_number: d.poNumber ?? null,
      sku: d.sku,
      quantity: String(d.quantity),
      damaged_quantity: d.damagedQuantity === undefined ? null : String(d.damagedQuantity),
      delivered_date: d.deliveredDate,
      proof_of_delivery: d.proofOfDelivery ?? null,
    })),
  )
  await load(
    'serviceLogs',
    'service_logs',
    'id',
    (ledger.serviceLogs ?? []).map((s) => ({
      id: s.id,
      customer_id: s.customerId,
      invoice_number: s.invoiceNumber ?? null,
      sku: s.sku,
      period_start: s.periodStart,
      period_end: s.periodEnd,
      quantity: String(s.quantity),
      status: s.status,
      notes: s.notes ?? null,
    })),
  )
  progress(`payments: ${ledger.payments?.length ?? 0}, credit memos: ${ledger.creditMemos?.length ?? 0}`)
  const payments = ledger.payments ?? []
  const newPayments = await load(
    null,
    'payments',
    'id',
    payments.map((p) => ({
      id: p.id,
      customer_id: p.customerId,
      invoice_number: p.invoiceNumber ?? null,
      amount: p.amount,
      currency: p.currency,
      date: p.date,
      method: p.method ?? null,
      reference: p.reference ?? null,
    })),
  )
  // A payment already there keeps its row, unless the ERP has since changed its amount.
  const known = payments.filter((p) => !newPayments.has(p.id))
  const was = new Map<string, string>()
  if (known.length) {
    const r = await tx.query<{ id: string; amount: string }>('SELECT id, amount FROM payments WHERE id = ANY($1)', [
      known.map((p) => p.id),
    ])
    for (const row of r.rows) was.set(row.id, String(row.amount))
  }
  let unchanged = 0
  for (const p of known) {
    const before = was.get(p.id)
    if (before !== undefined && moneyOf(before, p.currency).minor !== moneyOf(p.amount, p.currency).minor) {
      await tx.query('UPDATE payments SET amount = $2 WHERE id = $1', [p.id, p.amount])
      const on = p.invoiceNumber ? ` on ${p.invoiceNumber}` : ''
      updated('payments', `payment ${p.id}${on}: ${toDecimal(moneyOf(before, p.currency))} → ${p.amount}`)
    } else unchanged++
  }
  count('payments', true, newPayments.size)
  count('payments', false, unchanged)
  await load(
    null,
    'payment_remittances',
    'payment_id, position',
    payments
      .filter((p) => newPayments.has(p.id))
      .flatMap((p) =>
        (p.remittance ?? []).map((r, i) => ({
          payment_id: p.id,
          position: i,
          invoice_number: r.invoiceNumber,
          paid: r.paid,
          deducted: r.deducted ?? null,
          reason_text: r.reasonText ?? null,
        })),
      ),
  )
  await load(
    'creditMemos',
    'credit_memos',
    'number',
    (ledger.creditMemos ?? []).map((c) => ({
      number: c.number,
      invoice_number: c.invoiceNumber,
      amount: c.amount,
      date: c.date,
      reason: c.reason ?? null,
    })),
  )
  progress(`past disputes: ${ledger.pastDisputes?.length ?? 0}`)
  await load(
    'pastDisputes',
    'past_disputes',
    'id',
    (ledger.pastDisputes ?? []).map((d) => ({
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
    })),
  )
}
