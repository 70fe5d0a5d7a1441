/**
 * The local endpoint as real clients hit it: odd HTTP, browsers' preflights, the official SDK's retries,
 * and upstreams that misbehave. Each case here was a bug found by a black-box audit (real HTTP on loopback).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uiRoutes } from '../../electron/bridge/http'
import { type FakeServer, sendJson, startFakeServer } from '../helpers/fake-upstream'
import { startTestGateway, TEST_TOKEN, type TestGateway } from '../helpers/gateway'

const KEY = 'sk-audit-secret-key-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** A long message that puts the key right where an error message is cut (2000 characters). */
const NEAR_CUT = 'x'.repeat(1990)

const chunk = (content: string, finish: string | null = null) =>
  JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  })

let up: FakeServer
let gw: TestGateway

beforeAll(async () => {
  up = await startFakeServer((req, res, body): void => {
    const path = (req.url ?? '').split('?')[0]!
    if (path.endsWith('/models'))
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'plain', object: 'model', created: 1, owned_by: 'x' }],
      })
    const model = String(body.model)
    // A compatible server that ignores encoding_format and always sends floats (older Ollama, LM Studio).
    if (path.endsWith('/embeddings') && model === 'floats-only')
      return sendJson(res, 200, {
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: [0.5, -1, 2.25] },
          { object: 'embedding', index: 1, embedding: [1e-3, 0] },
        ],
        model,
        usage: { prompt_tokens: 2, total_tokens: 2 },
      })
    // A server that ignores `stream: true` and answers with one JSON body (some local servers do).
    if (model === 'json-for-stream' && path.endsWith('/chat/completions'))
      return sendJson(res, 200, {
        id: 'c9',
        object: 'chat.completion',
        created: 5,
        model: 'm',
        system_fingerprint: 'fp1',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'whole answer',
              tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
            },
            finish_reason: 'tool_calls',
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      })
    if (model === 'json-for-stream')
      return sendJson(res, 200, {
        id: 'cmpl-9',
        object: 'text_completion',
        created: 5,
        model: 'm',
        choices: [{ index: 0, text: 'whole text', finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      })
    if (model === 'always-streams-text') {
      const c = (text: string, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'cmpl-7', object: 'text_completion', created: 7, model: 'm', choices: [{ index: 0, text, finish_reason: finish, logprobs: null }] })}\n\n`
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(c('Hello '))
      res.write(c('text', 'stop'))
      res.end('data: [DONE]\n\n')
      return
    }
    // A server that always streams, even to a request that did not ask for it.
    if (model === 'always-streams' || model === 'always-streams-fails') {
      const c = (delta: Record<string, unknown>, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'c7', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
      // Media types are case-insensitive (RFC 9110).
      res.writeHead(200, { 'content-type': 'Text/Event-Stream; charset=UTF-8' })
      res.write(c({ role: 'assistant', content: '' }))
      res.write(c({ content: 'Hello ' }))
      if (model === 'always-streams-fails') {
        res.end(
          `data: ${JSON.stringify({ error: { message: 'The model is overloaded', type: 'server_error' } })}\n\n`,
        )
        return
      }
      res.write(c({ content: 'world' }))
      res.write(
        c({
          tool_calls: [{ index: 0, id: 't1', type: 'function', function: { name: 'f', arguments: '{"a"' } }],
        }),
      )
      res.write(c({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }))
      res.write(c({}, 'tool_calls'))
      res.write(
        `data: ${JSON.stringify({ id: 'c7', object: 'chat.completion.chunk', created: 7, model: 'm', choices: [], usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 } })}\n\n`,
      )
      res.end('data: [DONE]\n\n')
      return
    }
    switch (model) {
      // One event whose JSON spans two `data:` lines (SSE joins them with a newline).
      case 'multiline-data':
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(
          'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",\n' +
            'data: "choices":[{"index":0,"delta":{"role":"assistant","content":"multi"},"finish_reason":"stop"}]}\n\n',
        )
        res.end('data: [DONE]\n\n')
        return
      // A stream that starts with a UTF-8 byte order mark (the SSE spec says to drop it).
      case 'bom-stream':
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`data: ${chunk('bom', 'stop')}\n\n`)]),
        )
        res.end('data: [DONE]\n\n')
        return
      // An event that never ends: megabytes with no newline.
      case 'endless-line': {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: "')
        const block = 'a'.repeat(1024 * 1024)
        let sent = 0
        const more = () => {
          while (!res.destroyed && sent < 64) {
            sent++
            if (!res.write(block)) return void res.once('drain', more)
          }
          res.end()
        }
        more()
        return
      }
      // A base URL on http:// where the provider moved to https://, or one missing its /v1.
      case 'moved':
        res.writeHead(301, {
          location: 'https://api.example.com/v1/chat/completions',
          'content-type': 'text/html',
        })
        res.end('<html><body>Moved Permanently</body></html>')
        return
      // A base URL that points at a web page: a 200 whose body is not the API's.
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html><body>Welcome</body></html>')
        return
      case 'overloaded-no-retry':
        return sendJson(
          res,
          503,
          { error: { message: 'quota exhausted', type: 'server_error', code: null } },
          { 'x-should-retry': 'false' },
        )
      case 'rate-limited-ms':
        return sendJson(
          res,
          429,
          { error: { message: 'slow down', type: 'requests', code: null } },
          { 'retry-after': '1', 'retry-after-ms': '20' },
        )
      // An upstream that quotes the key back in every field of its error body.
      case 'echo-key':
        return sendJson(res, 401, {
          error: { message: `${NEAR_CUT} key ${KEY}`, type: KEY, code: KEY, param: KEY },
        })
      case 'echo-key-stream':
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(`data: ${chunk('a')}\n\n`)
        res.end(
          `data: ${JSON.stringify({ error: { message: `${NEAR_CUT}${KEY}`, type: KEY, code: KEY } })}\n\n`,
        )
        return
      default:
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' })
          res.end(`data: ${chunk('hi', 'stop')}\n\ndata: [DONE]\n\n`)
          return
        }
        return sendJson(res, 200, {
          id: 'c1',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
        })
    }
  })
  gw = await startTestGateway({
    providers: { p: { kind: 'openai-compatible', baseUrl: up.url, apiKey: KEY } },
    server: { allowedOrigins: ['https://app.example'] },
  })
})

afterAll(async () => {
  await gw?.stop()
  await up?.close()
})

/** A raw request, so every header (Host, Origin, methods) can be anything. */
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

const auth = { authorization: `Bearer ${TEST_TOKEN}` }
const chatBody = (model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra })

/** The key's bytes, or any 12 characters of it (a cut-off prefix is a leak too). */
function leaks(text: string): boolean {
  for (let i = 0; i + 12 <= KEY.length; i++) if (text.includes(KEY.slice(i, i + 12))) return true
  return false
}

describe('an upstream that quotes the provider key back', () => {
  it('never gets it (or a cut-off part of it) into a chat error, in any field, or the log', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/echo-key'),
    })
    expect(res.status).toBe(401)
    expect(leaks(res.body)).toBe(false)
    expect(leaks(gw.logs.join('\n'))).toBe(false)
  })

  it('never gets it into a mid-stream error event', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/echo-key-stream', { stream: true }),
    })
    expect(res.body).toContain('"error"')
    expect(leaks(res.body)).toBe(false)
    expect(leaks(gw.logs.join('\n'))).toBe(false)
  })

  it('never gets it into an embeddings error', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/embeddings',
      headers: auth,
      body: JSON.stringify({ model: 'p/echo-key', input: 'x' }),
    })
    expect(res.status).toBe(401)
    expect(leaks(res.body)).toBe(false)
  })
})

const sentFor = (model: string) =>
  up.received.filter((r) => (r.body as { model?: string } | undefined)?.model === model).length

describe('the official SDK retries only what a retry can fix', () => {
  const sdk = () => new OpenAI({ baseURL: gw.baseURL, apiKey: TEST_TOKEN, maxRetries: 2, timeout: 10_000 })

  it('does not retry an upstream answer that is not the API (a 502 that says so)', async () => {
    const before = sentFor('html-200')
    const err = await sdk()
      .chat.completions.create({ model: 'p/html-200', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.APIError)
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502)
    expect(sentFor('html-200') - before).toBe(1)
  })

  it('passes the upstream x-should-retry and retry-after-ms on, so the SDK obeys the provider', async () => {
    const before = sentFor('overloaded-no-retry')
    const err = await sdk()
      .chat.completions.create({
        model: 'p/overloaded-no-retry',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e)
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(503)
    expect(sentFor('overloaded-no-retry') - before).toBe(1)
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/rate-limited-ms'),
    })
    expect(res.status).toBe(429)
    expect(res.headers['retry-after']).toBe('1')
    expect(res.headers['retry-after-ms']).toBe('20')
  })

  it('does not retry a request the gateway can never serve (a 5xx of its own that no retry fixes)', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/html-200'),
    })
    expect(res.status).toBe(502)
    expect(res.headers['x-should-retry']).toBe('false')
  })
})

describe('HTTP as clients speak it', () => {
  it('answers a wrong method with 405 and an Allow header naming the right ones', async () => {
    const chat = await raw({ method: 'GET', path: '/v1/chat/completions', headers: auth })
    expect(chat.status).toBe(405)
    expect(chat.headers.allow).toBe('POST')
    const models = await raw({ method: 'DELETE', path: '/v1/models', headers: auth })
    expect(models.status).toBe(405)
    expect(models.headers.allow).toBe('GET, HEAD')
    const one = await raw({ method: 'POST', path: '/v1/models/p/plain', headers: auth })
    expect(one.status).toBe(405)
    expect(one.headers.allow).toBe('GET, HEAD')
  })

  it('answers HEAD on a GET route like GET, without a body', async () => {
    const health = await raw({ method: 'HEAD', path: '/health' })
    expect(health.status).toBe(200)
    expect(health.body).toBe('')
    const models = await raw({ method: 'HEAD', path: '/v1/models', headers: auth })
    expect(models.status).toBe(200)
    expect(models.headers['content-type']).toBe('application/json')
    expect((await raw({ method: 'HEAD', path: '/v1/models' })).status).toBe(401)
  })

  it("lets an allowed origin's preflight through with the headers the official SDK's helpers send", async () => {
    const pre = await raw({
      method: 'OPTIONS',
      path: '/v1/chat/completions',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-stainless-helper-method,x-stainless-poll-helper,x-stainless-custom-poll-interval',
      },
    })
    expect(pre.status).toBe(204)
    const allowed = String(pre.headers['access-control-allow-headers'])
      .split(',')
      .map((h) => h.trim().toLowerCase())
    for (const h of ['authorization', 'content-type', 'x-stainless-helper-method', 'x-stainless-poll-helper'])
      expect(allowed).toContain(h)
  })

  it('does not read a path that starts with // as a host name', async () => {
    // `//v1/models` parsed as a URL is host `v1`, path `/models`: the error named a route nobody asked for.
    const res = await raw({ path: '//v1/v1/models', headers: auth })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body).error.message).toContain('//v1/v1/models')
  })

  it('takes a path with a doubled or trailing slash as the route it names', async () => {
    const doubled = await raw({
      method: 'POST',
      path: '/v1//chat/completions',
      headers: auth,
      body: chatBody('p/plain'),
    })
    expect(doubled.status).toBe(200)
    const trailing = await raw({
      method: 'POST',
      path: '/v1/chat/completions/',
      headers: auth,
      body: chatBody('p/plain'),
    })
    expect(trailing.status).toBe(200)
    const leading = await raw({ path: '//v1/models', headers: auth })
    expect(leading.status).toBe(200)
    // Not `GET /v1/models/{id}` with an empty id: the list, as `GET /v1/models`.
    const list = await raw({ path: '/v1/models/', headers: auth })
    expect(list.status).toBe(200)
    expect(JSON.parse(list.body).object).toBe('list')
  })

  it('says where the route is when a client left /v1 out of its base URL', async () => {
    const res = await raw({
      method: 'POST',
      path: '/chat/completions',
      headers: auth,
      body: chatBody('p/plain'),
    })
    expect(res.status).toBe(404)
    const { message } = JSON.parse(res.body).error as { message: string }
    expect(message).toContain('/v1/chat/completions')
    expect(message).toContain(`http://127.0.0.1:${gw.port}/v1`)
  })

  it('accepts a JSON body that starts with a UTF-8 byte order mark (Windows tools write one)', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chatBody('p/plain'))]),
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body).choices[0].message.content).toBe('hi')
  })
})

