import { type AST, parseRegExpLiteral } from '@eslint-community/regexpp'
import { describe, expect, it } from 'vitest'
import glossData from './data/gloss.json' with { type: 'json' }
import { factorsOf, mayMatch } from './regex-factors.ts'

const anyOf = (re: RegExp): string[] | undefined => factorsOf(re)?.anyOf

describe('what every match of an expression contains', () => {
  it('reads fixed text, choices, optional parts and small classes into the strings a match holds', () => {
    expect(anyOf(/late fee/i)).toEqual(['late fee'])
    expect(anyOf(/(?:pallets?|crates?) damaged/i)).toEqual([
      'pallet damaged',
      'pallets damaged',
      'crate damaged',
      'crates damaged',
    ])
    expect(anyOf(/colou?r/)).toEqual(['color', 'colour'])
    expect(anyOf(/Gr[aä]tis/)).toEqual(['Gratis', 'Grätis'])
  })

  it('keeps the longest certain stretch when the rest is open-ended', () => {
    expect(anyOf(/invoice\s+\d+ is wrong/i)).toEqual([' is wrong'])
    expect(anyOf(/\bwe never ordered\w*/i)).toEqual(['we never ordered'])
  })

  it('lets zero-width parts join the text on either side, and never counts what they look at', () => {
    expect(anyOf(/(?<![a-z])net(?=\s*30)/)).toEqual(['net'])
    expect(anyOf(/short(?!age)ship/)).toEqual(['shortship'])
  })

  it('answers nothing when no text is certain', () => {
    expect(factorsOf(/\d+/)).toBeUndefined()
    expect(factorsOf(/(?:refund)?/)).toBeUndefined()
    expect(factorsOf(/credit|\w+/)).toBeUndefined()
    expect(factorsOf(/[^x]+y?/)).toBeUndefined()
  })

  it('lower-cases for an expression that ignores case, and says so', () => {
    expect(factorsOf(/Credit NOTE/i)).toEqual({ anyOf: ['credit note'], lowerCase: true })
    expect(factorsOf(/Credit NOTE/)).toEqual({ anyOf: ['Credit NOTE'], lowerCase: false })
    expect(mayMatch(factorsOf(/Credit NOTE/i), 'A CREDIT NOTE', 'a credit note')).toBe(true)
    expect(mayMatch(factorsOf(/Credit NOTE/), 'A CREDIT NOTE', 'a credit note')).toBe(false)
    expect(mayMatch(undefined, 'anything', 'anything')).toBe(true)
  })
})

/** One string the element matches, chosen at random (lookarounds left to the check below). */
function sample(node: AST.Node, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return sample(pick(node.alternatives), random)
    case 'Alternative':
      return node.elements.map((e) => sample(e, random)).join('')
    case 'Character':
      return String.fromCodePoint(node.value)
    case 'Quantifier': {
      const n = node.min + Math.floor(random() * (Math.min(node.max, node.min + 3) - node.min + 1))
      return Array.from({ length: n }, () => sample(node.element, random)).join('')
    }
    case 'CharacterClass': {
      if (node.negate || !node.elements.length) return ' '
      const e = pick(node.elements)
      if (e.type === 'CharacterClassRange') return String.fromCodePoint(e.min.value)
      return sample(e, random)
    }
    case 'CharacterSet':
      return node.kind === 'digit' ? '7' : node.kind === 'space' ? ' ' : 'negate' in node && node.negate ? ' ' : 'a'
    default:
      return ''
  }
}

describe('the glossary’s expressions', () => {
  it('never rules out a text one of them matches (random matches of each, in a few settings)', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const expressions = Object.values(glossData.phrases)
      .flat()
      .filter((p) => /[\\()[\]{}|?*+.^$]/.test(p))
      .map((p) => new RegExp(`(?<![\\p{L}\\p{M}])${p}(?![\\p{L}\\p{M}])`, 'giu'))
    let checked = 0
    for (const re of expressions) {
      const factors = factorsOf(re)
      const pattern = parseRegExpLiteral(re).pattern
      for (let i = 0; i < 20; i++) {
        const found = sample(pattern, random)
        for (const text of [found, `1 ${found} 22`, `de ${found}, 3`, `4, ${found} 5.00`]) {
          re.lastIndex = 0
          if (!re.test(text)) continue
          checked++
          expect(mayMatch(factors, text, text.toLowerCase()), `${re.source} on "${text}"`).toBe(true)
        }
      }
    }
    // Most expressions are read into strings, and most samples are real matches.
    expect(expressions.filter((re) => factorsOf(re)).length).toBeGreaterThan(expressions.length * 0.8)
    expect(checked).toBeGreaterThan(expressions.length * 10)
  })
})
