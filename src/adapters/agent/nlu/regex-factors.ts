/**
 * What a regular expression's every match must contain: a few strings, one of which is in any text
 * the expression matches. A plain `includes` of them is far cheaper than running the expression, so
 * readers that try hundreds of expressions on a message (the glossary's phrases, the reason patterns)
 * run only those whose strings are there. The expression is read with regexpp (ESLint's parser), never
 * by hand-written string surgery.
 *
 * The analysis is conservative: whatever it cannot read exactly (a class of many characters, an open
 * repetition, a backreference) it treats as unknown text, and when nothing is certain it answers
 * `undefined` (run the expression always). Zero-width parts (lookarounds, `\b`, `^`) consume nothing,
 * so the characters on either side of them stay side by side in a match.
 */
import { type AST, parseRegExpLiteral } from '@eslint-community/regexpp'

export interface Factors {
  /** A match contains at least one of these (lower-cased when the expression ignores case). */
  anyOf: string[]
  /** Compare with the text lower-cased: the expression has the `i` flag. */
  lowerCase: boolean
}

/** Beyond this many spellings a stretch of the pattern is treated as unknown text. */
const MAX_SPELLINGS = 32
/** A class of at most this many single characters (`[oa]`, `[eé]`) is spelled out. */
const MAX_CLASS = 8

type Spellings = string[] | undefined

const cross = (a: string[], b: string[]): Spellings =>
  a.length * b.length > MAX_SPELLINGS ? undefined : a.flatMap((x) => b.map((y) => x + y))

const unique = (list: string[]): string[] => [...new Set(list)]

/** A set of strings is worth as much as its shortest: any of them may be the one in the text. */
const worth = (list: string[]): number => Math.min(...list.map((s) => s.length))

function better(a: Spellings, b: Spellings): Spellings {
  if (!a || worth(a) === 0) return b && worth(b) > 0 ? b : undefined
  if (!b || worth(b) === 0) return a
  if (worth(a) !== worth(b)) return worth(a) > worth(b) ? a : b
  return a.length <= b.length ? a : b
}

const zeroWidth = (e: AST.Element): boolean => e.type === 'Assertion'

function reader(lowerCase: boolean) {
  const char = (value: number): string => {
    const c = String.fromCodePoint(value)
    return lowerCase ? c.toLowerCase() : c
  }

  /** Every string the element matches, when there are few and it matches nothing else. */
  function exact(e: AST.Element | AST.Alternative): Spellings {
    switch (e.type) {
      case 'Character':
        return [char(e.value)]
      case 'CharacterClass': {
        if (e.negate || e.elements.length > MAX_CLASS) return undefined
        const chars: string[] = []
        for (const c of e.elements) {
          if (c.type !== 'Character') return undefined
          chars.push(char(c.value))
        }
        return chars.length ? unique(chars) : undefined
      }
      case 'Group':
      case 'CapturingGroup':
        return anyExact(e.alternatives)
      case 'Alternative': {
        let out: Spellings = ['']
        for (const el of e.elements) {
          if (zeroWidth(el)) continue
          const part = exact(el)
          out = part && out ? cross(out, part) : undefined
          if (!out) return undefined
        }
        return out
      }
      case 'Quantifier': {
        const part = exact(e.element)
        if (!part || e.max > 3) return undefined
        let out: Spellings = ['']
        const all: string[] = e.min === 0 ? [''] : []
        for (let n = 1; n <= e.max && out; n++) {
          out = cross(out, part)
          if (out && n >= e.min) all.push(...out)
        }
        return out ? unique(all) : undefined
      }
      default:
        return undefined
    }
  }

  /** The spellings of any one of the alternatives, each read by `read`; none when one of them gives
   *  none (or, for what a match must hold, only the empty string, which every text holds). */
  function eachOf(
    alternatives: AST.Alternative[],
    read: (a: AST.Alternative) => Spellings,
    emptyAllowed: boolean,
  ): Spellings {
    const out: string[] = []
    for (const a of alternatives) {
      const s = read(a)
      if (!s || (!emptyAllowed && worth(s) === 0)) return undefined
      out.push(...s)
    }
    return out.length > MAX_SPELLINGS ? undefined : unique(out)
  }
  const anyExact = (alternatives: AST.Alternative[]): Spellings => eachOf(alternatives, exact, true)
  /** Strings one of which any match of the alternatives contains. */
  const needAny = (alternatives: AST.Alternative[]): Spellings => eachOf(alternatives, need, false)

  function need(e: AST.Element | AST.Alternative): Spellings {
    switch (e.type) {
      case 'Alternative': {
        // The stretch of exactly known text being read, and the best requirement found so far.
        let run: Spellings = ['']
        let best: Spellings
        for (const el of e.elements) {
          if (zeroWidth(el)) continue
          const part = exact(el)
          const joined: Spellings = part && run ? cross(run, part) : undefined
          if (joined) {
            run = joined
            continue
          }
          best = better(best, run)
          best = better(best, need(el))
          // A part too varied to join the stretch still begins the next one; any other part ends it.
          run = part ?? ['']
        }
        return better(best, run)
      }
      case 'Group':
      case 'CapturingGroup':
        return better(anyExact(e.alternatives), needAny(e.alternatives))
      case 'Quantifier':
        return e.min >= 1 ? better(exact(e.element), need(e.element)) : undefined
      default:
        return exact(e)
    }
  }

  return (pattern: AST.Pattern): Spellings => better(anyExact(pattern.alternatives), needAny(pattern.alternatives))
}

/** The strings one of which every match of `re` contains, or undefined when none are certain. */
export function factorsOf(re: RegExp): Factors | undefined {
  const lowerCase = re.flags.includes('i')
  const anyOf = reader(lowerCase)(parseRegExpLiteral(re).pattern)
  return anyOf && worth(anyOf) > 0 ? { anyOf, lowerCase } : undefined
}

/** True when the text can hold a match: one of the factors is in it. */
export const mayMatch = (factors: Factors | undefined, text: string, lower: string): boolean =>
  !factors || factors.anyOf.some((f) => (factors.lowerCase ? lower : text).includes(f))
