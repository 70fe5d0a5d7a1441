import OpenAI from 'openai'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'
import { sseData, startTestGateway, type TestGateway } from '../helpers/gateway'

const FAKE_KEY = 'sk-fake-upstream-key-abcdefghijklmnop'
let fake: FakeOpenAI
let gw: TestGateway
let client: OpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI({ slowMs: 2000 })
  gw = await startTestGateway({
    providers: {
      fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: FAKE_KEY },
      groq: { baseUrl: fake.url, apiKey: FAKE_KEY },
      nokey: { kind: 'openai', baseUrl: fake.url },
      bad: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: 'sk-invalid-fake-key-0000000000000000' },
      down: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9', apiKey: FAKE_KEY },
    },
    server: { timeouts: { firstByteMs: 500, idleMs: 1000, connectMs: 1000 } },
  })
  client = gw.client()
})

afterAll(async () => {
  await gw?.stop()
  await fake?.close()
})

const last = () => fake.received[fake.received.length - 1]!

describe('chat completions through the official openai SDK', () => {
  it('answers a non-streaming request and sends the provider its own model id and key', async () => {
    const res = await client.chat.completions.create({
      model: 'fake/echo',
      messages: [{ role: 'user', content: 'hello there' }],
    })
    expect(res.choices[0]!.message.content).toBe('You said: hello there')
    expect(res.usage?.total_tokens).toBe(18)
    expect(last().body).toMatchObject({ model: 'echo' })
    expect(last().headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
  })

  it('streams text deltas, then the usage chunk, then ends', async () => {
    const stream = await client.chat.completions.create({
      model: 'fake/echo',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let finish: string | null = null
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      if (chunk.usage) usage = chunk.usage
    }
    expect(text).toBe('You said: stream me please')
    expect(finish).toBe('stop')
    expect(usage?.completion_tokens).toBe(7)
  })

  it('streams parallel tool calls whose arguments arrive in fragments', async () => {
    const stream = await client.chat.completions.create({
      model: 'fake/tools',
      messages: [{ role: 'user', content: 'weather and time' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      stream: true,
    })
    const calls: Record<number, { id?: string; name?: string; args: string }> = {}
    let finish: string | null = null
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) {
        const c = (calls[tc.index] ??= { args: '' })
        if (tc.id) c.id = tc.id
        if (tc.function?.name) c.name = tc.function.name
        c.args += tc.function?.arguments ?? ''
      }
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect(finish).toBe('tool_calls')
    expect(calls[0]).toEqual({ id: 'call_a1', name: 'get_weather', args: '{"city":"Paris","unit":"c"}' })
    expect(calls[1]).toEqual({ id: 'call_b2', name: 'get_time', args: '{"tz":"Europe/Paris"}' })
  })

  it('passes every field it does not know through untouched', async () => {
    const body = {
      model: 'fake/echo',
      messages: [{ role: 'user', content: 'x', name: 'alice', cache_control: { type: 'ephemeral' } }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object', additionalProperties: false } },
        },
      ],
      tool_choice: 'auto',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 's', schema: { type: 'object' }, strict: true },
      },
      logprobs: true,
      top_logprobs: 2,
      seed: 42,
      reasoning_effort: 'low',
      vendor_extra: { anything: [1, 2, 3] },
    }
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(200)
    expect(last().body).toEqual({ ...body, model: 'echo' })
  })

  it('accepts explicit nulls where OpenAI does (stream: null is a non-streamed answer) and forwards them', async () => {
    const body = {
      model: 'fake/echo',
      messages: [{ role: 'user', content: 'nulls' }],
      stream: null,
      stream_options: null,
      temperature: null,
    }
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { object: string }).object).toBe('chat.completion')
    expect(last().body).toEqual({ ...body, model: 'echo' })
  })

  it('reports and removes parameters a preset says its provider rejects', async () => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'groq/echo',
        messages: [{ role: 'user', content: 'x' }],
        logprobs: true,
        seed: 1,
      }),
    })
    expect(res.status).toBe(200)
    const warnings = JSON.parse(res.headers.get('x-localrouter-warnings') ?? '[]') as Array<{ param: string }>
    expect(warnings.map((w) => w.param)).toEqual(['logprobs'])
    expect(last().body).toMatchObject({ seed: 1 })
    expect(last().body).not.toHaveProperty('logprobs')
  })

  it('forwards each upstream event as it arrives, not at the end', async () => {
    const slowFake = await startFakeOpenAI({ chunkDelayMs: 150 })
    const g = await startTestGateway({
      providers: { slow: { kind: 'openai-compatible', baseUrl: slowFake.url } },
    })
    try {
      const res = await g.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'slow/echo',
          stream: true,
          messages: [{ role: 'user', content: 'a b c d e f' }],
        }),
      })
      const reader = res.body!.getReader()
      const t0 = performance.now()
      const first = await reader.read()
      const firstAt = performance.now() - t0
      expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk')
      // The whole answer takes ~8 x 150 ms; the first event must not wait for it.
      expect(firstAt).toBeLessThan(600)
      await reader.cancel()
    } finally {
      await g.stop()
      await slowFake.close()
    }
  })
})

