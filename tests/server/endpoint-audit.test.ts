/**
 * The local endpoint as real clients hit it: odd HTTP, browsers' preflights, the official SDK's retries,
 * and upstreams that misbehave. Each case here was a bug found by a black-box audit (real HTTP on loopback).
 */
import { request } from 'node:http'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  up = await startFakeServer((req, res, body) => {
    const path = (req.url ?? '').split('?')[0]!
    if (path.endsWith('/models'))
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'plain', object: 'model', created: 1, owned_by: 'x' }],
      })
    const model = String(body.model)
    switch (model) {
      // An upstream that quotes the key back in every field of its error body.
      case 'echo-key':
        return sendJson(res, 401, {
          error: { message: `${NEAR_CUT} key ${KEY}`, type: KEY, code: KEY, param: KEY },
        })
      case 'echo-key-stream':
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(`data: ${chunk('a')}\n\n`)
        return res.end(
          `data: ${JSON.stringify({ error: { message: `${NEAR_CUT}${KEY}`, type: KEY, code: KEY } })}\n\n`,
        )
      default:
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' })
          return res.end(`data: ${chunk('hi', 'stop')}\n\ndata: [DONE]\n\n`)
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
