import { describe, expect, it } from 'vitest'
import type { ChatCompletionChunk } from '../../../shared/openai'
import type { StreamOut } from '../../../electron/providers/types'
import {
  ChunkRestorer,
  DEFAULT_DETECT,
  isPartialPlaceholder,
  MAX_HOLD,
  redactText,
  Restorer,
  Vault,
} from '../../../electron/redaction'

function vaultWith(values: Array<[Parameters<Vault['placeholder']>[0], string]>): Vault {
  const v = new Vault()
  for (const [type, value] of values) v.placeholder(type, value)
  return v
}

const vault = vaultWith([
  ['EMAIL', 'ann@example.com'],
  ['PERSON', 'Ann "The Boss" O\'Neil'],
  ...Array.from({ length: 10 }, (_, i) => ['EMAIL', `user${i + 2}@example.com`] as ['EMAIL', string]),
  ['SECRET', 'sk-proj-secret\\value'],
])
const restorer = new Restorer(vault)

describe('Restorer.restore', () => {
  it('restores exact, case-changed, spaced, markdown-, HTML- and JSON-escaped placeholders', () => {
    for (const form of [
      '<EMAIL_1>',
      '<email_1>',
      '< EMAIL_1 >',
      '<EMAIL 1>',
      '\\<EMAIL\\_1\\>',
      '<EMAIL\\_1>',
      '&lt;EMAIL_1&gt;',
      '\\u003cEMAIL_1\\u003e',
      'EMAIL_1',
      '`<EMAIL_1>`',
    ])
      expect(restorer.restore(`write to ${form}.`)).toMatch(/^write to `?ann@example\.com`?\.$/)
  })

  it('is never fuzzy: EMAIL_1 is not EMAIL_11, and unknown placeholders stay as they are', () => {
    expect(restorer.restore('<EMAIL_11> and <EMAIL_1>')).toBe('user11@example.com and ann@example.com')
    expect(restorer.restore('<EMAIL_99> <PHONE_1> <EMAIL_01> EMAIL_1x MY_EMAIL_1')).toBe(
      '<EMAIL_99> <PHONE_1> <EMAIL_01> EMAIL_1x MY_EMAIL_1',
    )
  })

  it('escapes for JSON inside tool-call arguments', () => {
    const args = restorer.restore('{"to":"<PERSON_1>","key":"<SECRET_1>"}', 'json')
    expect(JSON.parse(args)).toEqual({ to: 'Ann "The Boss" O\'Neil', key: 'sk-proj-secret\\value' })
  })

  it('keeps secrets masked when asked to', () => {
    const keep = new Restorer(vault, { keepSecretsMasked: true })
    expect(keep.restore('<SECRET_1> <EMAIL_1>')).toBe('<SECRET_1> ann@example.com')
  })
})

describe('isPartialPlaceholder', () => {
  it('knows what could still become a placeholder', () => {
    for (const s of [
      '<',
      '<E',
      '<EMAIL',
      '<EMAIL_',
      '<EMAIL_1',
      '<EMAIL_1 ',
      '&',
      '&l',
      '&lt;EMA',
      '\\',
      '\\<EMAIL\\',
      'EMAIL_1',
      'PERS',
      '<EMAIL_1&g',
    ])
      expect(isPartialPlaceholder(s), s).toBe(true)
    for (const s of ['<EMAIL_1>', '<b>', '<EMAILS', 'EMAIL_1>', '&amp;', '<EMAIL_x', 'Hello', '<EMAIL_12345'])
      expect(isPartialPlaceholder(s), s).toBe(false)
  })
})

describe('StreamRestorer', () => {
  const answer =
    'Dear <PERSON_1>, I wrote to <EMAIL_1> and &lt;email_11&gt; (not <EMAIL_99>), cc \\<EMAIL\\_3\\> and EMAIL_2. Bye <PERSON_1>'
  const expected = restorer.restore(answer)

  it('gives the same text for every split point of the answer', () => {
    for (let i = 0; i <= answer.length; i++) {
      const r = restorer.stream()
      const out = r.push(answer.slice(0, i)) + r.push(answer.slice(i)) + r.flush()
      expect(out, `split at ${i}`).toBe(expected)
    }
  })

  it('gives the same text for every pair of split points (three pieces)', () => {
    const short = 'x <EMAIL_1> y <EMAIL_11>'
    const want = restorer.restore(short)
    for (let i = 0; i <= short.length; i++)
      for (let j = i; j <= short.length; j++) {
        const r = restorer.stream()
        const out = r.push(short.slice(0, i)) + r.push(short.slice(i, j)) + r.push(short.slice(j)) + r.flush()
        expect(out, `${i},${j}`).toBe(want)
      }
  })

  it('one character at a time, and holds back only while a placeholder is still possible', () => {
    const r = restorer.stream()
    let out = ''
    for (const c of answer) out += r.push(c)
    expect(out + r.flush()).toBe(expected)
    const s = restorer.stream()
    expect(s.push('Hello <EMA')).toBe('Hello ')
    expect(s.push('IL_1> and <b>bold')).toBe('ann@example.com and <b>bold')
    expect(s.push(' <EMAIL_1')).toBe(' ')
    expect(s.push('2')).toBe('')
    // `<EMAIL_12 ` could still be closed by `>`; EMAIL_12 was never handed out, so it stays as written.
    expect(s.push(' ')).toBe('')
    expect(s.push('x')).toBe('<EMAIL_12 x')
    expect(s.flush()).toBe('')
  })

  it('never holds back more than MAX_HOLD characters', () => {
    const r = restorer.stream()
    let emitted = 0
    const junk = '<'.repeat(10) + '&lt; EMAIL_'.repeat(30)
    for (const c of junk) emitted += r.push(c).length
    expect(junk.length - emitted).toBeLessThanOrEqual(MAX_HOLD)
    expect(emitted + r.flush().length).toBe(junk.length)
  })

  it('restores a placeholder cut into JSON argument fragments with JSON escaping', () => {
    const args = '{"who":"<PERSON_1>","mail":"<EMAIL_1>"}'
    for (let i = 0; i <= args.length; i++) {
      const r = restorer.stream('json')
      const out = r.push(args.slice(0, i)) + r.push(args.slice(i)) + r.flush()
      expect(JSON.parse(out)).toEqual({ who: 'Ann "The Boss" O\'Neil', mail: 'ann@example.com' })
    }
  })
})

