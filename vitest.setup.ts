/**
 * Every test must assert something: a test that passes by asserting nothing proves nothing.
 */
import { beforeEach, expect } from 'vitest'

beforeEach(() => {
  expect.hasAssertions()
})
