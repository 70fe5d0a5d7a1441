import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDesktopLogger, createFileSink, stripContent } from '../../../electron/logging/file-sink'

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'lr-logs-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('log file rotation', () => {
  it('rotates by size and keeps only the newest files', () => {
    const dir = tmp()
    const sink = createFileSink({ dir, maxBytes: 200, keep: 2 })
    for (let i = 0; i < 40; i++) sink.write(JSON.stringify({ i, pad: 'x'.repeat(40) }))
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(200)
    // The newest line is in main.log, the one before it in main.1.log: nothing in between was lost.
    const current = lines(join(dir, 'main.log'))
    const previous = lines(join(dir, 'main.1.log'))
    expect(current.at(-1)).toMatchObject({ i: 39 })
    expect(previous.at(-1)!.i).toBe((current[0]!.i as number) - 1)
  })

  it('continues an existing file after a restart', () => {
    const dir = tmp()
    createFileSink({ dir }).write('{"a":1}')
    createFileSink({ dir }).write('{"a":2}')
    expect(lines(join(dir, 'main.log'))).toEqual([{ a: 1 }, { a: 2 }])
  })
})

describe('what reaches the log', () => {
  const TOKEN = 'lr-abcdefghijklmnopqrstuvwxyz012345'

  function logger(debug: boolean) {
    const dir = tmp()
    const sink = createFileSink({ dir })
    return { log: createDesktopLogger({ sink, debug: () => debug, secrets: () => [TOKEN] }), file: sink.file }
  }

  it('without debug logging: facts only, no prompt, answer, key or token, no debug lines', () => {
    const { log, file } = logger(false)
    log.debug('request body', { messages: [{ role: 'user', content: 'my secret plan' }] })
    log.info('chat', {
      provider: 'openai',
      status: 200,
      messages: [{ role: 'user', content: 'my secret plan' }],
      answer: 'the secret answer',
      nested: { apiKey: 'sk-live-1234567890abcdef', ms: 12 },
    })
    log.warn(`token ${TOKEN} rejected`)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('secret plan')
    expect(text).not.toContain('secret answer')
    expect(text).not.toContain('sk-live-1234567890abcdef')
    expect(text).not.toContain(TOKEN)
    const [info, warn] = lines(file)
    expect(lines(file)).toHaveLength(2)
    expect(info).toMatchObject({
      level: 'info',
      msg: 'chat',
      provider: 'openai',
      status: 200,
      nested: { ms: 12 },
    })
    expect(warn).toMatchObject({ level: 'warn', msg: 'token [masked] rejected' })
  })

  it('with debug logging: details kept, keys and the token still masked', () => {
    const { log, file } = logger(true)
    log.debug('request body', {
      messages: [{ role: 'user', content: 'use sk-live-1234567890abcdef please' }],
      authorization: `Bearer ${TOKEN}`,
    })
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('please')
    expect(text).not.toContain('sk-live-1234567890abcdef')
    expect(text).not.toContain(TOKEN)
    expect(lines(file)[0]).toMatchObject({ level: 'debug', msg: 'request body' })
  })

  it('stripContent drops content fields at any depth and keeps the rest', () => {
    expect(stripContent({ a: 1, prompt: 'p', x: { content: 'c', n: 2 }, list: [1] })).toEqual({
      a: 1,
      prompt: '[omitted]',
      x: { content: '[omitted]', n: 2 },
      list: [1],
    })
  })
})
