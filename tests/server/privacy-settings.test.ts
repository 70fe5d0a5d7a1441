/**
 * Settings > Privacy through the HTTP bridge: each change is saved to the config file and applies to the
 * very next /v1/chat/completions request, without a restart.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeadlessUi, type HeadlessUi } from '../../electron/bridge/headless'
import { loadConfig, parseConfig } from '../../electron/config/store'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back from the wire, checked by the assertions
type Json = Record<string, any>

let dir: string
let fake: FakeOpenAI
let app: HeadlessUi
const API = 'lr-test-token-0123456789abcdef'

async function bridge(method: string, payload: unknown) {
  const res = await fetch(`${app.gateway.url}/bridge/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-localrouter-admin': app.adminToken },
    body: JSON.stringify(payload),
  })
  return { status: res.status, body: (await res.json()) as Json }
}

async function chat(content: string, headers: Record<string, string> = {}) {
  const before = fake.received.length
  const res = await fetch(`${app.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API}`, ...headers },
    body: JSON.stringify({ model: 'openai/echo', messages: [{ role: 'user', content }] }),
  })
  const body = (await res.json()) as Json
  const sent = fake.received.slice(before).map((r) => JSON.stringify(r.body))
  return {
    status: res.status,
    body,
    sent: sent.join('\n'),
    redacted: res.headers.get('x-localrouter-redacted'),
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-privacy-'))
  fake = await startFakeOpenAI()
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      server: { port: 0, token: API },
      providers: { openai: { baseUrl: fake.url, apiKey: 'sk-test-valid-key-1234' } },
    }),
  )
  const { config } = await loadConfig(join(dir, 'config.json'))
  app = await startHeadlessUi({
    config,
    configFile: join(dir, 'config.json'),
    version: '0.0.0-test',
    uiDir: join(dir, 'no-ui'),
    historyDir: join(dir, 'history'),
    // The key comes from the config file (headless); these tests do not touch keys.
    keys: null,
    env: {},
  })
})

afterAll(async () => {
  await app.stop()
  await fake.close()
  await rm(dir, { recursive: true, force: true })
})

const fileConfig = async () => JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))

describe('privacy settings apply to the next request', () => {
  it('reads the redaction section', async () => {
    const r = await bridge('settings.get', {})
    expect(r.status).toBe(200)
    expect(r.body.redaction).toEqual({
      mode: 'off',
      providers: {},
      always: { terms: [], patterns: [] },
      never: { terms: [], patterns: [] },
      phoneRegion: 'US',
      keepSecretsMasked: false,
      privateIps: true,
      disabled: [],
    })
    expect(r.body).not.toHaveProperty('defaultRedaction')
  })

  it('default mode: off sends the address, mask (set through the bridge) sends a placeholder at once', async () => {
    const plain = await chat('write to jane@example.com')
    expect(plain.sent).toContain('jane@example.com')
    const r = await bridge('settings.update', { redaction: { mode: 'mask' } })
    expect(r.status).toBe(200)
    expect(r.body.redaction.mode).toBe('mask')
    expect((await fileConfig()).redaction.mode).toBe('mask')
    const masked = await chat('write to jane@example.com')
    expect(masked.status).toBe(200)
    expect(masked.sent).toContain('<EMAIL_1>')
    expect(masked.sent).not.toContain('jane@example.com')
    expect(masked.redacted).toBe('EMAIL=1')
    expect(masked.body.choices[0].message.content).toBe('You said: write to jane@example.com')
    // The UI's per-conversation switch still overrides the default.
    const off = await chat('write to jane@example.com', { 'x-localrouter-redact': 'off' })
    expect(off.sent).toContain('jane@example.com')
  })

  it('the user lists and the phone region apply at once; other fields stay', async () => {
    const r = await bridge('settings.update', {
      redaction: { always: { terms: ['Project Falcon'], patterns: ['PRJ-\\d{4}'] }, phoneRegion: 'DE' },
    })
    expect(r.status).toBe(200)
    expect(r.body.redaction.mode).toBe('mask')
    const res = await chat('Project Falcon ticket PRJ-1234, call 030 1234567')
    expect(res.sent).not.toMatch(/Falcon|PRJ-1234|1234567/)
    expect(res.sent).toContain('<TERM_1>')
    expect(res.sent).toContain('<PHONE_1>')
    expect(res.body.choices[0].message.content).toBe(
      'You said: Project Falcon ticket PRJ-1234, call 030 1234567',
    )
  })

  it('a bad regular expression is refused with the schema message, and nothing changes', async () => {
    const before = await readFile(join(dir, 'config.json'), 'utf8')
    const r = await bridge('settings.update', { redaction: { never: { terms: [], patterns: ['([a-'] } } })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toContain('redaction.never.patterns.0: not a valid regular expression')
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(before)
  })

  it('a pattern that can backtrack catastrophically is refused, saying why, and nothing changes', async () => {
    const before = await readFile(join(dir, 'config.json'), 'utf8')
    const r = await bridge('settings.update', {
      redaction: { always: { terms: [], patterns: ['ACME-\\d{4}', '(a+)+$'] } },
    })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toContain(
      'redaction.always.patterns.1: this pattern can take exponential time on some text (a repeated group inside a repetition',
    )
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(before)
    // The gateway still answers (nothing was compiled, nothing hangs).
    expect((await bridge('settings.get', {})).body.redaction.always.patterns).not.toContain('(a+)+$')
  })

  it('per-provider block refuses the next request naming the kinds; keepSecretsMasked applies', async () => {
    let r = await bridge('settings.update', { redaction: { providers: { openai: 'block' } } })
    expect(r.body.redaction.providers).toEqual({ openai: 'block' })
    const blocked = await chat('mail jane@example.com')
    expect(blocked.status).toBe(400)
    expect(blocked.body.error.code).toBe('sensitive_data_blocked')
    expect(blocked.body.error.message).toContain('1 email address')
    expect(blocked.sent).toBe('')
    r = await bridge('settings.update', { redaction: { providers: {}, keepSecretsMasked: true } })
    expect(r.status).toBe(200)
    const secret = await chat('my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD')
    expect(secret.sent).not.toContain('sk-proj-abcdefghij')
    expect(secret.body.choices[0].message.content).toBe('You said: my key is <SECRET_1>')
  })

  it('a detector switched off and private addresses left alone apply at once; a repeated or unknown type is refused', async () => {
    const text = 'mail jane@example.com from 10.0.0.5 or 81.2.69.160'
    const before = await chat(text)
    expect(before.sent).not.toMatch(/jane@example\.com|10\.0\.0\.5|81\.2\.69\.160/)
    let r = await bridge('settings.update', { redaction: { disabled: ['EMAIL'], privateIps: false } })
    expect(r.status).toBe(200)
    expect(r.body.redaction).toMatchObject({ disabled: ['EMAIL'], privateIps: false })
    expect((await fileConfig()).redaction).toMatchObject({ disabled: ['EMAIL'], privateIps: false })
    const after = await chat(text)
    expect(after.sent).toContain('jane@example.com')
    expect(after.sent).toContain('10.0.0.5')
    // A public address is still an address worth hiding.
    expect(after.sent).not.toContain('81.2.69.160')
    expect(after.redacted).toBe('IP=1')
    for (const disabled of [['EMAIL', 'EMAIL'], ['EMAILS']]) {
      r = await bridge('settings.update', { redaction: { disabled } })
      expect(r.status).toBe(400)
    }
    r = await bridge('settings.update', { redaction: { disabled: [], privateIps: true } })
    expect(r.body.redaction).toMatchObject({ disabled: [], privateIps: true })
  })
})

describe('legacy ui.defaultRedaction', () => {
  it('moves into redaction.mode and ui disappears', () => {
    const c = parseConfig({ ui: { defaultRedaction: 'mask' } }, 'x.json')
    expect(c.redaction.mode).toBe('mask')
    expect(c).not.toHaveProperty('ui')
    const kept = parseConfig({ ui: { defaultRedaction: 'block' }, redaction: { mode: 'off' } }, 'x.json')
    expect(kept.redaction.mode).toBe('off')
  })
})