describe('errors', () => {
  it('keeps an upstream 429 status and passes retry-after on', async () => {
    const err = (await client.chat.completions
      .create({ model: 'fake/fail-429', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>
    expect(err).toBeInstanceOf(OpenAI.APIError)
    expect(err.status).toBe(429)
    expect(err.headers?.get('retry-after')).toBe('7')
    expect(err.message).toContain('Rate limit reached')
  })

  it.each([
    [500, 'The server had an error'],
    [401, 'Incorrect API key'],
    [404, 'does not exist'],
  ])('keeps an upstream %i before the first byte, for streams too', async (status, text) => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: `fake/fail-${status}`,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    })
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { message: string; provider: string } }
    expect(body.error.message).toContain(text)
    expect(body.error.provider).toBe('fake')
  })

  it('says which provider is unknown (404) and which model id is malformed (400)', async () => {
    const unknown = (await client.chat.completions
      .create({ model: 'nope/x', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>
    expect(unknown.status).toBe(404)
    expect(unknown.message).toContain("Unknown provider 'nope'")
    const malformed = (await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>
    expect(malformed.status).toBe(400)
    expect(malformed.message).toContain('provider/model')
  })

  it('refuses a provider with no key with 401 and says how to add one', async () => {
    const err = (await client.chat.completions
      .create({ model: 'nokey/gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>
    expect(err.status).toBe(401)
    expect(err.message).toContain("No API key for provider 'nokey'")
    expect(err.code).toBe('missing_api_key')
  })

  it('never echoes a provider key, even when the upstream error quotes it', async () => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'bad/echo', messages: [{ role: 'user', content: 'x' }] }),
    })
    expect(res.status).toBe(401)
    const text = await res.text()
    expect(text).not.toContain('sk-invalid-fake-key-0000000000000000')
    expect(gw.logs.join('\n')).not.toContain('sk-invalid-fake-key')
    expect(gw.logs.join('\n')).not.toContain(FAKE_KEY)
  })

  it('gives a 502 that names the provider when it cannot be reached', async () => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'down/x', messages: [{ role: 'user', content: 'x' }] }),
    })
    expect(res.status).toBe(502)
    const body = (await res.json()) as { error: { code: string; provider: string } }
    expect(body.error.code).toBe('upstream_unreachable')
    // Two custom providers share one label: the error names which one failed.
    expect(body.error.provider).toBe('down')
  })

  it('cuts an upstream that never answers after the first-byte timeout (504)', async () => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'fake/hang', messages: [{ role: 'user', content: 'x' }] }),
    })
    expect(res.status).toBe(504)
    const error = ((await res.json()) as { error: { type: string; provider: string } }).error
    expect(error.type).toBe('timeout_error')
    expect(error.provider).toBe('fake')
    // The same for a stream whose provider is slow to send its first byte (2 s here, 0.5 s allowed).
    const slow = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({
        model: 'fake/slow-first-byte',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    })
    expect(slow.status).toBe(504)
    expect(((await slow.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout')
  })

  it('cuts a stream whose provider goes silent midway after the idle timeout, with an error event', async () => {
    const res = await gw.fetch('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({
        model: 'fake/stall-mid-stream',
        stream: true,
        messages: [{ role: 'user', content: 'hello there' }],
      }),
    })
    expect(res.status).toBe(200)
    const events = await sseData(res)
    expect(events).not.toContain('[DONE]')
    expect(JSON.parse(events[1]!)).toMatchObject({ choices: [{ delta: { content: 'You ' } }] })
    const error = (JSON.parse(events[events.length - 1]!) as { error: Record<string, unknown> }).error
    expect(error).toMatchObject({ type: 'timeout_error', code: 'upstream_timeout', provider: 'fake' })
    expect(String(error.message)).toContain('went silent')
  })

  it('closes a stream whose client stopped reading for the idle timeout, and the provider request with it', async () => {
    // A provider streaming a long answer at a steady pace (8 s), and a client that sends its request and
    // then reads nothing, its connection left open (a hung process).
    const paced = await startFakeOpenAI({ tokensPerSecond: 50_000 })
    const own = await startTestGateway({
      providers: { paced: { kind: 'openai-compatible', baseUrl: paced.url, apiKey: FAKE_KEY } },
      server: { timeouts: { idleMs: 1000 } },
    })
    const words = Array.from({ length: 400_000 }, (_, i) => `w${i}`).join(' ')
    const body = JSON.stringify({
      model: 'paced/echo',
      stream: true,
      messages: [{ role: 'user', content: words }],
    })
    const port = Number(new URL(own.url).port)
    const socket = connect(port, '127.0.0.1')
    try {
      socket.pause()
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${own.token}\r\n` +
          `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
      // Once its socket is full and a second has passed with nothing read, the stream is closed, and the
      // provider's request with it, before the provider finished its answer.
      await vi.waitFor(() => expect(own.logs.join('\n')).toContain('client stopped reading'), {
        timeout: 7000,
      })
      await vi.waitFor(() => expect(paced.aborted).toBe(1))
      // Reading again, the client finds the answer cut short (no [DONE]) and its connection closed.
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (d: string) => (text += d))
      const closed = new Promise((resolve) => socket.once('close', resolve))
      socket.resume()
      await closed
      expect(text).toContain('data: {')
      expect(text).not.toContain('[DONE]')
    } finally {
      socket.destroy()
      await own.stop()
      await paced.close()
    }
  }, 15_000)

  it.each(['reset-mid-stream', 'garbage-mid-stream', 'end-early', 'error-event'])(
    'ends a stream whose upstream breaks (%s) with an error event and no [DONE]',
    async (model) => {
      const res = await gw.fetch('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({
          model: `fake/${model}`,
          stream: true,
          messages: [{ role: 'user', content: 'hello there' }],
        }),
      })
      expect(res.status).toBe(200)
      const events = await sseData(res)
      expect(events).not.toContain('[DONE]')
      const lastEvent = JSON.parse(events[events.length - 1]!) as {
        error?: { message: string; provider?: string }
      }
      expect(lastEvent.error?.message).toBeTruthy()
      expect(lastEvent.error?.provider).toBe('fake')
      // The SDK sees it as a failure, not a clean end.
      const stream = await client.chat.completions.create({
        model: `fake/${model}`,
        stream: true,
        messages: [{ role: 'user', content: 'hello there' }],
      })
      await expect(async () => {
        for await (const _ of stream) {
          // drain
        }
      }).rejects.toThrow()
    },
  )

  it('aborts the upstream request at once when the client goes away', async () => {
    const slowFake = await startFakeOpenAI({ chunkDelayMs: 100 })
    const g = await startTestGateway({
      providers: { slow: { kind: 'openai-compatible', baseUrl: slowFake.url } },
    })
    try {
      const ac = new AbortController()
      const stream = await g.client().chat.completions.create(
        {
          model: 'slow/echo',
          stream: true,
          messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
        },
        { signal: ac.signal },
      )
      for await (const _ of stream) {
        ac.abort()
        break
      }
      await expect.poll(() => slowFake.aborted, { timeout: 2000 }).toBe(1)
    } finally {
      await g.stop()
      await slowFake.close()
    }
  })

  it('aborts the upstream request when the client goes away before the provider answers', async () => {
    const slowFake = await startFakeOpenAI({ slowMs: 3000 })
    const g = await startTestGateway({
      providers: { slow: { kind: 'openai-compatible', baseUrl: slowFake.url } },
    })
    try {
      const ac = new AbortController()
      const pending = g
        .client()
        .chat.completions.create(
          { model: 'slow/slow-first-byte', messages: [{ role: 'user', content: 'hi' }] },
          { signal: ac.signal, maxRetries: 0 },
        )
      await expect.poll(() => slowFake.received.length, { timeout: 2000 }).toBe(1)
      ac.abort()
      await expect(pending).rejects.toThrow()
      // Long before the provider's 3 s: the gateway closed the upstream request as the client left.
      await expect.poll(() => slowFake.aborted, { timeout: 1000 }).toBe(1)
      await expect.poll(() => g.router.stats.inFlight, { timeout: 1000 }).toBe(0)
    } finally {
      await g.stop()
      await slowFake.close()
    }
  })
})

