import type { Ledger } from '../core/ledger.ts'

type Invoice = Ledger['invoices'][number]

/** The invoices of a test ledger in one currency, all falling due on one day: a test writes only what
 *  it varies (number, customer, issue date, lines, and any other field in `extra`). */
export const invoicesIn =
  (currency: string, dueDate: string) =>
  (number: string, customerId: string, issueDate: string, lines: Invoice['lines'], extra: Partial<Invoice> = {}) => ({
    number,
    customerId,
    issueDate,
    dueDate,
    currency,
    lines,
    ...extra,
  })
