import { describe, expect, it } from 'vitest'
import {
  isOpenFence,
  parseChunk,
  splitBlocks,
  SseParser,
  StreamBuffer,
} from '../../../renderer/src/lib/streaming'

describe('SseParser', () => {
  it('keeps partial events across pushes and joins multi-line data', () => {
    const p = new SseParser()
    expect(p.push('data: {"a"')).toEqual([])
    expect(p.push(':1}\n\ndata: [DO')).toEqual(['{"a":1}'])
    expect(p.push('NE]\r\n\r\n: comment\n\ndata: x\ndata: y\n\n')).toEqual(['[DONE]', 'x\ny'])
  })
})

describe('parseChunk', () => {
  it('reads text, usage and errors', () => {
    expect(parseChunk('[DONE]')).toBeNull()
    expect(parseChunk('{"choices":[{"delta":{"content":"hi"},"finish_reason":null}]}')!.text).toBe('hi')
    expect(
      parseChunk('{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}')!.usage!
        .completion_tokens,
    ).toBe(2)
    expect(
      parseChunk('{"error":{"message":"overloaded","type":"server_error","code":null}}')!.error!.message,
    ).toBe('overloaded')
    expect(parseChunk('{nope')!.error!.code).toBe('bad_stream')
  })
})

describe('StreamBuffer', () => {
  it('flushes at most once per frame, with everything pushed since', () => {
    const frames: Array<() => void> = []
    const flushed: Array<Record<string, string>> = []
    const b = new StreamBuffer(
      (u) => flushed.push(Object.fromEntries(u)),
      (cb) => frames.push(cb),
    )
    for (const t of ['a', 'b', 'c']) b.push('m1', t)
    b.push('m2', 'x')
    expect(frames).toHaveLength(1)
    expect(flushed).toHaveLength(0)
    frames.shift()!()
    expect(flushed).toEqual([{ m1: 'abc', m2: 'x' }])
    b.push('m1', 'd')
    b.drain()
    expect(flushed.at(-1)).toEqual({ m1: 'd' })
    frames.shift()!()
    expect(flushed).toHaveLength(2)
  })
})

describe('splitBlocks', () => {
  it('splits paragraphs and keeps a code fence (with blank lines) whole', () => {
    const md = 'Intro line\n\n```py\na = 1\n\nb = 2\n```\n\nAfter'
    expect(splitBlocks(md)).toEqual(['Intro line', '```py\na = 1\n\nb = 2\n```', 'After'])
  })
  it('knows an unclosed fence is still open', () => {
    expect(isOpenFence('```js\nconst x')).toBe(true)
    expect(isOpenFence('```js\nconst x\n```')).toBe(false)
    expect(isOpenFence('plain')).toBe(false)
  })
})
