import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BRIDGE_METHODS, bridgeChannel } from '../../../shared/bridge'
import { parseConfig } from '../../../electron/config/store'
import { silentLogger } from '../../../electron/log'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BridgeHandlers } from '../../../shared/bridge'
import { createBridgeHandlers } from '../../../electron/bridge/handlers'
import { HistoryStore } from '../../../electron/history/store'
import { EndpointController } from '../../../electron/main/endpoint'
import {
  handleBridgeCall,
  type IpcRegistrar,
  type IpcReply,
  registerBridgeIpc,
} from '../../../electron/main/ipc'
import { isTrustedSender, type RendererSource } from '../../../electron/main/policy'
import { nextFreePort, portIsFree } from '../../../electron/main/ports'
import { startGateway } from '../../../electron/services'
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai'

const TOKEN = 'lr-test-token-0123456789abcdef'
const cleanup: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!()
})

/** The handlers the desktop app builds (electron/main/index.ts), over an EndpointController. */
async function desktopHandlers(
  endpoint: EndpointController,
  version: string,
  platform: string,
): Promise<BridgeHandlers> {
  const dir = mkdtempSync(join(tmpdir(), 'lr-ipc-'))
  return createBridgeHandlers({
    mode: 'desktop',
    version,
    platform,
    configFile: join(dir, 'config.json'),
    config: parseConfig({ server: { token: TOKEN } }, 'test'),
    gateway: endpoint.bridgeGateway(),
    token: { get: () => TOKEN, rotate: async () => TOKEN },
    keys: null,
    history: await HistoryStore.open(join(dir, 'history'), silentLogger),
  })
}

function controller(port: number, fake?: FakeOpenAI): EndpointController {
  const config = parseConfig(
    {
      server: { port, token: TOKEN },
      providers: fake
        ? { fake: { kind: 'openai-compatible', baseUrl: `${fake.url}/v1`, apiKey: 'sk-fake-0000' } }
        : {},
    },
    'test',
  )
  const c = new EndpointController({
    host: '127.0.0.1',
    port,
    launch: (p) =>
      startGateway({ config, headless: true, env: {}, token: () => TOKEN, logger: silentLogger, port: p }),
  })
  cleanup.push(() => c.stop())
  return c
}

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  cleanup.push(() => new Promise((r) => server.close(r)))
  return { server, port: (server.address() as { port: number }).port }
}

const chat = (base: string) =>
  fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fake/echo', messages: [{ role: 'user', content: 'hi' }] }),
  }).then((r) => r.status)

describe('endpoint lifecycle', () => {
  it('reports a busy port instead of moving to another one', async () => {
    const { port } = await occupy()
    const c = controller(port)
    const result = await c.start()
    expect(result).toMatchObject({ ok: false, busy: true })
    expect(!result.ok && result.message).toContain(`Port ${port}`)
    expect(c.running).toBe(false)
    expect(c.info()).toMatchObject({ state: 'stopped', port, problem: `port ${port} is in use` })
    const free = await nextFreePort('127.0.0.1', port)
    expect(free).not.toBeNull()
    expect(free).toBeGreaterThan(port)
    expect(await portIsFree('127.0.0.1', free!)).toBe(true)
    // The user picked the suggested port: now it runs there.
    expect(await c.start(free!)).toEqual({ ok: true })
    expect(c.info()).toMatchObject({ state: 'running', port: free, baseUrl: `http://127.0.0.1:${free}` })
  })

  it('pauses (the port is released), resumes on the same port, and keeps counting requests', async () => {
    const fake = await startFakeOpenAI()
    cleanup.push(() => fake.close())
    const c = controller(0, fake)
    expect(await c.start()).toEqual({ ok: true })
    const { port, baseUrl } = c.info()
    expect(await chat(baseUrl)).toBe(200)
    expect(c.info().totalRequests).toBe(1)

    await c.pause()
    expect(c.info()).toMatchObject({ state: 'paused', port, inFlight: 0 })
    expect(await portIsFree('127.0.0.1', port)).toBe(true)
    await expect(chat(baseUrl)).rejects.toThrow()

    expect(await c.resume()).toEqual({ ok: true })
    expect(c.info()).toMatchObject({ state: 'running', port })
    expect(await chat(baseUrl)).toBe(200)
    expect(c.info().totalRequests).toBe(2)
  })

  it('tells listeners about every change', async () => {
    const c = controller(0)
    const seen: string[] = []
    c.onChange(() => seen.push(c.info().state))
    await c.start()
    await c.pause()
    await c.resume()
    await c.stop()
    expect(seen).toEqual(['running', 'paused', 'running', 'stopped'])
  })
})

