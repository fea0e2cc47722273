/**
 * Reads prompts/ from disk and validates it with the core's schemas. Every problem is reported with
 * the file (and field) it is in, so a lead who broke a template sees where at start-up.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { DeductionCodes } from '../../core/deductions.ts'
import { formatPath } from '../../core/ledger.ts'
import {
  checkEmailTemplates,
  EMAIL_TEMPLATE_KEYS,
  type EmailTemplate,
  type EmailTemplateKey,
  EmailWording,
  PreventionPlaybook,
  type PromptIssue,
  type Prompts,
  Questions,
  ToneLexicon,
} from '../../core/prompts.ts'

export type LoadPrompts = { ok: true; prompts: Prompts } | { ok: false; issues: PromptIssue[] }

export const PROMPT_FILES = {
  persona: 'persona.md',
  questions: 'questions.json',
  prevention: 'prevention.json',
  lexicon: 'tone-lexicon.json',
  wording: 'emails/wording.json',
  deductionCodes: 'deduction-codes.json',
  template: (key: EmailTemplateKey) => `emails/${key}.md`,
} as const

/** Like `loadPromptsResult` but throws one error listing every issue: start-up cannot go on without prompts. */
export async function loadPrompts(dir = 'prompts'): Promise<Prompts> {
  const r = await loadPromptsResult(dir)
  if (!r.ok) {
    const lines = r.issues.map((i) => `  ${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}`)
    throw new Error(`prompts in ${dir} are invalid:\n${lines.join('\n')}`)
  }
  return r.prompts
}

export async function loadPromptsResult(dir = 'prompts'): Promise<LoadPrompts> {
  const issues: PromptIssue[] = []
  const text = async (file: string): Promise<string | null> => {
    try {
      return await readFile(join(dir, file), 'utf8')
    } catch (e) {
      issues.push({ file, path: '', message: `cannot read: ${(e as Error).message}` })
      return null
    }
  }
  const json = async <S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | null> => {
    const raw = await text(file)
    if (raw === null) return null
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (e) {
      issues.push({ file, path: '', message: `not valid JSON: ${(e as Error).message}` })
      return null
    }
    const r = schema.safeParse(value)
    if (r.success) return r.data
    for (const i of r.error.issues) issues.push({ file, path: formatPath(i.path), message: i.message })
    return null
  }

  const persona = await text(PROMPT_FILES.persona)
  if (persona !== null && !persona.trim()) issues.push({ file: PROMPT_FILES.persona, path: '', message: 'is empty' })
  const questions = await json(PROMPT_FILES.questions, Questions)
  const prevention = await json(PROMPT_FILES.prevention, PreventionPlaybook)
  const lexicon = await json(PROMPT_FILES.lexicon, ToneLexicon)
  const wording = await json(PROMPT_FILES.wording, EmailWording)
  // Optional: a folder without it reads every deduction's reason from the customer's words.
  const deductionCodes = existsSync(join(dir, PROMPT_FILES.deductionCodes))
    ? await json(PROMPT_FILES.deductionCodes, DeductionCodes)
    : undefined
  const templates: Partial<Record<EmailTemplateKey, EmailTemplate>> = {}
  for (const key of EMAIL_TEMPLATE_KEYS) {
    const file = PROMPT_FILES.template(key)
    const raw = await text(file)
    if (raw === null) continue
    const parsed = parseTemplateFile(raw)
    if (!parsed.ok) issues.push({ file, path: parsed.path, message: parsed.message })
    else templates[key] = parsed.template
  }
  if (!persona || !questions || !prevention || !lexicon || !wording || issues.length) return { ok: false, issues }

  const emails = { templates: templates as Record<EmailTemplateKey, EmailTemplate>, wording }
  const deeper = checkEmailTemplates(emails, lexicon.banned, (key) =>
    key === 'wording' ? PROMPT_FILES.wording : PROMPT_FILES.template(key),
  )
  if (deeper.length) return { ok: false, issues: deeper }
  return {
    ok: true,
    prompts: {
      persona,
      questions,
      emails,
      prevention,
      lexicon: lexicon.banned,
      ...(deductionCodes ? { deductionCodes } : {}),
    },
  }
}

type TemplateFile = { ok: true; template: EmailTemplate } | { ok: false; path: string; message: string }

/** A template file is a "Subject: …" line, a blank line, then the Markdown body. */
export function parseTemplateFile(raw: string): TemplateFile {
  const text = raw.replace(/\r\n/g, '\n')
  const m = /^Subject:[ \t]*(.*)\n/.exec(text)
  if (!m?.[1]?.trim()) return { ok: false, path: 'subject', message: 'the first line must be "Subject: …"' }
  const body = text.slice(m[0].length).trim()
  if (!body) return { ok: false, path: 'body', message: 'the body after the subject line is empty' }
  return { ok: true, template: { subject: m[1].trim(), body } }
}
