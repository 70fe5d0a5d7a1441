import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeadlessUi, type HeadlessUi } from '../../electron/bridge/headless'
import { loadConfig } from '../../electron/config/store'
import type { Conversation } from '../../shared/history'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai'
import { createSecrets, type Secrets } from '../../electron/secrets'
import { requireTestKeyring, testService } from '../helpers/keyring'

let dir: string
let fake: FakeOpenAI
let app: HeadlessUi
let secrets: Secrets

const API = 'lr-test-token-0123456789abcdef'

async function bridge(method: string, payload: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.gateway.url}/bridge/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-localrouter-admin': app.adminToken, ...headers },
    body: JSON.stringify(payload),
  })
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-bridge-'))
  fake = await startFakeOpenAI()
  // The config lives in a file, as in real use: Settings saves back to it.
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ server: { port: 0, token: API }, providers: { openai: { baseUrl: fake.url } } }),
  )
  const { config } = await loadConfig(join(dir, 'config.json'))
  // The real OS keychain (a throwaway one: npm test runs vitest inside scripts/with-keyring.sh).
  requireTestKeyring()
  secrets = createSecrets({ env: { LOCALROUTER_HOME: dir }, headless: true, service: testService() })
  app = await startHeadlessUi({
    config,
    configFile: join(dir, 'config.json'),
    version: '0.0.0-test',
    uiDir: join(dir, 'no-ui'),
    historyDir: join(dir, 'history'),
    keys: secrets.keyService(() => config),
    keyLookup: secrets.keys,
    env: { LOCALROUTER_HOME: dir },
  })
})

afterAll(async () => {
  for (const account of (await secrets?.store.list()) ?? []) await secrets.store.delete(account)
  await app?.stop()
  await fake.close()
  await rm(dir, { recursive: true, force: true })
})

describe('HTTP bridge security', () => {
  it('refuses the API token: an app that may chat cannot read settings or change keys', async () => {
    for (const method of ['settings.get', 'keys.set', 'endpoint.token']) {
      const res = await fetch(`${app.gateway.url}/bridge/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API}`, 'content-type': 'application/json' },
        body: JSON.stringify(method === 'keys.set' ? { provider: 'openai', key: 'sk-x' } : {}),
      })
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_admin_token')
    }
    expect(await app.gateway.router.resolver.ids()).toEqual(['openai'])
    expect((await memoryKeysList()).length).toBe(0)
  })

  it('refuses a wrong admin token and a foreign or allowed-for-chat origin', async () => {
    expect((await bridge('settings.get', {}, { 'x-localrouter-admin': 'lra-wrong' })).status).toBe(401)
    const upd = await bridge('settings.update', { allowedOrigins: ['http://localhost:3000'] })
    expect(upd.status).toBe(200)
    // Allowed to chat from that origin, not to use the bridge.
    const res = await bridge('settings.get', {}, { origin: 'http://localhost:3000' })
    expect(res.status).toBe(403)
    const same = await bridge('settings.get', {}, { origin: app.gateway.url })
    expect(same.status).toBe(200)
  })

  it('saves the endpoint port for the next start, refusing privileged and invalid ports', async () => {
    const before = (await (await bridge('settings.get', {})).json()) as { port: number }
    expect(before.port).toBe(0)
    const ok = await bridge('settings.update', { port: 5151 })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { port: number }).port).toBe(5151)
    const saved = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { server: { port: number } }
    expect(saved.server.port).toBe(5151)
    // The running server stays where it is.
    expect((await fetch(`${app.gateway.url}/health`)).status).toBe(200)
    for (const port of [80, 70000, 1.5]) {
      const bad = await bridge('settings.update', { port })
      expect(bad.status).toBe(400)
    }
    expect(
      (JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { server: { port: number } }).server
        .port,
    ).toBe(5151)
  })

  it('validates payloads and method names', async () => {
    expect((await bridge('keys.set', { provider: 'openai' })).status).toBe(400)
    expect((await bridge('no.such', {})).status).toBe(404)
  })
})

