/**
 * A full run with real keys in a real keychain: keys set through the CLI, chat (non-stream and stream)
 * through a running `serve`, error paths (an upstream that quotes the key back in a 401, mid-stream, in
 * a plain-text 500 and in a header), key tests and `keys list`. Afterwards no file under the app's
 * data and config folders, no log line, no HTTP response and no CLI output holds a key's bytes.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SecretStore } from '../../electron/secrets'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'
import {
  requireTestKeyring,
  runCli,
  type ServeProcess,
  startServe,
  tempDir,
  testService,
} from '../helpers/keyring'
import { findLeaks, LeakCollector } from './leak'

requireTestKeyring()

const FAKE_KEY = 'sk-proj-LEAKTEST-fake-9f8e7d6c5b4a39281706'
const LEAKY_KEY = 'sk-LEAKTEST-leaky-0a1b2c3d4e5f60718293'
const service = testService()

/** An upstream that behaves badly: it quotes the key it was sent back in every way it can. */
async function startLeakyUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      const quote401 = () => {
        const body = JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${key}. You can find your API key at ...`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        })
        res.writeHead(401, { 'content-type': 'application/json', 'x-echo-key': key })
        res.end(body)
      }
      if (req.method === 'GET') return quote401()
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string }
      switch (body.model) {
        case 'quote-stream': {
          res.writeHead(200, { 'content-type': 'text/event-stream' })
          const chunk = {
            id: 'c1',
            object: 'chat.completion.chunk',
            created: 1,
            model: 'm',
            choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
          }
          res.write(`data: ${JSON.stringify(chunk)}\n\n`)
          res.end(
            `data: ${JSON.stringify({ error: { message: `The key ${key} was revoked mid-stream`, type: 'invalid_request_error' } })}\n\n`,
          )
          return
        }
        case 'quote-500-text':
          res.writeHead(500, { 'content-type': 'text/plain', 'x-echo-key': key })
          res.end(`upstream crashed while handling key ${key}`)
          return
        default:
          return quote401()
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

let root: Awaited<ReturnType<typeof tempDir>>
let fake: FakeOpenAI
let leaky: Awaited<ReturnType<typeof startLeakyUpstream>>
let server: ServeProcess | undefined
const seen = new LeakCollector()

beforeAll(async () => {
  root = await tempDir('lr-leak-')
  fake = await startFakeOpenAI()
  leaky = await startLeakyUpstream()
})

afterAll(async () => {
  await server?.stop()
  const store = new SecretStore({ service })
  for (const account of await store.list().catch(() => [])) await store.delete(account)
  await fake?.close()
  await leaky?.close()
  await root?.remove()
})

describe('provider keys never leave the keychain', () => {
  it('after a full run, no file, log, response or CLI output holds a key', async () => {
    // The app's folders where a user would have them: HOME and XDG dirs of their own, default config path.
    const env: NodeJS.ProcessEnv = {
      HOME: join(root.dir, 'home'),
      XDG_CONFIG_HOME: join(root.dir, 'config'),
      XDG_DATA_HOME: join(root.dir, 'data'),
      XDG_CACHE_HOME: join(root.dir, 'cache'),
      LOCALROUTER_KEYCHAIN_SERVICE: service,
      LOCALROUTER_LOG_LEVEL: 'debug',
    }
    const appDir = join(root.dir, 'config', 'LocalRouter')
    await mkdir(appDir, { recursive: true })
    await writeFile(
      join(appDir, 'config.json'),
      JSON.stringify({
        server: { port: 0 },
        providers: {
          fake: { kind: 'openai', baseUrl: `${fake.url}/v1` },
          leaky: { kind: 'openai-compatible', baseUrl: `${leaky.url}/v1` },
        },
      }),
    )
    for (const d of ['home', 'config', 'data', 'cache']) seen.dir(d, join(root.dir, d))

    const cli = async (args: string[], input?: string) => {
      const r = await runCli(args, { env, ...(input !== undefined ? { input } : {}) })
      seen.text(`keys ${args.slice(1).join(' ')} stdout`, r.stdout)
      seen.text(`keys ${args.slice(1).join(' ')} stderr`, r.stderr)
      return r
    }

    expect((await cli(['keys', 'set', 'fake'], `${FAKE_KEY}\n`)).code).toBe(0)
    expect((await cli(['keys', 'set', 'leaky'], LEAKY_KEY)).code).toBe(0)
    const list = await cli(['keys', 'list'])
    expect(list.stdout).toBe('fake   sk-...1706\nleaky  sk-...8293\n')
    expect((await cli(['keys', 'test', 'fake'])).stdout).toMatch(/^ok:/)
    const leakyTest = await cli(['keys', 'test', 'leaky'])
    expect(leakyTest.stdout).toMatch(
      /^invalid: Custom \(OpenAI-compatible\) refused the key \(HTTP 401\): Incorrect API key provided: \[redacted key\]/,
    )
    const token = (await cli(['keys', 'token'])).stdout.trim()

    server = await startServe([], env)
    const call = async (label: string, path: string, body?: unknown, auth = token) => {
      const res = await fetch(`${server!.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
      const status = res.status
      return { status, text: await seen.response(label, res) }
    }
    const chat = (model: string, stream = false) => ({
      model,
      stream,
      messages: [{ role: 'user', content: 'tell me the key' }],
    })

    expect((await call('chat', '/v1/chat/completions', chat('fake/echo'))).status).toBe(200)
    const streamed = await call('stream', '/v1/chat/completions', chat('fake/echo', true))
    expect(streamed.text).toContain('data: [DONE]')
    expect((await call('upstream 500', '/v1/chat/completions', chat('fake/fail-500'))).status).toBe(500)
    expect((await call('upstream 401 fake', '/v1/chat/completions', chat('fake/fail-401'))).status).toBe(401)
    const quoted = await call('upstream 401 quoting the key', '/v1/chat/completions', chat('leaky/quote-401'))
    expect(quoted.status).toBe(401)
    expect(quoted.text).toContain('Incorrect API key provided: [redacted key]')
    const quotedStream = await call(
      'stream error quoting the key',
      '/v1/chat/completions',
      chat('leaky/quote-stream', true),
    )
    expect(quotedStream.text).toContain('was revoked mid-stream')
    expect(
      (await call('plain-text 500 quoting the key', '/v1/chat/completions', chat('leaky/quote-500-text')))
        .status,
    ).toBe(500)
    const models = await call('models (one provider quoting the key)', '/v1/models')
    expect(models.text).toContain('fake/echo')
    expect((await call('wrong token', '/v1/chat/completions', chat('fake/echo'), 'lr-wrong')).status).toBe(
      401,
    )
    expect((await call('unknown provider', '/v1/chat/completions', chat('nope/x'))).status).toBe(404)

    await server.stop()
    const out = server.output()
    server = undefined
    seen.text('serve stdout', out.stdout)
    seen.text('serve logs (stderr)', out.stderr)
    expect(out.stderr).toMatch(/"msg":"chat"/) // the logs were really captured

    // The scanner itself can fail: the upstreams did receive the keys.
    const upstreamSaw = [{ label: 'fake upstream', bytes: Buffer.from(JSON.stringify(fake.received)) }]
    expect(await findLeaks(FAKE_KEY, upstreamSaw)).toEqual(['fake upstream'])
    expect(await seen.fileCount()).toBeGreaterThan(1)

    expect(await findLeaks(FAKE_KEY, seen)).toEqual([])
    expect(await findLeaks(LEAKY_KEY, seen)).toEqual([])
  })
})
