import { beforeAll, describe, expect, it } from 'vitest'
import { loadPrompts } from '../adapters/prompts/load-prompts.ts'
import { decisionFixture } from './decision-fixtures.ts'
import { REASON_CODES } from './ledger.ts'
import { preventionFor } from './prevention.ts'
import { type PreventionPlaybook, PreventionPlaybook as PlaybookSchema, type Prompts } from './prompts.ts'
import { ROOT_CAUSES } from './resolution.ts'

let prompts: Prompts
beforeAll(async () => {
  prompts = await loadPrompts('prompts')
})

describe('preventionFor', () => {
  it.each(ROOT_CAUSES)(
    'gives at least one labelled suggestion for root cause %s, whatever the reason',
    (rootCauseCode) => {
      for (const reasonCode of REASON_CODES) {
        const lines = preventionFor({ rootCauseCode, reasonCode }, prompts.prevention)
        expect(lines.length).toBeGreaterThan(0)
        for (const line of lines) expect(line).toMatch(/^(Billing checklist|Automation|Cross-team SOP): \S/)
      }
    },
  )

  it('adds the reason extras after the root cause suggestions, without repeats', () => {
    const playbook: PreventionPlaybook = structuredClone(prompts.prevention)
    playbook.rootCauses.price_list_not_updated = [{ kind: 'checklist', text: 'Compare prices.' }]
    playbook.reasons.pricing_error = [
      { kind: 'automation', text: 'Alert on price drift.' },
      { kind: 'checklist', text: 'Compare prices.' },
    ]
    expect(preventionFor(decisionFixture(), playbook)).toEqual([
      'Billing checklist: Compare prices.',
      'Automation: Alert on price drift.',
    ])
  })

  it('follows an edit of the playbook data, not code', () => {
    const playbook = structuredClone(prompts.prevention)
    playbook.labels.sop = 'SOP'
    playbook.rootCauses.price_list_not_updated = [{ kind: 'sop', text: 'Sales tells billing about renewals.' }]
    playbook.reasons = {}
    expect(preventionFor(decisionFixture(), playbook)).toEqual(['SOP: Sales tells billing about renewals.'])
  })

  it('rejects a playbook with a root cause left without suggestions', () => {
    const playbook = structuredClone(prompts.prevention)
    playbook.rootCauses.unknown = []
    const r = PlaybookSchema.safeParse(playbook)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['rootCauses', 'unknown'])
  })
})
