/** Test helpers for the evals' own tests: a hand-built resolution, so scorers and reports are tested alone. */
import { decisionFixture } from '../src/core/decision-fixtures.ts'
import type { Resolution } from '../src/core/resolution.ts'

export const resolutionFixture = (patch: Partial<Resolution> = {}): Resolution => ({
  ...decisionFixture(),
  similar: [],
  email: {
    subject: 'Your dispute of INV-1001',
    body: 'We are sorry: INV-1001 billed Widget A at 14.00 instead of 12.50. We will credit $150.00 by 2026-03-27.',
    tone: 'neutral',
  },
  prevention: [],
  insights: [],
  ...patch,
})
