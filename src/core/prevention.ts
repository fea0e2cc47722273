/**
 * Prevention suggestions: the lead's playbook (prompts/prevention.json) looked up by the decision's
 * root cause, then its reason code. Kept as data so a lead changes them without touching code.
 */
import type { PreventionPlaybook } from './prompts.ts'
import type { Decision } from './resolution.ts'

export function preventionFor(
  decision: Pick<Decision, 'rootCauseCode' | 'reasonCode'>,
  playbook: PreventionPlaybook,
): string[] {
  const items = [...playbook.rootCauses[decision.rootCauseCode], ...(playbook.reasons[decision.reasonCode] ?? [])]
  const seen = new Set<string>()
  const out: string[] = []
  for (const item of items) {
    const line = `${playbook.labels[item.kind]}: ${item.text}`
    if (seen.has(line)) continue
    seen.add(line)
    out.push(line)
  }
  return out
}