function chunk(
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finish: string | null = null,
): StreamOut {
  return {
    kind: 'chunk',
    chunk: {
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: finish as never }],
    },
  }
}

function collect(items: StreamOut[]): { content: string; args: Map<number, string>; kinds: string[] } {
  let content = ''
  const args = new Map<number, string>()
  for (const item of items) {
    if (item.kind !== 'chunk') continue
    for (const c of item.chunk.choices) {
      content += c.delta.content ?? ''
      for (const tc of c.delta.tool_calls ?? [])
        args.set(tc.index, (args.get(tc.index) ?? '') + (tc.function?.arguments ?? ''))
    }
  }
  return { content, args, kinds: items.map((i) => i.kind) }
}

describe('ChunkRestorer (the stream path on chunk objects)', () => {
  const text = 'Hi <PERSON_1>, mail <EMAIL_1>'
  const want = restorer.restore(text)

  it('restores content split at every boundary, flushing with the finishing chunk', () => {
    for (let i = 0; i <= text.length; i++) {
      const cr = new ChunkRestorer(restorer)
      const out = cr.process([
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: text.slice(0, i) }),
        chunk({ content: text.slice(i) }),
        chunk({}, 'stop'),
        { kind: 'done' },
      ])
      expect(collect(out).content, `split ${i}`).toBe(want)
      expect(out[out.length - 1]!.kind).toBe('done')
    }
  })

  it('restores tool-call arguments split across fragments of two interleaved calls', () => {
    const a = '{"to":"<EMAIL_1>"}'
    const b = '{"name":"<PERSON_1>"}'
    for (let i = 0; i <= a.length; i++) {
      const cr = new ChunkRestorer(restorer)
      const out = cr.process([
        chunk({
          tool_calls: [
            { index: 0, id: 't0', type: 'function', function: { name: 'f', arguments: a.slice(0, i) } },
          ],
        }),
        chunk({
          tool_calls: [
            { index: 1, id: 't1', type: 'function', function: { name: 'g', arguments: b.slice(0, i) } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: a.slice(i) } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: b.slice(i) } }] }),
        chunk({}, 'tool_calls'),
      ])
      const { args } = collect(out)
      expect(JSON.parse(args.get(0)!)).toEqual({ to: 'ann@example.com' })
      expect(JSON.parse(args.get(1)!)).toEqual({ name: 'Ann "The Boss" O\'Neil' })
    }
  })

  it('flushes held text before an error event, and in finish() when the stream just stops', () => {
    const cr = new ChunkRestorer(restorer)
    const out = cr.process([
      chunk({ content: 'mail <EMAIL_' }),
      { kind: 'error', error: new Error('x') as never },
    ])
    const c = collect(out)
    expect(c.kinds).toEqual(['chunk', 'chunk', 'error'])
    expect(c.content).toBe('mail <EMAIL_')
    const cr2 = new ChunkRestorer(restorer)
    const first = cr2.process([chunk({ content: 'ends with <EMAIL_1' })])
    const rest = cr2.finish()
    // Cut off mid-placeholder: the value is still restored, nothing is lost.
    expect(collect([...first, rest!]).content).toBe('ends with <ann@example.com')
    expect(cr2.finish()).toBeNull()
  })

  it('restores redactText output back to the original (round trip)', () => {
    const original =
      'Contact Jane Doe at jane.doe@example.org or +1 (415) 555-0132, card 4242 4242 4242 4242.'
    const v = new Vault()
    const red = redactText(original, DEFAULT_DETECT, v)
    expect(red.text).not.toContain('jane.doe@example.org')
    const r = new Restorer(v).stream()
    let out = ''
    for (const c of red.text) out += r.push(c)
    expect(out + r.flush()).toBe(original)
  })
})
