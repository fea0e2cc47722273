import { describe, expect, it } from 'vitest'
import { chooseCompany } from './company.ts'

const northwind = { name: 'Northwind Supply Co.', currency: 'USD' }

describe('whose books an import goes into', () => {
  it('takes the company the file names into a new data folder, and needs --company when it names none', () => {
    expect(chooseCompany({ fromFile: northwind, flag: undefined, current: '' })).toEqual({
      ok: true,
      company: northwind,
    })
    const none = chooseCompany({ fromFile: undefined, flag: undefined, current: '' })
    expect(none.ok).toBe(false)
    expect(chooseCompany({ fromFile: undefined, flag: 'Acme', current: '' })).toEqual({
      ok: true,
      company: { name: 'Acme' },
    })
  })

  it('never renames the folder’s company by the way: an unnamed file keeps it, another company is refused', () => {
    expect(chooseCompany({ fromFile: undefined, flag: undefined, current: 'Meridian' })).toEqual({
      ok: true,
      company: undefined,
    })
    expect(chooseCompany({ fromFile: { name: 'Meridian' }, flag: undefined, current: 'Meridian' }).ok).toBe(true)
    const other = chooseCompany({ fromFile: northwind, flag: undefined, current: 'Meridian' })
    expect(other.ok ? '' : other.message).toContain('holds the books of "Meridian"')
  })

  it('renames only with --company, and says so', () => {
    expect(chooseCompany({ fromFile: northwind, flag: 'Meridian', current: 'Meridian' })).toEqual({
      ok: true,
      company: { ...northwind, name: 'Meridian' },
    })
    const renamed = chooseCompany({ fromFile: undefined, flag: 'Northwind', current: 'Meridian' })
    expect(renamed).toMatchObject({ ok: true, note: 'the company "Meridian" is renamed "Northwind" (--company)' })
  })
})
