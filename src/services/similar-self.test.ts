import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callByName, toolContext } from '../../tools/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

type Opened = { dispute: { id: string }; resolution: { similar: { id: string }[] } }

describe('similar past disputes', () => {
  it('never list the dispute itself, when it is investigated again or recorded again', async () => {
    const claim = {
      invoiceNumber: 'INV-1001',
      reasonCode: 'pricing_error',
      description: 'Globex says the widget price is above their contract price',
    }
    const first = await callByName('open_dispute', claim, toolContext(t))
    if (!first.ok) throw new Error(first.error.message)
    const id = (first.value as Opened).dispute.id
    // It is in the index now: the same words find it first unless it is kept out.
    expect((await t.runtime.services.similar.search({ text: claim.description, limit: 5 })).map((s) => s.id)).toContain(
      id,
    )

    const again = await callByName('investigate_dispute', claim, toolContext(t))
    if (!again.ok) throw new Error(again.error.message)
    expect((again.value as Opened['resolution']).similar.map((s) => s.id)).not.toContain(id)

    const recorded = await callByName('open_dispute', claim, toolContext(t))
    if (!recorded.ok) throw new Error(recorded.error.message)
    expect((recorded.value as Opened).dispute.id).toBe(id)
    expect((recorded.value as Opened).resolution.similar.map((s) => s.id)).not.toContain(id)
  })
})
