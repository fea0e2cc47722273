import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { customerCode } from '../../core/deductions.ts'
import { EMAIL_TEMPLATE_KEYS, QUESTION_TOPICS } from '../../core/prompts.ts'
import { loadPrompts, loadPromptsResult, parseTemplateFile } from './load-prompts.ts'

const dirs: string[] = []
async function copyOfPrompts(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prompts-'))
  dirs.push(dir)
  await cp('prompts', dir, { recursive: true })
  return dir
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

describe('loadPrompts', () => {
  it('loads the shipped prompts: persona, every question topic, every template and the lexicon', async () => {
    const p = await loadPrompts('prompts')
    expect(p.persona).toMatch(/never invent/i)
    expect(Object.keys(p.questions).sort()).toEqual([...QUESTION_TOPICS].sort())
    expect(p.questions.reason.quickReplies).toHaveLength(13)
    expect(Object.keys(p.emails.templates).sort()).toEqual([...EMAIL_TEMPLATE_KEYS].sort())
    expect(p.lexicon.length).toBeGreaterThan(10)
  })

  it('rejects a template with an unknown placeholder, naming the file', async () => {
    const dir = await copyOfPrompts()
    const file = join(dir, 'emails', 'credit_full.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('{{invoiceNumber}}', '{{invoiceNumbr}}'))
    const r = await loadPromptsResult(dir)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'emails/credit_full.md', path: 'subject' })
    await expect(loadPrompts(dir)).rejects.toThrow(
      /emails\/credit_full\.md subject: unknown placeholder \{\{invoiceNumbr\}\}/,
    )
  })

  it('rejects a template without a subject line and a missing template file', async () => {
    const dir = await copyOfPrompts()
    await writeFile(join(dir, 'emails', 'goodwill.md'), 'Dear customer,\n\nbody')
    await rm(join(dir, 'emails', 'write_off.md'))
    const r = await loadPromptsResult(dir)
    if (r.ok) throw new Error('expected a failure')
    expect(r.issues.map((i) => i.file).sort()).toEqual(['emails/goodwill.md', 'emails/write_off.md'])
  })

  it('rejects tone wording that carries a banned phrase, naming file and field', async () => {
    const dir = await copyOfPrompts()
    const file = join(dir, 'emails', 'wording.json')
    const wording = JSON.parse(await readFile(file, 'utf8'))
    wording.tones.firm.closing = 'This delay is unacceptable.'
    await writeFile(file, JSON.stringify(wording))
    const r = await loadPromptsResult(dir)
    if (r.ok) throw new Error('expected a failure')
    expect(r.issues).toEqual([
      { file: 'emails/wording.json', path: 'tones.firm.closing', message: 'contains the banned phrase "unacceptable"' },
    ])
  })

  it('names the JSON file and field that fail validation', async () => {
    const dir = await copyOfPrompts()
    await writeFile(join(dir, 'questions.json'), JSON.stringify({ invoice: { text: '' } }))
    await writeFile(join(dir, 'tone-lexicon.json'), '{ not json')
    const r = await loadPromptsResult(dir)
    if (r.ok) throw new Error('expected a failure')
    expect(r.issues).toContainEqual({ file: 'questions.json', path: 'invoice.text', message: 'must not be empty' })
    expect(r.issues.some((i) => i.file === 'questions.json' && i.path === 'reason')).toBe(true)
    expect(r.issues.some((i) => i.file === 'tone-lexicon.json' && /not valid JSON/.test(i.message))).toBe(true)
  })
})

describe('parseTemplateFile', () => {
  it('splits the subject line from the body and accepts CRLF', () => {
    expect(parseTemplateFile('Subject: Hi {{invoiceNumber}}\r\n\r\nBody\r\n')).toEqual({
      ok: true,
      template: { subject: 'Hi {{invoiceNumber}}', body: 'Body' },
    })
  })
})

describe('deduction-codes.json', () => {
  it('ships a table that maps the common remittance codes', async () => {
    const { deductionCodes } = await loadPrompts('prompts')
    if (!deductionCodes) throw new Error('the shipped prompts have no deduction codes')
    expect(customerCode('SHORT 4 CTNS', 'C-1', deductionCodes)?.reasonCode).toBe('quantity_discrepancy')
    expect(customerCode('PRICE DIFF 0.50', 'C-1', deductionCodes)?.reasonCode).toBe('pricing_error')
    expect(customerCode('12 DAMAGED', 'C-1', deductionCodes)).toBeNull()
  })

  it('rejects a code mapped to a reason we do not have, naming the file and the code', async () => {
    const dir = await copyOfPrompts()
    await writeFile(join(dir, 'deduction-codes.json'), JSON.stringify({ codes: { SH: 'short_shipment' } }))
    const r = await loadPromptsResult(dir)
    if (r.ok) throw new Error('expected a failure')
    expect(r.issues[0]).toMatchObject({ file: 'deduction-codes.json', path: 'codes.SH' })
  })

  it('is optional: without it every reason is read from the words', async () => {
    const dir = await copyOfPrompts()
    await rm(join(dir, 'deduction-codes.json'))
    expect((await loadPrompts(dir)).deductionCodes).toBeUndefined()
  })
})
