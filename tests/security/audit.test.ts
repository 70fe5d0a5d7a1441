/**
 * Holes found by the security audit (each test failed before its fix): keys quoted back by an upstream
 * in an escaped form, the headless UI server's responses, and the permissions of what we write.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HeadlessUi, startHeadlessUi } from '../../electron/bridge/headless'
import { parseConfig } from '../../electron/config/store'
import { startTestGateway, type TestGateway } from '../helpers/gateway'

const KEY = 'sk-AUDIT-escaped-0a1b2c3d4e5f60718293'

/** JSON text that any serializer may write: every character of the key as a \u escape. */
function escaped(s: string): string {
  return [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
}

/** An upstream whose error bodies quote the key it was sent, JSON-escaped (valid JSON, same string). */
async function startEscapingUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      const body = `{"error":{"message":"Incorrect API key provided: ${escaped(key)}","type":"invalid_request_error","code":"invalid_api_key","param":"${escaped(key)}"}}`
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

describe('an upstream error quoting the key in JSON escapes', () => {
  let upstream: Awaited<ReturnType<typeof startEscapingUpstream>>
  let gw: TestGateway

  beforeAll(async () => {
    upstream = await startEscapingUpstream()
    gw = await startTestGateway({
      providers: { esc: { kind: 'openai-compatible', baseUrl: `${upstream.url}/v1`, apiKey: KEY } },
    })
  })
  afterAll(async () => {
    await gw?.stop()
    await upstream?.close()
  })

  it('GET /v1/models: the per-provider error entry holds no key', async () => {
    const res = await gw.fetch('/v1/models')
    const text = await res.text()
    const body = JSON.parse(text) as { errors?: Array<{ error: { message: string; param: string | null } }> }
    // The error entry is there (the upstream was asked), with the message and without the key.
    expect(body.errors?.[0]?.error.message).toContain('Incorrect API key provided: [redacted key]')
    expect(JSON.stringify(body)).not.toContain(KEY)
    expect(text).not.toContain(escaped(KEY))
  })

  it('GET /v1/models/{id} and a chat: the error holds no key', async () => {
    const one = await gw.fetch('/v1/models/esc/some-model')
    expect(one.status).toBe(401)
    expect(JSON.stringify(await one.json())).not.toContain(KEY)
    const chat = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'esc/m', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(chat.status).toBe(401)
    expect(JSON.stringify(await chat.json())).not.toContain(KEY)
    expect(gw.logs.join('\n')).not.toContain(KEY)
  })
})

describe('upstreamMessage', () => {
  it('takes an escaped key out of every field and of an unknown body shape', async () => {
    const { upstreamMessage } = await import('../../electron/providers/errors')
    const e = escaped(KEY)
    for (const body of [
      `{"error":{"message":"bad ${e}","type":"${e}","code":"${e}","param":"${e}"}}`,
      `{"error":"bad ${e}"}`,
      `{"message":"bad ${e}"}`,
      `{"detail":"bad ${e}"}`,
      `{"other":"bad ${e}"}`,
      `["bad ${e}"]`,
      `{"error":{"message":"${'x'.repeat(1990)}${e}"}}`,
    ]) {
      const out = JSON.stringify(upstreamMessage(body, KEY))
      expect(out).not.toContain(KEY)
      expect(out).not.toContain(KEY.slice(0, 10))
      expect(out).not.toContain(e.slice(0, 30))
    }
  })
})

describe('the headless UI server (npm run serve -- --ui)', () => {
  let dir: string
  let app: HeadlessUi

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lr-audit-ui-'))
    const ui = join(dir, 'ui')
    await mkdir(join(ui, 'assets'), { recursive: true })
    await writeFile(join(ui, 'index.html'), '<!doctype html><title>LocalRouter</title>')
    await writeFile(join(ui, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(dir, 'config.json'), '{}')
    const config = parseConfig({ server: { port: 0, token: 'lr-audit-token-0123456789' } }, 'test config')
    app = await startHeadlessUi({
      config,
      configFile: join(dir, 'config.json'),
      version: '0.0.0-test',
      uiDir: ui,
      historyDir: join(dir, 'history'),
      keys: null,
      env: {},
    })
  })
  afterAll(async () => {
    await app?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('serves the page with a strict CSP header: own scripts, fetches to this server only, no framing', async () => {
    const port = app.gateway.port
    for (const path of ['/', '/index.html', '/chat/some-id', '/assets/app.js']) {
      const res = await fetch(`${app.gateway.url}${path}`)
      expect(res.status).toBe(200)
      const csp = res.headers.get('content-security-policy') ?? ''
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/)
          return [name!, values] as const
        }),
      )
      expect(directives.get('default-src')).toEqual(["'none'"])
      expect(directives.get('script-src')).toEqual(["'self'"])
      expect(directives.get('connect-src')).toEqual([
        "'self'",
        `http://127.0.0.1:${port}`,
        `http://localhost:${port}`,
        `http://[::1]:${port}`,
      ])
      expect(directives.get('frame-ancestors')).toEqual(["'none'"])
      expect(directives.get('object-src')).toEqual(["'none'"])
      expect(directives.get('base-uri')).toEqual(["'none'"])
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
      await res.arrayBuffer()
    }
  })
})