describe('models and embeddings', () => {
  it('retrieves one model by its provider/model id (the SDK models.retrieve), 404 for one not listed', async () => {
    const one = await client.models.retrieve('fake/gpt-4o-mini')
    expect(one).toMatchObject({ id: 'fake/gpt-4o-mini', object: 'model' })
    const listed = (await gw.fetch('/v1/models').then((r) => r.json())) as { data: Array<{ id: string }> }
    expect(listed.data.find((m) => m.id === 'fake/gpt-4o-mini')).toEqual(one)
    for (const id of ['fake/no-such-model', 'nope/gpt-4o-mini', 'no-slash']) {
      const err = await client.models.retrieve(id).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(OpenAI.NotFoundError)
      expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found')
    }
    // A provider whose list fails says why, with its status (no key: 401), instead of a 404.
    const res = await gw.fetch('/v1/models/nokey/gpt-4o-mini')
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('missing_api_key')
  })

  it('lists every provider models as provider/model, with a per-provider error entry for one that fails', async () => {
    const list = await gw.fetch('/v1/models').then(
      (r) =>
        r.json() as Promise<{
          data: Array<{ id: string; context_length?: number; pricing?: unknown }>
          errors?: Array<{ provider: string }>
        }>,
    )
    const ids = list.data.map((m) => m.id)
    expect(ids).toContain('fake/gpt-4o-mini')
    expect(ids).toContain('groq/echo')
    expect(list.errors?.map((e) => e.provider).sort()).toEqual(['bad', 'down', 'nokey'])
    // Through the SDK too (it ignores the extra fields).
    const page = await client.models.list()
    expect(page.data.length).toBe(list.data.length)
  })

  it('adds known facts (context length, price, modalities) as data', async () => {
    const g = await startTestGateway({ providers: { openai: { baseUrl: fake.url, apiKey: FAKE_KEY } } })
    try {
      const list = (await g.fetch('/v1/models').then((r) => r.json())) as {
        data: Array<{
          id: string
          context_length?: number
          pricing?: Record<string, string>
          architecture?: { input_modalities: string[] }
        }>
      }
      const mini = list.data.find((m) => m.id === 'openai/gpt-4o-mini')!
      expect(mini.context_length).toBe(128000)
      // OpenAI charges cached input at a lower price and nothing extra for writing the cache.
      expect(mini.pricing).toEqual({
        prompt: '0.00000015',
        completion: '0.0000006',
        input_cache_read: '0.000000075',
      })
      expect(mini.architecture?.input_modalities).toContain('image')
    } finally {
      await g.stop()
    }
  })

  it('passes embeddings through', async () => {
    const res = await client.embeddings.create({ model: 'fake/text-embedding-3-small', input: ['a', 'b'] })
    expect(res.data).toHaveLength(2)
    expect(last().body).toMatchObject({ model: 'text-embedding-3-small', input: ['a', 'b'] })
  })
})
