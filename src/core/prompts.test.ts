import { describe, expect, it } from 'vitest'
import { bannedPhrases, placeholdersOf, renderTemplate, templateProblems } from './prompts.ts'

describe('renderTemplate', () => {
  it('fills placeholders, tolerating spaces inside the braces', () => {
    expect(
      renderTemplate('Invoice {{invoiceNumber}} for {{ amount }}', { invoiceNumber: 'INV-1', amount: '$5.00' }),
    ).toBe('Invoice INV-1 for $5.00')
  })

  it('fails loudly on an unknown placeholder', () => {
    expect(() => renderTemplate('Hello {{customr}}', { customer: 'x' })).toThrow('{{customr}}')
  })

  it('does not re-expand placeholders that appear inside a value', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}')
  })
})

describe('templateProblems', () => {
  it.each([
    ['Hi {{name}}', [], []],
    ['Hi {{nmae}}', ['unknown_placeholder'], []],
    ['Hi {{name}', ['malformed_placeholder'], []],
    ['Hi name}} and {{ name }}', ['malformed_placeholder'], []],
  ])('checks %j', (template, codes) => {
    expect(templateProblems(template, ['name']).map((p) => p.code)).toEqual(codes)
  })

  it('lists placeholders once, in order of first use', () => {
    expect(placeholdersOf('{{b}} {{a}} {{b}}')).toEqual(['b', 'a'])
  })
})

describe('bannedPhrases', () => {
  it('matches case-insensitively', () => {
    expect(bannedPhrases('This is Your Fault.', ['your fault', 'blame'])).toEqual(['your fault'])
  })
})
