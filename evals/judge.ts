/**
 * The optional rubric judge: an LLM scores each drafted email 1–5 for professionalism, clarity and
 * accuracy against the resolution, with its reason. It runs only when a model is configured; the
 * rubric is Markdown beside this file so a lead can edit it without touching code.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type OpenAI from 'openai'
import type { Resolution } from '../src/core/resolution.ts'
import type { EmailJudge, JudgeVerdict } from './run-evals.ts'

export const RUBRIC_FILE = resolve(import.meta.dirname, 'judge-rubric.md')

export interface JudgeOptions {
  client: OpenAI
  model: string
  rubric?: string
}

/** The facts the email must agree with: no evidence trail, just what a customer may be told. */
function facts(r: Resolution) {
  return {
    invoiceNumber: r.invoiceNumber,
    customerName: r.customerName,
    reasonCode: r.reasonCode,
    classification: r.classification,
    currency: r.currency,
    disputedAmount: r.disputedAmount,
    supportedAmount: r.supportedAmount,
    owedAmount: r.owedAmount,
    action: r.action,
    targetDate: r.targetDate,
    missingDocuments: r.missingDocuments,
    rootCause: r.rootCause,
  }
}

const score = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null

/** Reads the judge's answer; tolerant of code fences and prose around the JSON object. */
export function parseVerdict(text: string): JudgeVerdict {
  const json = /\{[\s\S]*\}/.exec(text)?.[0]
  if (!json) return { score: null, reason: `the judge did not answer with JSON: ${text.slice(0, 200)}` }
  let v: Record<string, unknown>
  try {
    v = JSON.parse(json) as Record<string, unknown>
  } catch {
    return { score: null, reason: `the judge's JSON did not parse: ${json.slice(0, 200)}` }
  }
  const overall = score(v.score)
  const parts = { professionalism: score(v.professionalism), clarity: score(v.clarity), accuracy: score(v.accuracy) }
  const reason = typeof v.reason === 'string' && v.reason.trim() ? v.reason.trim() : 'no reason given'
  if (overall === null) return { score: null, reason: `the judge gave no 1–5 score: ${json.slice(0, 200)}` }
  const complete = parts.professionalism !== null && parts.clarity !== null && parts.accuracy !== null
  return {
    score: overall,
    reason,
    ...(complete
      ? { scores: { professionalism: parts.professionalism!, clarity: parts.clarity!, accuracy: parts.accuracy! } }
      : {}),
  }
}

export function createEmailJudge(options: JudgeOptions): EmailJudge {
  const rubric = options.rubric ?? readFileSync(RUBRIC_FILE, 'utf8')
  return async (r) => {
    const completion = await options.client.chat.completions.create({
      model: options.model,
      temperature: 0,
      messages: [
        { role: 'system', content: rubric },
        {
          role: 'user',
          content: `Resolution:\n${JSON.stringify(facts(r), null, 2)}\n\nDraft email\nSubject: ${r.email.subject}\n\n${r.email.body}`,
        },
      ],
    })
    return parseVerdict(completion.choices[0]?.message?.content ?? '')
  }
}
