/** serve's log lines: batched under load, never lost when the process ends the ways Node can see. */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { batchedLines, createLogger, scrub } from '../../electron/log'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

it('hands a burst of lines to the sink at once, newline-terminated, within the delay', async () => {
  const writes: string[] = []
  const log = createLogger({
    write: batchedLines((t) => writes.push(t), 20),
    secrets: () => ['lr-secret-token'],
  })
  log.info('chat', { provider: 'a', status: 200 })
  log.info('chat', { provider: 'b', status: 200, note: 'lr-secret-token' })
  log.warn('slow', { provider: 'c' })
  expect(writes).toEqual([]) // not one write per line
  await new Promise((r) => setTimeout(r, 60))
  expect(writes).toHaveLength(1)
  const lines = writes[0]!.split('\n')
  expect(lines.at(-1)).toBe('')
  expect(lines.slice(0, -1).map((l) => JSON.parse(l).msg)).toEqual(['chat', 'chat', 'slow'])
  expect(writes[0]).not.toContain('lr-secret-token')
  log.info('later')
  await new Promise((r) => setTimeout(r, 60))
  expect(writes).toHaveLength(2)
})

it('masks key-shaped strings of every kind, twice in one line too, and leaves other lines as they are', () => {
  const keys = [
    'sk-proj-abcdefgh12345678',
    'AIzaSyA1234567890abcdefghijkl',
    'ghp_abcdefghijklmnopqrstuvwxyz',
    'xoxb-1234567890-abcdef',
    'Bearer lr-token-abcdefgh',
  ]
  for (const k of keys) {
    const out = scrub(`{"msg":"x","error":"${k} and again ${k}"}`)
    expect(out).not.toContain(k)
    expect(out.match(/\[masked\]/g)).toHaveLength(2)
  }
  const plain = '{"msg":"chat","provider":"openai","status":200}'
  expect(scrub(plain)).toBe(plain)
  expect(scrub(plain, ['openai'])).toBe('{"msg":"chat","provider":"[masked]","status":200}')
})

it('stamps every line with the time it was written (ISO 8601, milliseconds)', async () => {
  const lines: string[] = []
  const log = createLogger({ write: (l) => lines.push(l) })
  const before = Date.now()
  log.info('a')
  log.info('b')
  await new Promise((r) => setTimeout(r, 15))
  log.info('c')
  const stamps = lines.map((l) => Date.parse(JSON.parse(l).t as string))
  expect(stamps[0]).toBeGreaterThanOrEqual(before)
  expect(stamps[1]).toBeGreaterThanOrEqual(stamps[0]!)
  expect(stamps[2]! - stamps[0]!).toBeGreaterThanOrEqual(10)
})

it('writes what is pending when the process exits, is ended by an exception, or runs out of work', async () => {
  const script = (end: string) => `
    import { batchedLines, createLogger } from './electron/log.ts'
    const log = createLogger({ write: batchedLines((t) => process.stderr.write(t), 60_000) })
    log.info('first'); log.info('last before the end')
    ${end}`
  for (const end of ['process.exit(3)', "throw new Error('boom')", '']) {
    const r = await run(`${ROOT}node_modules/.bin/tsx`, ['--eval', script(end)], { cwd: ROOT }).catch(
      (e: { stderr: string; code: number }) => e,
    )
    expect(r.stderr).toMatch(/"msg":"first".*\n.*"msg":"last before the end"/)
  }
})

it('prints a crash scrubbed (keys, the token), after the pending log lines, and exits 1', async () => {
  const script = (end: string) => `
    import { batchedLines, createLogger, scrubCrashes } from './electron/log.ts'
    const log = createLogger({ write: batchedLines((t) => process.stderr.write(t), 60_000) })
    scrubCrashes(() => ['lr-endpoint-token-0123456789'])
    log.info('before the crash')
    ${end}`
  const message = 'the provider echoed sk-proj-abcdefghijklmnop and lr-endpoint-token-0123456789'
  for (const [end, kind] of [
    [`throw new Error('${message}')`, 'uncaught exception'],
    [`Promise.reject(new Error('${message}'))`, 'unhandled rejection'],
    [`setTimeout(() => { throw new TypeError('${message}') }, 5)`, 'uncaught exception'],
  ] as const) {
    const r = await run(`${ROOT}node_modules/.bin/tsx`, ['--eval', script(end)], { cwd: ROOT }).catch(
      (e: { stderr: string; code: number }) => e,
    )
    expect((r as { code?: number }).code).toBe(1)
    expect(r.stderr).toMatch(/"msg":"before the crash"[\s\S]*LocalRouter crashed \(/)
    expect(r.stderr).toContain(`LocalRouter crashed (${kind}):`)
    expect(r.stderr).toContain('the provider echoed')
    expect(r.stderr).not.toContain('sk-proj-abcdefghijklmnop')
    expect(r.stderr).not.toContain('lr-endpoint-token-0123456789')
  }
})

it('writes each line as one JSON object: time, level, message, then the fields, which may replace those', () => {
  const lines: string[] = []
  const log = createLogger({ write: (l) => lines.push(l), level: 'debug' })
  log.info('plain')
  log.warn('empty fields', {})
  log.error('quoted "msg"\n', {
    provider: 'a"b',
    n: 1,
    list: [1, 'x'],
    nested: { ok: true },
    gone: undefined,
  })
  log.debug('own keys', { msg: 'replaced', level: 'custom' })
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
  for (const p of parsed) expect(p.t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  expect(parsed.map(({ t: _t, ...rest }) => rest)).toEqual([
    { level: 'info', msg: 'plain' },
    { level: 'warn', msg: 'empty fields' },
    { level: 'error', msg: 'quoted "msg"\n', provider: 'a"b', n: 1, list: [1, 'x'], nested: { ok: true } },
    { level: 'custom', msg: 'replaced' },
  ])
  expect(lines.every((l) => !l.includes('\n'))).toBe(true)
})
