/**
 * The fixed mapping from Banking77 intents to our reason codes (the brief's table). Rows of any
 * other category are skipped, both in training and in evaluation.
 */
import { parse } from 'csv-parse/sync'
import type { ReasonCode } from '../../../core/ledger.ts'

export const BANKING77_TO_REASON: Readonly<Record<string, ReasonCode>> = {
  transaction_charged_twice: 'duplicate_billing',
  card_payment_not_recognised: 'unrecognized_charge',
  direct_debit_payment_not_recognised: 'unrecognized_charge',
  extra_charge_on_statement: 'unrecognized_charge',
  cash_withdrawal_not_recognised: 'unrecognized_charge',
  card_payment_wrong_exchange_rate: 'pricing_error',
  wrong_exchange_rate_for_cash_withdrawal: 'pricing_error',
  wrong_amount_of_cash_received: 'quantity_discrepancy',
  balance_not_updated_after_bank_transfer: 'already_paid',
}

export interface LabelledText {
  text: string
  category: string
  code: ReasonCode
}

/** Rows of a text,category CSV whose category is in the table, in file order. */
export function mappedRows(csvText: string): LabelledText[] {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]
  const out: LabelledText[] = []
  for (const r of rows) {
    const category = (r.category ?? '').trim()
    const code = BANKING77_TO_REASON[category]
    if (code && r.text) out.push({ text: r.text, category, code })
  }
  return out
}
