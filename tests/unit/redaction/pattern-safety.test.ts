import { describe, expect, it } from 'vitest'
import { RedactionConfigSchema } from '../../../electron/config/schema'
import { catastrophicBacktracking } from '../../../electron/redaction/pattern-safety'
import { userPattern } from '../../../electron/redaction/options'

const REFUSED: Array<[pattern: string, why: RegExp]> = [
  ['(a+)+$', /a repeated group inside a repetition/],
  ['/(a+)+$/', /a repeated group inside a repetition/],
  ['(\\w+\\s?)*$', /a repeated group inside a repetition/],
  ['(.*a){12}', /a repeated group inside a repetition/],
  ['(a*)*b', /a repeated group inside a repetition/],
  ['(x+x+)+y', /exponential time/],
  ['(a|a)*$', /alternatives inside a repetition that can match the same text/],
  ['(?:ab|a|b)+$', /alternatives inside a repetition/],
  ['(foo|fo|o)+$', /alternatives inside a repetition/],
  ['^(a|aa)+$', /alternatives inside a repetition/],
  ['(\\w|\\d)+$', /alternatives inside a repetition/],
  ['/(A|a)+$/i', /alternatives inside a repetition/],
  ['(x(a|a))*y', /alternatives inside a repetition/],
  // Where no automaton can be built, alternatives that start alike are enough.
  ['(a\\b|ab)+$', /alternatives inside a repetition/],
]

const ACCEPTED = [
  'ACME-\\d{4}',
  '\\bproject\\s+falcon\\b',
  '[A-Z]{2}\\d{6}',
  '/[A-Z]{2}\\d{6}/',
  '(?<code>ACME)-(?<num>\\d{4})',
  '(?<=ID:)\\d+',
  '(?<!\\d)\\d{9}(?!\\d)',
  '\\p{Lu}{2}-\\d{3}',
  '/\\p{Script=Greek}+/u',
  'INV-\\d{4}-\\d{5}',
  '[\\w.+-]+@acme\\.com',
  '(\\d{3}-)+\\d{4}',
  '(\\d{1,3}\\.){3}\\d{1,3}',
  'sk-[A-Za-z0-9]{20,}',
  '\\b(?:foo|bar)\\b',
  '(?:foo|bar)+',
  // Alternatives that start alike but can never read one text two ways.
  '(ab|ac)+$',
  '(a|ab)+$',
  '(ab|a)+$',
  '(?:ID-\\d+|IP-\\d+)+$',
  '/(ab|AC)+$/i',
  '(?<x>a)\\k<x>',
  '[^@\\s]+@[^@\\s]+\\.[a-z]{2,}',
]

describe('user patterns that can backtrack catastrophically', () => {
  it.each(REFUSED)('refuses %s, saying why and how to fix it', (pattern, why) => {
    const said = catastrophicBacktracking(pattern)
    expect(said).toMatch(why)
    expect(said).toMatch(/^this pattern can take exponential time on some text \(.*\); rewrite /)
  })

  it.each(ACCEPTED)('accepts %s', (pattern) => {
    expect(catastrophicBacktracking(pattern)).toBeNull()
    // ...and it compiles as the detectors compile it.
    expect(userPattern(pattern)).toBeInstanceOf(RegExp)
  })

  it('leaves a pattern that does not compile to the schema, which names that problem', () => {
    expect(catastrophicBacktracking('([a-')).toBeNull()
    const r = RedactionConfigSchema.safeParse({ always: { patterns: ['([a-'] } })
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => i.message)).toEqual(['not a valid regular expression'])
  })

  it('the config schema refuses one in either list, at its index, and keeps the safe ones', () => {
    const r = RedactionConfigSchema.safeParse({
      always: { patterns: ['ACME-\\d{4}', '(a+)+$'] },
      never: { patterns: ['(a|a)*$'] },
    })
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message.slice(0, 46)])).toEqual([
      ['always.patterns.1', 'this pattern can take exponential time on some'],
      ['never.patterns.0', 'this pattern can take exponential time on some'],
    ])
    expect(RedactionConfigSchema.safeParse({ always: { patterns: ['ACME-\\d{4}'] } }).success).toBe(true)
  })
})
