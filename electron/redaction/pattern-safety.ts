/**
 * Refuses user patterns that can backtrack catastrophically. JavaScript's regex engine backtracks, and a
 * pattern such as `(a+)+$` takes exponential time on a run of `a`s that does not match: on the main
 * thread that would stall every client of the gateway with no way to interrupt it. So such a pattern is
 * refused when it is saved or loaded, in plain words, instead of hanging a request later.
 *
 * The analysis is scslre's (nested and competing quantifiers, by the author of eslint-plugin-regexp),
 * plus one case it leaves out: alternatives inside an unbounded repetition that can match one text in
 * exponentially many ways (`(a|a)*`, `(a|aa)+`, `(\w|\d)+`). For `(A|B)+` that is so when some text can be
 * read as A followed by more repetitions and also as B followed by more (`aa` in `(a|aa)+`); refa's
 * automata decide it exactly. `(ab|ac)+` and `(a|ab)+` have no such text and pass. Where automata cannot
 * be built (backreferences, lookarounds, a group nested deeper in the repetition), two alternatives that
 * can start with the same character are enough to refuse.
 */
import { createRequire } from 'node:module'
import type { AST } from '@eslint-community/regexpp'
import type * as Refa from 'refa'
import type * as Analysis from 'regexp-ast-analysis'
import type * as Scslre from 'scslre'

/**
 * The analysis libraries cost about 18 MB of memory and 40 ms to load: they are loaded the first time a
 * pattern is checked, not by every process that reads a config (most configs have no patterns).
 */
let libs: { scslre: typeof Scslre; analysis: typeof Analysis; refa: typeof Refa } | undefined

function load(): { scslre: typeof Scslre; analysis: typeof Analysis; refa: typeof Refa } {
  if (!libs) {
    const require = createRequire(import.meta.url)
    libs = {
      scslre: require('scslre') as typeof Scslre,
      analysis: require('regexp-ast-analysis') as typeof Analysis,
      refa: require('refa') as typeof Refa,
    }
  }
  return libs
}

/** `/source/flags` or a bare source, with the flags `userPattern` compiles it with. */
export function patternLiteral(pattern: string): { source: string; flags: string } {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(pattern)
  const flags = new Set((m ? m[2]! : 'i').split(''))
  flags.add('g')
  flags.add('u')
  flags.delete('y')
  return { source: m ? m[1]! : pattern, flags: [...flags].join('') }
}

const NESTED =
  'this pattern can take exponential time on some text (a repeated group inside a repetition, as in (a+)+); rewrite it without nested repetition'
const COMPETING =
  'this pattern can take exponential time on some text (repetitions inside a repeated group that can match the same characters, as in (a+a+)+); rewrite it so each character can be matched one way only'
const ALTERNATIVES =
  'this pattern can take exponential time on some text (alternatives inside a repetition that can match the same text, as in (a|aa)+); rewrite the alternatives so they start differently, or move the repetition inside them'

/** Why the pattern can backtrack catastrophically, in plain words; null when it cannot (or does not compile). */
export function catastrophicBacktracking(pattern: string): string | null {
  const { scslre } = load()
  let result: ReturnType<typeof Scslre.analyse>
  try {
    // Assume the worst suffix: a prompt is arbitrary text, and a pattern may be followed by anything.
    result = scslre.analyse(patternLiteral(pattern), {
      reportTypes: { Move: false },
      assumeRejectingSuffix: true,
    })
  } catch {
    return null // does not compile: the schema's own check says so
  }
  for (const report of result.reports) {
    if (report.type === 'Self') return NESTED
    if (report.exponential) return COMPETING
  }
  return ambiguousAlternatives(result.parsed.pattern, result.parsed.flags) ? ALTERNATIVES : null
}

/** A group with two alternatives that can match the same text, inside an unbounded repetition. */
function ambiguousAlternatives(pattern: AST.Pattern, flags: AST.Flags): boolean {
  const visit = (node: AST.Node, repeated: AST.Quantifier | undefined): boolean => {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
      case 'Assertion': {
        if (!('alternatives' in node)) return false
        if (repeated && node.alternatives.length > 1 && ambiguous(node, repeated, flags)) return true
        return node.alternatives.some((a) => visit(a, repeated))
      }
      case 'Alternative':
        return node.elements.some((e) => visit(e, repeated))
      case 'Quantifier':
        return visit(node.element, node.max === Infinity ? node : repeated)
      default:
        return false
    }
  }
  return visit(pattern, undefined)
}

type Alternatives = AST.Group | AST.CapturingGroup | AST.Pattern | AST.LookaroundAssertion

/**
 * Two alternatives of `group` (inside the unbounded repetition `loop`) that can start with the same
 * character; when the group is what `loop` repeats, only if some text can be read both ways.
 */
function ambiguous(group: Alternatives, loop: AST.Quantifier, flags: AST.Flags): boolean {
  const { getFirstConsumedChar, getMatchingDirection } = load().analysis
  const firsts = group.alternatives.map((a) => getFirstConsumedChar(a, getMatchingDirection(a), flags).char)
  const languages = loop.element === group ? new Languages(group, flags) : undefined
  for (let i = 0; i < firsts.length; i++)
    for (let j = i + 1; j < firsts.length; j++) {
      const [a, b] = [firsts[i]!, firsts[j]!]
      if (a.isEmpty || b.isEmpty || a.isDisjointWith(b)) continue
      if (languages?.shareText(i, j) !== false) return true
    }
  return false
}

/**
 * For each alternative of a repeated group, the texts it matches followed by more of the group, as an
 * automaton built once (a list of keywords compares every pair).
 */
class Languages {
  private readonly built: Array<Refa.NFA | null> = []

  constructor(
    private readonly group: Alternatives,
    private readonly flags: AST.Flags,
  ) {}

  /**
   * Whether alternatives `i` and `j`, each followed by more of the group, can match one same text
   * (`(a|aa)+`: `aa`). Undefined when refa cannot build the automata (a backreference, a lookaround, too
   * many states).
   */
  shareText(i: number, j: number): boolean | undefined {
    const left = this.language(i)
    const right = this.language(j)
    if (!left || !right) return undefined
    try {
      return !load().refa.isDisjointWith(left, right, 20000)
    } catch {
      return undefined
    }
  }

  private language(k: number): Refa.NFA | null {
    if (this.built[k] === undefined) {
      const { JS, NFA } = load().refa
      const alternative = this.group.alternatives[k]!
      const source = `(?:${alternative.raw})(?:${this.group.alternatives.map((a) => a.raw).join('|')})*`
      try {
        const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: this.flags.raw }).parse({
          backreferences: 'throw',
          assertions: 'throw',
        })
        this.built[k] = NFA.fromRegex(expression, { maxCharacter }, {}, new NFA.LimitedNodeFactory(2000))
      } catch {
        this.built[k] = null
      }
    }
    return this.built[k]!
  }
}
