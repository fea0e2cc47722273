/**
 * Whose books an import goes into. A data folder holds one company's books: an import never renames
 * that company by the way (a CSV export does not name it; the public data sets carry their own
 * names), and a ledger of another company is refused rather than merged into the same dashboard.
 * `--company` is the explicit choice, and says so when it renames.
 */
export interface CompanyInFile {
  name: string
  currency?: string | undefined
  erp?: string | undefined
}

export type CompanyChoice =
  | { ok: true; company: CompanyInFile | undefined; note?: string }
  | { ok: false; message: string }

export function chooseCompany(input: {
  /** The company the file (or its converter) names, if any. */
  fromFile: CompanyInFile | undefined
  /** --company. */
  flag: string | undefined
  /** The company the database holds ("" when none yet). */
  current: string
}): CompanyChoice {
  const { fromFile, flag, current } = input
  if (flag) {
    const company = { ...fromFile, name: flag }
    return current && current !== flag
      ? { ok: true, company, note: `the company "${current}" is renamed "${flag}" (--company)` }
      : { ok: true, company }
  }
  if (current) {
    if (!fromFile || fromFile.name === current) return { ok: true, company: fromFile }
    return {
      ok: false,
      message:
        `this is the ledger of "${fromFile.name}", and the data folder holds the books of "${current}". ` +
        'Import it into a folder of its own (DISPUTE_DESK_DATA=…), or add it to these books under the name ' +
        `--company "${current}" (or rename the company with --company "${fromFile.name}").`,
    }
  }
  if (fromFile) return { ok: true, company: fromFile }
  return {
    ok: false,
    message:
      'the file does not name the company whose books these are, and the database has none yet: pass --company NAME.',
  }
}
