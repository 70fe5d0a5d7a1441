/**
 * Puts the original values back into the model's answer, whole or streamed.
 *
 * Tolerant of what models do to placeholders (case, spaces inside the brackets, markdown escapes
 * `\<EMAIL\_1\>`, HTML `&lt;EMAIL_1&gt;`, JSON `\u003c...\u003e`, missing brackets),
 * never fuzzy: `EMAIL_1` is never `EMAIL_11`, and a placeholder this request did not hand out is left
 * exactly as it is.
 */
import { ENTITY_TYPES } from './types'
import type { Vault } from './vault'

export type Escape = 'text' | 'json'

const TYPES = ENTITY_TYPES.join('|')
const OPENERS = ['&lt;', '\\u003c', '\\<', '<']
const CLOSERS = ['&gt;', '\\u003e', '\\>', '>']
const SEP = '(?:\\\\?_|[ ])'
const NUM = '([1-9]\\d{0,3})'
const PLACEHOLDER = new RegExp(
  `(?:&lt;|\\\\u003c|\\\\<|<)[ \\t]{0,2}(${TYPES})${SEP}${NUM}[ \\t]{0,2}(?:&gt;|\\\\u003e|\\\\>|>)|(?<![\\w\\\\])(${TYPES})\\\\?_${NUM}(?![\\w])`,
  'gi',
)

/** Longest text a placeholder can take in an answer; a held-back tail never grows beyond it. */
export const MAX_HOLD = 48

export class Restorer {
  private readonly values = new Map<string, string>()
  private readonly json = new Map<string, string>()

  constructor(vault: Vault, opts: { keepSecretsMasked?: boolean } = {}) {
    for (const [id, entry] of vault.entries) {
      if (opts.keepSecretsMasked && entry.type === 'SECRET') continue
      this.values.set(id, entry.value)
    }
  }

  get empty(): boolean {
    return this.values.size === 0
  }

  restore(text: string, escape: Escape = 'text'): string {
    if (!this.values.size || text.length < 4) return text
    return text.replace(PLACEHOLDER, (match, t1?: string, n1?: string, t2?: string, n2?: string) => {
      const id = `${(t1 ?? t2)!.toUpperCase()}_${n1 ?? n2}`
      const value = this.values.get(id)
      if (value === undefined) return match
      if (escape === 'text') return value
      let j = this.json.get(id)
      if (j === undefined) this.json.set(id, (j = JSON.stringify(value).slice(1, -1)))
      return j
    })
  }

  /** A restorer for one streamed field (content, reasoning, one tool call's arguments). */
  stream(escape: Escape = 'text'): StreamRestorer {
    return new StreamRestorer(this, escape)
  }
}

const TYPE_NAMES: readonly string[] = ENTITY_TYPES
const INITIALS = new Set(ENTITY_TYPES.map((t) => t[0]!))

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (isLetter(c) || (c >= '0' && c <= '9') || c === '_')
}

/**
 * True when `s` is the beginning of a placeholder that more text could still complete (or extend:
 * a bare `EMAIL_1` could become `EMAIL_12`). A complete bracketed placeholder is not partial.
 */
export function isPartialPlaceholder(s: string): boolean {
  const lower = s.toLowerCase()
  let i = 0
  let bracketed = false
  for (const o of OPENERS) {
    if (lower.startsWith(o)) {
      i = o.length
      bracketed = true
      break
    }
    if (o.startsWith(lower)) return true
  }
  if (!bracketed && !isLetter(s[0])) return false
  const spaces = () => {
    let n = 0
    while (n < 2 && (s[i] === ' ' || s[i] === '\t')) {
      i++
      n++
    }
  }
  if (bracketed) {
    spaces()
    if (i === s.length) return true
  }
  let j = i
  while (j < s.length && isLetter(s[j])) j++
  const word = s.slice(i, j).toUpperCase()
  if (j === s.length) return TYPE_NAMES.some((t) => t.startsWith(word))
  if (!TYPE_NAMES.includes(word)) return false
  i = j
  if (s[i] === '\\') {
    i++
    if (i === s.length) return true
    if (s[i] !== '_') return false
    i++
  } else if (s[i] === '_' || (bracketed && s[i] === ' ')) i++
  else return false
  if (i === s.length) return true
  j = i
  while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++
  if (j === i || j - i > 4) return false
  if (j === s.length) return true
  if (!bracketed) return false
  i = j
  spaces()
  if (i === s.length) return true
  const rest = lower.slice(i)
  for (const c of CLOSERS) {
    if (rest.startsWith(c)) return false
    if (c.startsWith(rest)) return true
  }
  return false
}

/**
 * Restores one streamed field. `push` returns the text that is safe to send now; a tail that could
 * still be a placeholder is held back, at most `MAX_HOLD` characters, until the next piece decides
 * it. `flush` returns whatever is held (restored where complete) at the end of the field.
 */
export class StreamRestorer {
  private held = ''

  constructor(
    private readonly restorer: Restorer,
    private readonly escape: Escape,
  ) {}

  get holding(): boolean {
    return this.held.length > 0
  }

  push(piece: string): string {
    const buf = this.held + piece
    if (!buf) return ''
    const cut = holdFrom(buf)
    this.held = buf.slice(cut)
    return cut ? this.restorer.restore(buf.slice(0, cut), this.escape) : ''
  }

  flush(): string {
    const rest = this.held
    this.held = ''
    return rest ? this.restorer.restore(rest, this.escape) : ''
  }
}

/** Where the held-back tail of `buf` starts (`buf.length` when nothing needs holding). */
function holdFrom(buf: string): number {
  const from = Math.max(0, buf.length - MAX_HOLD)
  for (let i = from; i < buf.length; i++) {
    const c = buf[i]!
    if (c === '<' || c === '&' || c === '\\') {
      if (isPartialPlaceholder(buf.slice(i))) return i
    } else if (INITIALS.has(c.toUpperCase()) && !isWordChar(buf[i - 1]) && buf[i - 1] !== '\\') {
      if (isPartialPlaceholder(buf.slice(i))) return i
    }
  }
  return buf.length
}
