/**
 * DeductionRepository: the remittance lines that short-paid an invoice, read per payment and
 * invoice (entries for the same invoice summed, exactly, in NUMERIC), and the link to the dispute
 * each one opened. The link's primary key is what makes opening deductions idempotent.
 */
import type { Actor, DeductionRecord, DeductionRepository, StoreResult } from '../../services/ports.ts'
import { atomically } from './atomic.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { amount, pageArgs, Where } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const DEDUCTIONS = `
  SELECT d.payment_id, d.invoice_number, d.paid::text AS paid, d.deducted::text AS deducted, d.reason_text,
         p.customer_id, p.currency, p.date, p.reference, x.dispute_id, x.read_by, x.customer_code
  FROM (
    SELECT payment_id, invoice_number, sum(paid) AS paid, sum(coalesce(deducted, 0)) AS deducted,
           coalesce(string_agg(nullif(trim(reason_text), ''), '; ' ORDER BY position), '') AS reason_text
    FROM payment_remittances GROUP BY payment_id, invoice_number
  ) d
  JOIN payments p ON p.id = d.payment_id
  LEFT JOIN dispute_deductions x ON x.payment_id = d.payment_id AND x.invoice_number = d.invoice_number`

const deductionOf = (r: Row): DeductionRecord => ({
  paymentId: r.payment_id,
  paymentReference: r.reference ?? null,
  paymentDate: r.date,
  customerId: r.customer_id,
  invoiceNumber: r.invoice_number,
  currency: r.currency,
  paid: amount(r.paid, r.currency),
  deducted: amount(r.deducted, r.currency),
  reasonText: r.reason_text,
  disputeId: r.dispute_id ?? null,
  readBy: r.read_by ?? null,
  customerCode: r.customer_code ?? null,
})

async function link(
  db: Db,
  input: Parameters<DeductionRepository['link']>[0],
  actor: Actor,
): Promise<StoreResult<{ disputeId: string; linked: boolean }>> {
  const bad = checkTexts({ reasonText: input.reasonText })
  if (bad) return { ok: false, error: bad }
  return atomically(db, async (tx): Promise<StoreResult<{ disputeId: string; linked: boolean }>> => {
    const ins = await tx.query(
      `INSERT INTO dispute_deductions (payment_id, invoice_number, dispute_id, deducted, reason_text, read_by, customer_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (payment_id, invoice_number) DO NOTHING RETURNING 1`,
      [
        input.paymentId,
        input.invoiceNumber,
        input.disputeId,
        input.deducted,
        input.reasonText,
        input.readBy,
        input.customerCode ?? null,
      ],
    )
    if (!ins.rows.length) {
      const first = await tx.query<{ dispute_id: string }>(
        'SELECT dispute_id FROM dispute_deductions WHERE payment_id = $1 AND invoice_number = $2',
        [input.paymentId, input.invoiceNumber],
      )
      return { ok: true, value: { disputeId: first.rows[0]?.dispute_id ?? input.disputeId, linked: false } }
    }
    await appendEvent(tx, actor, {
      disputeId: input.disputeId,
      type: 'deduction_linked',
      why: `Payment ${input.paymentId} deducted ${input.deducted} from ${input.invoiceNumber}: ${input.reasonText || 'no reason given'}`,
      before: null,
      after: {
        paymentId: input.paymentId,
        invoiceNumber: input.invoiceNumber,
        deducted: input.deducted,
        reasonText: input.reasonText,
        readBy: input.readBy,
        customerCode: input.customerCode ?? null,
      },
    })
    return { ok: true, value: { disputeId: input.disputeId, linked: true } }
  })
}

export function deductionRepository(db: Db): DeductionRepository {
  return {
    async list(f) {
      const { limit, offset } = pageArgs(f)
      const w = new Where()
        .add('d.deducted > 0')
        .when(f.customerId, 'p.customer_id = ?', f.customerId)
        .when(f.paymentId, 'd.payment_id = ?', f.paymentId)
        .when(f.opened === true || undefined, 'x.dispute_id IS NOT NULL')
        .when(f.opened === false || undefined, 'x.dispute_id IS NULL')
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${DEDUCTIONS} ${w.sql}) c`, w.params)
      const rows = await db.query<Row>(
        `${DEDUCTIONS} ${w.sql} ORDER BY p.date, d.payment_id, d.invoice_number LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
        w.params,
      )
      return { items: rows.rows.map(deductionOf), total: n.rows[0]?.n ?? 0, limit, offset }
    },
    link: (input, actor) => link(db, input, actor),
  }
}
