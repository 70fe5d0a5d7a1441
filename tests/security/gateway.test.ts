/** The promises of the local endpoint, each asserted over real HTTP on loopback. */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenMatches } from '../../electron/gateway/guards'
import { ServerConfigSchema } from '../../electron/config/schema'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'
import { startTestGateway, type TestGateway } from '../helpers/gateway'

let fake: FakeOpenAI
let gw: TestGateway

beforeAll(async () => {
  fake = await startFakeOpenAI()
  gw = await startTestGateway({
    providers: {
      fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: 'sk-fake-key-for-security-tests' },
    },
    server: { allowedOrigins: ['https://app.example'], maxBodyBytes: 4096 },
  })
})
afterAll(async () => {
  await gw?.stop()
  await fake?.close()
})

/** A raw request, so Host and Origin can be set to anything. */
function raw(opts: {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: gw.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.host,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}
const auth = { authorization: `Bearer lr-test-token-0123456789abcdef` }
const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { message: string; type: string; code: string } }).error

/** A chat request whose one message is `content`, its body written in `encoding`. */
const chatIn = (content: string, encoding: BufferEncoding) =>
  raw({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { ...auth, 'content-type': 'application/json' },
    body: Buffer.from(
      JSON.stringify({ model: 'fake/echo', messages: [{ role: 'user', content }] }),
      encoding,
    ),
  })

describe('the local endpoint', () => {
  it('binds loopback by default', () => {
    expect(ServerConfigSchema.parse({}).host).toBe('127.0.0.1')
    expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('requires the bearer token (401 without, 401 wrong) in the OpenAI error shape', async () => {
    const none = await raw({ path: '/v1/models' })
    expect(none.status).toBe(401)
    expect(errorOf(none.body)).toMatchObject({ type: 'authentication_error', code: 'missing_token' })
    const wrong = await raw({
      path: '/v1/models',
      headers: { authorization: 'Bearer lr-test-token-0123456789abcdeX' },
    })
    expect(wrong.status).toBe(401)
    expect(errorOf(wrong.body).code).toBe('invalid_token')
    expect(tokenMatches('a', 'abc')).toBe(false)
    expect(tokenMatches('abc', 'abc')).toBe(true)
    // Differences anywhere, prefixes, extensions, repeats of the token, and the empty cases all fail.
    const t = 'lr-test-token-0123456789abcdef'
    for (let i = 0; i < t.length; i++) {
      expect(tokenMatches(t.slice(0, i) + 'X' + t.slice(i + 1), t)).toBe(false)
      expect(tokenMatches(t.slice(0, i), t)).toBe(false)
    }
    expect(tokenMatches(`${t}x`, t)).toBe(false)
    expect(tokenMatches(t + t, t)).toBe(false)
    expect(tokenMatches('', t)).toBe(false)
    expect(tokenMatches('', '')).toBe(false)
    expect(tokenMatches(t, t)).toBe(true)
    expect(tokenMatches('lr-tøken-ü', 'lr-tøken-ü')).toBe(true)
    expect(tokenMatches('lr-tøken-u', 'lr-tøken-ü')).toBe(false)
  })

  it.each(['evil.example', 'evil.example:4141', '127.0.0.1.nip.io', '192.168.1.10:4141'])(
    'refuses Host %s (DNS rebinding)',
    async (host) => {
      const res = await raw({ path: '/v1/models', headers: { ...auth, host } })
      expect(res.status).toBe(403)
      expect(errorOf(res.body).code).toBe('host_not_allowed')
    },
  )

  it.each(['localhost', '127.0.0.1', '[::1]'])('accepts Host %s', async (name) => {
    const res = await raw({ path: '/v1/models', headers: { ...auth, host: `${name}:${gw.port}` } })
    expect(res.status).toBe(200)
  })

  it('refuses a foreign browser Origin even with the right token', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...auth, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"model":"fake/echo","messages":[{"role":"user","content":"x"}]}',
    })
    expect(res.status).toBe(403)
    expect(errorOf(res.body).code).toBe('origin_not_allowed')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(fake.received.filter((r) => r.url.includes('chat')).length).toBe(0)
  })

  it('lets a listed Origin in with CORS headers, and answers its preflight without the token', async () => {
    const pre = await raw({
      method: 'OPTIONS',
      path: '/v1/chat/completions',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(String(pre.headers['access-control-allow-headers'])).toContain('authorization')
    const res = await raw({ path: '/v1/models', headers: { ...auth, origin: 'https://app.example' } })
    expect(res.status).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
    const foreignPre = await raw({
      method: 'OPTIONS',
      path: '/v1/chat/completions',
      headers: { origin: 'https://evil.example' },
    })
    expect(foreignPre.status).toBe(403)
  })

  it('accepts its own origin (the headless UI in a browser tab)', async () => {
    const res = await raw({ path: '/v1/models', headers: { ...auth, origin: `http://127.0.0.1:${gw.port}` } })
    expect(res.status).toBe(200)
  })

  it('sends U+FFFD written as UTF-8 on as it came (only bytes that are not UTF-8 are refused)', async () => {
    const before = fake.received.length
    const res = await chatIn('caf\uFFFD', 'utf8')
    expect(res.status).toBe(200)
    const sent = fake.received.slice(before).find((r) => r.url.includes('chat'))
    expect(JSON.stringify(sent?.body)).toContain('caf\uFFFD')
  })

  it('answers bad JSON 400, an unknown route 404, a wrong method 405, a too-large body 413', async () => {
    const chats = () => fake.received.filter((r) => r.url.includes('chat')).length
    const before = chats()
    const bad = await raw({ method: 'POST', path: '/v1/chat/completions', headers: auth, body: '{"model":' })
    expect(bad.status).toBe(400)
    expect(errorOf(bad.body).code).toBe('invalid_json')
    // Latin-1 bytes (a client that did not encode as UTF-8): refused, not turned into U+FFFD and sent.
    const latin1 = await chatIn('café', 'latin1')
    expect(latin1.status).toBe(400)
    expect(errorOf(latin1.body).code).toBe('invalid_encoding')
    expect(errorOf(latin1.body).type).toBe('invalid_request_error')
    const missing = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: '{"model":"fake/echo"}',
    })
    expect(missing.status).toBe(400)
    expect(errorOf(missing.body).message).toContain('messages')
    const unknown = await raw({ path: '/v2/nothing', headers: auth })
    expect(unknown.status).toBe(404)
    expect(errorOf(unknown.body).type).toBe('not_found_error')
    const method = await raw({ method: 'GET', path: '/v1/chat/completions', headers: auth })
    expect(method.status).toBe(405)
    const big = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: JSON.stringify({ model: 'fake/echo', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
    })
    expect(big.status).toBe(413)
    expect(errorOf(big.body).code).toBe('request_too_large')
    expect(chats()).toBe(before)
  })

  it('never puts the provider key in a response or a log line', async () => {
    await gw
      .fetch('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({
          model: 'fake/echo',
          stream: true,
          messages: [{ role: 'user', content: 'x' }],
        }),
      })
      .then((r) => r.text())
    await gw
      .fetch('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'fake/fail-401', messages: [{ role: 'user', content: 'x' }] }),
      })
      .then((r) => r.text())
    const models = await gw.fetch('/v1/models').then((r) => r.text())
    expect(models).not.toContain('sk-fake-key-for-security-tests')
    expect(gw.logs.join('\n')).not.toContain('sk-fake-key-for-security-tests')
    expect(gw.logs.join('\n')).not.toContain('lr-test-token-0123456789abcdef')
  })
})