describe('bridge over IPC', () => {
  const source: RendererSource = { kind: 'app', dir: '/app/out/renderer' }
  const app = { url: 'app://localrouter/index.html', parent: null }

  function registrar() {
    const channels = new Map<string, (event: never, ...args: unknown[]) => Promise<unknown>>()
    const ipc: IpcRegistrar = {
      handle: (channel, listener) => {
        if (channels.has(channel)) throw new Error(`second handler for ${channel}`)
        channels.set(channel, listener)
      },
      removeHandler: (channel) => channels.delete(channel),
    }
    const call = (channel: string, frame: { url: string; parent: unknown } | null, payload?: unknown) =>
      channels.get(channel)!({ senderFrame: frame } as never, payload) as Promise<IpcReply>
    return { ipc, channels, call }
  }

  async function wired() {
    const c = controller(0)
    await c.start()
    const handlers = await desktopHandlers(c, '9.9.9', 'linux')
    const r = registrar()
    const dispose = registerBridgeIpc(r.ipc, handlers, (s) => isTrustedSender(s, source))
    return { ...r, c, dispose }
  }

  it('registers one channel per contract method, and removes them again', async () => {
    const { channels, dispose } = await wired()
    expect([...channels.keys()].sort()).toEqual(BRIDGE_METHODS.map(bridgeChannel).sort())
    dispose()
    expect(channels.size).toBe(0)
  })

  it('answers the app UI with contract-shaped data', async () => {
    const { call, c } = await wired()
    expect(await call(bridgeChannel('app.info'), app, {})).toEqual({
      ok: true,
      value: { name: 'LocalRouter', version: '9.9.9', mode: 'desktop', platform: 'linux' },
    })
    const info = c.info()
    expect(await call(bridgeChannel('endpoint.info'), app, {})).toEqual({
      ok: true,
      value: { running: true, baseUrl: `${info.baseUrl}/v1`, port: info.port, inFlight: 0, totalRequests: 0 },
    })
    expect(await call(bridgeChannel('endpoint.token'), app)).toEqual({ ok: true, value: { token: TOKEN } })
  })

  it('refuses other frames and pages before looking at the payload', async () => {
    const { call } = await wired()
    const refused = { ok: false, error: expect.objectContaining({ code: 'untrusted_sender' }) }
    expect(
      await call(bridgeChannel('endpoint.token'), { url: 'https://evil.example/', parent: null }),
    ).toEqual(refused)
    expect(await call(bridgeChannel('endpoint.token'), { url: app.url, parent: {} })).toEqual(refused)
    expect(await call(bridgeChannel('endpoint.token'), null)).toEqual(refused)
    expect(await call(bridgeChannel('endpoint.token'), { url: 'file:///tmp/x.html', parent: null })).toEqual(
      refused,
    )
  })

  it('rejects payloads outside the contract and handler answers outside it', async () => {
    const { call } = await wired()
    const bad = await call(bridgeChannel('endpoint.token'), app, { extra: 1 })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', type: 'invalid_request_error' },
    })
    expect(await call(bridgeChannel('app.info'), app, 'text')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })

    const leaky = await desktopHandlers(controller(0), '1', 'x')
    leaky['endpoint.token'] = async () => ({ token: TOKEN, providerKey: 'sk-secret' }) as never
    const trusted = () => true
    const reply = await handleBridgeCall(
      leaky,
      'endpoint.token',
      { url: app.url, isMainFrame: true },
      trusted,
      {},
    )
    // The response schema drops what the contract does not name: the key never crosses.
    expect(reply).toEqual({ ok: true, value: { token: TOKEN } })
    expect(
      await handleBridgeCall(leaky, 'no.such', { url: app.url, isMainFrame: true }, trusted, {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    })
  })

  it('turns a failing handler into an error reply, never a crash', async () => {
    const handlers = await desktopHandlers(controller(0), '1', 'x')
    handlers['app.info'] = async () => {
      throw new Error('disk on fire')
    }
    const reply = await handleBridgeCall(
      handlers,
      'app.info',
      { url: app.url, isMainFrame: true },
      () => true,
      {},
    )
    expect(reply).toEqual({
      ok: false,
      error: { message: 'disk on fire', type: 'server_error', code: 'internal_error' },
    })
  })
})
