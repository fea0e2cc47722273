/**
 * One reading of Postgres values for both drivers, so repositories never see a driver's quirks:
 * NUMERIC stays a decimal string (money is never a float), BIGINT becomes a number (counts and
 * sequence numbers stay far below 2^53), DATE stays "YYYY-MM-DD" (no time-zone shift) and
 * timestamps become ISO-8601 strings.
 */
export const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const

const toIso = (raw: string): string => {
  // Postgres prints "2026-11-23 07:21:25.123+00"; a bare TIMESTAMP has no zone and is read as UTC.
  const withT = raw.replace(' ', 'T')
  const zoned = /([+-]\d{2}(:?\d{2})?|Z)$/.test(withT) ? withT : `${withT}Z`
  return new Date(zoned.replace(/([+-]\d{2})$/, '$1:00')).toISOString()
}

export const textParsers: Record<number, (raw: string) => unknown> = {
  [OID.INT8]: (raw) => Number(raw),
  [OID.NUMERIC]: (raw) => raw,
  [OID.DATE]: (raw) => raw,
  [OID.TIMESTAMP]: toIso,
  [OID.TIMESTAMPTZ]: toIso,
}