async function memoryKeysList() {
  return (await (await bridge('keys.list', {})).json()) as Array<{ provider: string; masked: string }>
}

describe('HTTP bridge: keys, providers, endpoint', () => {
  it('stores a key, lists it masked only, and the gateway uses it', async () => {
    const set = await bridge('keys.set', { provider: 'openai', key: 'sk-live-secret-key-abcd1234' })
    expect(set.status).toBe(200)
    const text = JSON.stringify(await (await bridge('providers.list', {})).json())
    expect(text).not.toContain('sk-live-secret-key-abcd1234')
    expect(text).toContain('sk-...1234')
    const chat = await fetch(`${app.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.apiToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/echo', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(chat.status).toBe(200)
    expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-live-secret-key-abcd1234')
  })

  it('tests keys against the provider', async () => {
    const bad = (await (
      await bridge('keys.test', { provider: 'openai', key: 'sk-invalid-fake-key-0000000000000000' })
    ).json()) as { status: string }
    expect(bad.status).toBe('invalid')
    const good = (await (await bridge('keys.test', { provider: 'openai' })).json()) as { status: string }
    expect(good.status).toBe('ok')
  })

  it('rotates the API token: the old one stops working at once', async () => {
    const old = app.apiToken()
    const { token } = (await (await bridge('endpoint.rotateToken', {})).json()) as { token: string }
    expect(token).not.toBe(old)
    const models = (t: string) =>
      fetch(`${app.gateway.url}/v1/models`, { headers: { authorization: `Bearer ${t}` } })
    expect((await models(old)).status).toBe(401)
    expect((await models(token)).status).toBe(200)
    const saved = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as {
      server: { token: string }
    }
    expect(saved.server.token).toBe(token)
  })

  it('adds and removes providers, saved in the config', async () => {
    expect((await bridge('providers.add', { id: 'groq' })).status).toBe(200)
    expect(app.gateway.router.resolver.ids()).toContain('groq')
    expect((await bridge('providers.remove', { id: 'groq' })).status).toBe(200)
    expect(app.gateway.router.resolver.ids()).not.toContain('groq')
  })
})

describe('HTTP bridge: conversations', () => {
  const conv = (id: string, title: string, text: string): Conversation => ({
    id,
    title,
    createdAt: 1,
    updatedAt: Date.now(),
    model: 'openai/echo',
    systemPrompt: '',
    params: {},
    redaction: 'off',
    messages: [
      { id: 'm1', parentId: null, role: 'user', content: text, createdAt: 1 },
      { id: 'm2', parentId: 'm1', role: 'assistant', content: `You said: ${text}`, createdAt: 2 },
    ],
    currentLeafId: 'm2',
    sentTo: [],
  })

  it('saves, lists, searches, renames, exports and deletes', async () => {
    expect(
      (await bridge('conversations.save', { conversation: conv('c1', 'Trip', 'Paris in spring') })).status,
    ).toBe(200)
    await bridge('conversations.save', { conversation: conv('c2', 'Code', 'a rust borrow checker question') })
    const list = (await (await bridge('conversations.list', {})).json()) as Array<{ id: string }>
    expect(list.map((c) => c.id).sort()).toEqual(['c1', 'c2'])
    const hits = (await (await bridge('conversations.search', { query: 'BORROW' })).json()) as Array<{
      id: string
      snippet: string
    }>
    expect(hits.map((h) => h.id)).toEqual(['c2'])
    expect(hits[0]!.snippet).toContain('borrow checker')
    await bridge('conversations.rename', { id: 'c1', title: 'Paris trip' })
    const md = (await (await bridge('conversations.export', { id: 'c1', format: 'markdown' })).json()) as {
      content: string
      filename: string
    }
    expect(md.filename).toBe('Paris trip.md')
    expect(md.content).toContain('# Paris trip')
    expect(md.content).toContain('## You')
    const del = (await (await bridge('conversations.delete', { id: 'c2' })).json()) as { deleted: boolean }
    expect(del.deleted).toBe(true)
    expect((await bridge('conversations.get', { id: 'c2' })).status).toBe(404)
  })
})