describe('embeddings through the official SDK', () => {
  it('decodes to the right floats when the provider ignores encoding_format: base64 (the SDK asks for it)', async () => {
    const res = await gw.client().embeddings.create({ model: 'p/floats-only', input: ['a', 'b'] })
    expect(res.data.map((d) => Array.from(d.embedding))).toEqual([
      [0.5, -1, 2.25],
      [Math.fround(1e-3), 0],
    ])
    // Asked for floats, floats come back as sent.
    const floats = await gw.client().embeddings.create({
      model: 'p/floats-only',
      input: 'a',
      encoding_format: 'float',
    })
    expect(floats.data[0]!.embedding).toEqual([0.5, -1, 2.25])
  })
})

/** Writes raw bytes on a fresh connection and returns all that comes back until the server closes it. */
function rawSocket(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(gw.port, '127.0.0.1', () => socket.write(text))
    let out = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => (out += d))
    socket.on('close', () => resolve(out))
    socket.on('error', reject)
    socket.setTimeout(3000, () => socket.destroy())
  })
}

describe('requests node:http itself refuses', () => {
  const errorOf = (response: string) => {
    const [head, body] = response.split('\r\n\r\n')
    return { head: head!, error: (JSON.parse(body!) as { error: { code: string; message: string } }).error }
  }

  it('answers headers that are too large with 431 in the OpenAI error shape', async () => {
    const out = await rawSocket(
      `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    const { head, error } = errorOf(out)
    expect(head).toMatch(/^HTTP\/1\.1 431 /)
    expect(head.toLowerCase()).toContain('content-type: application/json')
    expect(error.code).toBe('request_headers_too_large')
  })

  it('answers a malformed request with 400 in the OpenAI error shape', async () => {
    const { head, error } = errorOf(await rawSocket('HELLO\r\n\r\n'))
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(error.code).toBe('bad_request')
    const both = errorOf(
      await rawSocket(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      ),
    )
    expect(both.head).toMatch(/^HTTP\/1\.1 400 /)
  })
})

describe('an upstream that redirects', () => {
  it('is a 502 that names the redirect and where it points, streamed or not (not "a response that is not JSON")', async () => {
    for (const stream of [false, true]) {
      const res = await raw({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: auth,
        body: chatBody('p/moved', { stream }),
      })
      expect(res.status).toBe(502)
      const error = JSON.parse(res.body).error as { code: string; message: string; provider: string }
      expect(error.code).toBe('upstream_redirect')
      expect(error.message).toContain('301')
      expect(error.message).toContain('https://api.example.com/v1/chat/completions')
      expect(error.provider).toBe('p')
    }
  })
})

describe('upstream streams the SSE spec allows', () => {
  const stream = (model: string) =>
    gw.client().chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    })

  it('forwards an event whose data spans several lines as one valid event', async () => {
    let text = ''
    for await (const c of await stream('p/multiline-data')) text += c.choices[0]?.delta.content ?? ''
    expect(text).toBe('multi')
  })

  it('keeps the first event of a stream that starts with a byte order mark', async () => {
    let text = ''
    for await (const c of await stream('p/bom-stream')) text += c.choices[0]?.delta.content ?? ''
    expect(text).toBe('bom')
  })

  it('ends an event that never ends with an error event instead of buffering it without bound', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/endless-line', { stream: true }),
    })
    expect(res.status).toBe(200)
    expect(res.body).toContain('"code":"upstream_bad_stream"')
    expect(res.body).not.toContain('[DONE]')
  })
})

describe('the headless UI routes', () => {
  it('answers a path with bad percent-encoding with 400, not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-ui-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>LocalRouter</title>')
    const ui = await startTestGateway({}, { routes: () => uiRoutes(dir) })
    try {
      const page = await fetch(`${ui.url}/chats/1`)
      expect(page.status).toBe(200)
      const bad = await fetch(`${ui.url}/%E0%A4%A`)
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_path')
      expect(ui.logs.join('\n')).not.toContain('unhandled error')
    } finally {
      await ui.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a stream request the provider answers with one JSON body', () => {
  it('reaches an SSE client as a stream (the SDK saw an empty stream before)', async () => {
    const stream = await gw.client().chat.completions.create({
      model: 'p/json-for-stream',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    })
    let text = ''
    let finish: string | null = null
    let args = ''
    let usage: number | undefined
    for await (const c of stream) {
      expect(c.object).toBe('chat.completion.chunk')
      text += c.choices[0]?.delta.content ?? ''
      args += c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? ''
      finish = c.choices[0]?.finish_reason ?? finish
      usage = c.usage?.total_tokens ?? usage
    }
    expect(text).toBe('whole answer')
    expect(args).toBe('{"a":1}')
    expect(finish).toBe('tool_calls')
    expect(usage).toBe(5)
    // The stream() helper assembles the same answer.
    const final = await gw
      .client()
      .chat.completions.stream({ model: 'p/json-for-stream', messages: [{ role: 'user', content: 'hi' }] })
      .finalChatCompletion()
    expect(final.choices[0]!.message.content).toBe('whole answer')
    expect(final.choices[0]!.message.tool_calls?.[0]).toMatchObject({ id: 't1', function: { name: 'f' } })
  })

  it('says so in x-localrouter-warnings, and a text completion streams too', async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/completions',
      headers: auth,
      body: JSON.stringify({ model: 'p/json-for-stream', prompt: 'x', stream: true }),
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('text/event-stream')
    expect(String(res.headers['x-localrouter-warnings'])).toContain('stream_not_honoured')
    const events = res.body.split('\n\n').filter(Boolean)
    expect(events.at(-1)).toBe('data: [DONE]')
    expect(JSON.parse(events[0]!.slice(6)).choices[0].text).toBe('whole text')
  })
})

describe('a non-stream request the provider answers with a stream', () => {
  it('gets the whole answer assembled (it was a 502 "not JSON")', async () => {
    const res = await gw.client().chat.completions.create({
      model: 'p/always-streams',
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(res.object).toBe('chat.completion')
    expect(res.id).toBe('c7')
    expect(res.choices[0]!.message.content).toBe('Hello world')
    expect(res.choices[0]!.message.tool_calls).toEqual([
      { id: 't1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
    ])
    expect(res.choices[0]!.finish_reason).toBe('tool_calls')
    expect(res.usage?.total_tokens).toBe(7)
  })

  it('gets a text completion assembled too', async () => {
    const res = await gw.client().completions.create({ model: 'p/always-streams-text', prompt: 'x' })
    expect(res.object).toBe('text_completion')
    expect(res.id).toBe('cmpl-7')
    expect(res.choices[0]).toMatchObject({ index: 0, text: 'Hello text', finish_reason: 'stop' })
  })

  it("gets the stream's error event as an error status", async () => {
    const res = await raw({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: auth,
      body: chatBody('p/always-streams-fails'),
    })
    expect(res.status).toBe(502)
    expect(JSON.parse(res.body).error).toMatchObject({ message: 'The model is overloaded', provider: 'p' })
  })
})

describe('a request nested deeper than the provider request can be built from', () => {
  it('is a 400 that says so (it was a 500 internal error, which the SDK retried)', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const g = await startTestGateway(
      { providers: { p: { kind: 'openai-compatible', baseUrl: up.url, apiKey: KEY } } },
      {},
    )
    try {
      for (const [path, body] of [
        [
          '/v1/chat/completions',
          `{"model":"p/plain","messages":[{"role":"user","content":"hi"}],"x":${deep}}`,
        ],
        ['/v1/embeddings', `{"model":"p/plain","input":${deep}}`],
      ] as const) {
        const res = await g.fetch(path, { method: 'POST', body })
        expect(res.status).toBe(400)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request_too_deep')
      }
      expect(g.logs.join('\n')).not.toContain('"level":"error"')
    } finally {
      await g.stop()
    }
  })
})

describe('Expect: 100-continue', () => {
  /** Sends the head only, and returns the first status line the server sends (then closes). */
  function firstAnswer(headers: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(gw.port, '127.0.0.1', () => socket.write(headers))
      socket.setEncoding('latin1')
      socket.once('data', (d: string) => {
        resolve(d.split('\r\n')[0]!)
        socket.destroy()
      })
      socket.on('error', reject)
      socket.setTimeout(3000, () => {
        resolve('(nothing)')
        socket.destroy()
      })
    })
  }
  const head = (extra: string) =>
    `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n${extra}\r\n`

  it('refuses a body over the limit or a missing token before the client uploads it', async () => {
    expect(
      await firstAnswer(
        head(`Authorization: Bearer ${TEST_TOKEN}\r\nContent-Length: ${64 * 1024 * 1024}\r\n`),
      ),
    ).toBe('HTTP/1.1 413 Payload Too Large')
    expect(await firstAnswer(head('Content-Length: 100\r\n'))).toBe('HTTP/1.1 401 Unauthorized')
  })

  it('says continue to a request it will read, and answers it', async () => {
    const body = chatBody('p/plain')
    const out = await new Promise<string>((resolve, reject) => {
      const socket = connect(gw.port, '127.0.0.1', () =>
        socket.write(
          head(
            `Authorization: Bearer ${TEST_TOKEN}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n`,
          ),
        ),
      )
      let got = ''
      socket.setEncoding('latin1')
      socket.on('data', (d: string) => {
        if (!got) socket.write(body)
        got += d
      })
      socket.on('close', () => resolve(got))
      socket.on('error', reject)
    })
    expect(out.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK')).toBe(true)
    expect(out).toContain('"content":"hi"')
  })
})
