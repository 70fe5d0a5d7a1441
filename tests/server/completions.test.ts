/**
 * `POST /v1/completions` (OpenAI's legacy text completions, fill-in-the-middle with `suffix`) over real
 * HTTP on loopback, through the official openai SDK: pass-through, streaming guarantees, providers
 * without the endpoint, warnings, and redaction that fails closed.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../electron/config/store'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'
import { sseData, startTestGateway, type TestGateway } from '../helpers/gateway'

const FAKE_KEY = 'sk-fake-upstream-key-abcdefghijklmnop'
const EMAIL = 'maria.rossi@example.com'
const json = { 'content-type': 'application/json' }

let fake: FakeOpenAI
let origin: string
let gw: TestGateway
let client: OpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI({ slowMs: 2000 })
  origin = new URL(fake.url).origin
  gw = await startTestGateway({
    providers: {
      fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: FAKE_KEY },
      cerebras: { baseUrl: fake.url, apiKey: FAKE_KEY },
      deepseek: { baseUrl: origin, apiKey: FAKE_KEY },
      azure: { baseUrl: origin, apiKey: FAKE_KEY, models: ['my-instruct'] },
      groq: { baseUrl: fake.url, apiKey: FAKE_KEY },
      mistral: { baseUrl: fake.url, apiKey: FAKE_KEY },
      perplexity: { baseUrl: fake.url, apiKey: FAKE_KEY },
      anthropic: { baseUrl: origin, apiKey: FAKE_KEY },
      gemini: { baseUrl: fake.url, apiKey: FAKE_KEY },
    },
    server: { timeouts: { firstByteMs: 500, idleMs: 1000, connectMs: 1000 } },
  })
  client = gw.client()
})

afterAll(async () => {
  await gw?.stop()
  await fake?.close()
})

const last = () => fake.received.at(-1)!

function post(body: unknown, headers: Record<string, string> = {}) {
  return gw.fetch('/v1/completions', {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  })
}

describe('POST /v1/completions through the official openai SDK', () => {
  it('passes a fill-in-the-middle request through untouched except the model id, and the answer back', async () => {
    const sent = {
      model: 'fake/echo',
      prompt: 'def fib(a):',
      suffix: '    return fib(a-1) + fib(a-2)',
      max_tokens: 64,
      stop: ['\n\n'],
      temperature: 0.2,
      echo: false,
      logprobs: 2,
      n: 1,
      vendor_extra: { keep: ['me'] },
    }
    const res = await client.completions.create(sent as OpenAI.CompletionCreateParamsNonStreaming)
    expect(res.object).toBe('text_completion')
    expect(res.choices[0]!.text).toBe('[between def fib(a): and     return fib(a-1) + fib(a-2)]')
    expect(res.choices[0]!.finish_reason).toBe('stop')
    expect(res.usage?.total_tokens).toBe(9)
    expect(last().url).toBe('/v1/completions')
    expect(last().body).toEqual({ ...sent, model: 'echo' })
    expect(last().headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
  })

  it('answers one choice per prompt, echoes the prompt when asked, and says which provider answered', async () => {
    const res = await post({ model: 'fake/echo', prompt: ['one', 'two'], echo: true })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-localrouter-provider')).toBe('fake')
    expect(res.headers.get('x-localrouter-warnings')).toBeNull()
    const body = (await res.json()) as { choices: Array<{ index: number; text: string }> }
    expect(body.choices.map((c) => c.text)).toEqual(['oneYou said: one', 'twoYou said: two'])
  })

  it('streams each event as it comes, untouched, with usage when asked, ending with [DONE]', async () => {
    const stream = await client.completions.create({
      model: 'fake/echo',
      prompt: 'the quick brown fox',
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let finish: string | null = null
    let usage: OpenAI.CompletionUsage | undefined
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        text += c.text
        finish = c.finish_reason ?? finish
      }
      if (chunk.usage) usage = chunk.usage
    }
    expect(text).toBe('You said: the quick brown fox')
    expect(finish).toBe('stop')
    expect(usage?.total_tokens).toBe(9)
    expect(last().body).toMatchObject({
      model: 'echo',
      stream: true,
      stream_options: { include_usage: true },
    })

    const res = await post({ model: 'fake/echo', prompt: 'a b', stream: true })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const events = await sseData(res)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { object: string; choices: unknown[] })
    expect(chunks.map((c) => c.object)).toEqual(chunks.map(() => 'text_completion'))
    // Byte for byte what the provider sent (no re-serialisation).
    expect(events[0]).toBe(
      '{"id":"cmpl-fake123","object":"text_completion","created":1700000000,"model":"echo","choices":[{"text":"You ","index":0,"logprobs":null,"finish_reason":null}]}',
    )
  })

  it('keeps the upstream status and retry-after of a failure before the first byte', async () => {
    const err = await client.completions.create({ model: 'fake/fail-429', prompt: 'x' }).catch((e) => e)
    expect(err).toBeInstanceOf(OpenAI.RateLimitError)
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429)
    expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7')
    const res = await post({ model: 'fake/fail-500', prompt: 'x', stream: true })
    expect(res.status).toBe(500)
  })

  it.each(['garbage-mid-stream', 'reset-mid-stream', 'end-early', 'error-event'])(
    'ends a stream whose provider fails midway (%s) with an error event and no [DONE]',
    async (model) => {
      const res = await post({ model: `fake/${model}`, prompt: 'hello there', stream: true })
      expect(res.status).toBe(200)
      const events = await sseData(res)
      expect(events).not.toContain('[DONE]')
      const lastEvent = JSON.parse(events.at(-1)!) as { error?: { message: string; code: string } }
      expect(lastEvent.error?.message).toBeTruthy()
      expect(lastEvent.error?.code).toBeTruthy()
      // The events before the failure went out as they came.
      expect((JSON.parse(events[0]!) as { choices: Array<{ text: string }> }).choices[0]!.text).toBe('You ')

      const stream = await client.completions.create({ model: `fake/${model}`, prompt: 'x', stream: true })
      await expect(async () => {
        for await (const _ of stream) {
          // drain
        }
      }).rejects.toThrow()
    },
  )

  it('cuts a provider that never answers (504) and one that stalls mid-stream (error event)', async () => {
    const hang = await post({ model: 'fake/hang', prompt: 'x' })
    expect(hang.status).toBe(504)
    expect(((await hang.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout')
    const stall = await post({ model: 'fake/stall-mid-stream', prompt: 'x y', stream: true })
    expect(stall.status).toBe(200)
    const events = await sseData(stall)
    expect(events).not.toContain('[DONE]')
    expect(JSON.parse(events.at(-1)!)).toHaveProperty('error')
  })

  it('aborts the upstream request at once when the client goes away mid-stream', async () => {
    const slowFake = await startFakeOpenAI({ chunkDelayMs: 100 })
    const g = await startTestGateway({
      providers: { slow: { kind: 'openai-compatible', baseUrl: slowFake.url } },
    })
    try {
      const ac = new AbortController()
      const stream = await g
        .client()
        .completions.create(
          { model: 'slow/echo', prompt: 'one two three four five six seven eight nine ten', stream: true },
          { signal: ac.signal },
        )
      for await (const _ of stream) {
        ac.abort()
        break
      }
      await expect.poll(() => slowFake.aborted, { timeout: 2000 }).toBe(1)
      await expect.poll(() => g.router.stats.inFlight, { timeout: 1000 }).toBe(0)
    } finally {
      await g.stop()
      await slowFake.close()
    }
  })
})

describe('which providers have text completions', () => {
  it.each(['groq', 'mistral', 'perplexity', 'anthropic', 'gemini'])(
    'refuses %s with 400 completions_not_supported without calling it',
    async (provider) => {
      const before = fake.received.length
      const res = await post({ model: `${provider}/some-model`, prompt: 'x' })
      expect(res.status).toBe(400)
      const error = ((await res.json()) as { error: { code: string; param: string; provider: string } }).error
      expect(error).toMatchObject({ code: 'completions_not_supported', param: 'model', provider })
      expect(fake.received.length).toBe(before)
    },
  )

  it("calls DeepSeek's beta path and Azure's deployment URL", async () => {
    const ds = await client.completions.create({ model: 'deepseek/deepseek-chat', prompt: 'a', suffix: 'b' })
    expect(ds.choices[0]!.text).toBe('[between a and b]')
    expect(last().url).toBe('/beta/completions')
    const az = await client.completions.create({ model: 'azure/my-instruct', prompt: 'hi' })
    expect(az.choices[0]!.text).toBe('You said: hi')
    expect(last().url).toBe('/openai/deployments/my-instruct/completions?api-version=2024-10-21')
    expect(last().headers['api-key']).toBe(FAKE_KEY)
  })

  it("drops the preset's unsupported parameters and says so in x-localrouter-warnings", async () => {
    const res = await post({ model: 'cerebras/llama3.1-8b', prompt: 'x', frequency_penalty: 0.5, top_p: 0.9 })
    expect(res.status).toBe(200)
    const warnings = JSON.parse(res.headers.get('x-localrouter-warnings')!) as Array<{ param: string }>
    expect(warnings.map((w) => w.param)).toEqual(['frequency_penalty'])
    expect(last().body).toEqual({ model: 'llama3.1-8b', prompt: 'x', top_p: 0.9 })
  })

  it('answers bad requests with OpenAI-shaped errors (400 without prompt, 405 for GET)', async () => {
    const before = fake.received.length
    const missing = await post({ model: 'fake/echo' })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe('prompt')
    const notObject = await post(['x'])
    expect(notObject.status).toBe(400)
    const get = await gw.fetch('/v1/completions')
    expect(get.status).toBe(405)
    const unknown = await post({ model: 'nope/x', prompt: 'x' })
    expect(unknown.status).toBe(404)
    expect(fake.received.length).toBe(before)
  })
})

describe('redaction on /v1/completions', () => {
  async function withRedaction(redaction: Record<string, unknown>, run: (g: TestGateway) => Promise<void>) {
    const g = await startTestGateway(
      {},
      {
        config: parseConfig(
          {
            server: { port: 0, token: 'lr-test-token-0123456789abcdef' },
            providers: { fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: FAKE_KEY } },
            redaction,
          },
          'test config',
        ),
      },
    )
    try {
      await run(g)
    } finally {
      await g.stop()
    }
  }

  it('mask: prompt and suffix are redacted before they leave, and the answer is restored (whole and streamed)', async () => {
    await withRedaction({ mode: 'mask' }, async (g) => {
      const c = g.client()
      const res = await c.completions.create({
        model: 'fake/echo',
        prompt: `# mail ${EMAIL}\ndef send():`,
        suffix: `    return "${EMAIL}"`,
      })
      const sent = last().body as { prompt: string; suffix: string }
      expect(JSON.stringify(sent)).not.toContain(EMAIL)
      expect(sent.prompt).toBe('# mail <EMAIL_1>\ndef send():')
      // One vault for prompt and suffix: the same value has the same placeholder.
      expect(sent.suffix).toBe('    return "<EMAIL_1>"')
      expect(res.choices[0]!.text).toBe(`[between # mail ${EMAIL}\ndef send(): and     return "${EMAIL}"]`)

      const stream = await c.completions.create({
        model: 'fake/echo',
        prompt: `write to ${EMAIL} now`,
        stream: true,
      })
      let text = ''
      for await (const chunk of stream) for (const ch of chunk.choices) text += ch.text
      expect(JSON.stringify(last().body)).not.toContain(EMAIL)
      expect(text).toBe(`You said: write to ${EMAIL} now`)

      const raw = await g.fetch('/v1/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model: 'fake/echo', prompt: [`a ${EMAIL}`, 'plain'], logprobs: 1 }),
      })
      expect(raw.headers.get('x-localrouter-redacted')).toBe('EMAIL=1')
      const warnings = JSON.parse(raw.headers.get('x-localrouter-warnings')!) as Array<{ code: string }>
      expect(warnings.map((w) => w.code)).toEqual(['redaction_logprobs'])
      expect((last().body as { prompt: string[] }).prompt).toEqual(['a <EMAIL_1>', 'plain'])
      const body = (await raw.json()) as { choices: Array<{ text: string }> }
      expect(body.choices.map((ch) => ch.text)).toEqual([`You said: a ${EMAIL}`, 'You said: plain'])
    })
  })

  it('fails closed: token-id prompts cannot be inspected and block mode refuses, nothing is sent', async () => {
    await withRedaction({ mode: 'mask' }, async (g) => {
      const before = fake.received.length
      for (const prompt of [
        [1, 2, 3],
        [[1, 2], [3]],
        ['text', 4],
      ]) {
        const res = await g.fetch('/v1/completions', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ model: 'fake/echo', prompt }),
        })
        expect(res.status).toBe(400)
        const error = ((await res.json()) as { error: { type: string; code: string } }).error
        expect(error).toMatchObject({ type: 'redaction_error', code: 'redaction_unsupported_prompt' })
      }
      expect(fake.received.length).toBe(before)
      // Redaction off for this request (the header): token ids go through as they are.
      const off = await g.fetch('/v1/completions', {
        method: 'POST',
        headers: { ...json, 'x-localrouter-redact': 'off' },
        body: JSON.stringify({ model: 'fake/echo', prompt: [1, 2, 3] }),
      })
      expect(off.status).toBe(200)
      expect((last().body as { prompt: number[] }).prompt).toEqual([1, 2, 3])
    })
    await withRedaction({ mode: 'block' }, async (g) => {
      const before = fake.received.length
      const res = await g.fetch('/v1/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model: 'fake/echo', prompt: 'x', suffix: `to ${EMAIL}` }),
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('sensitive_data_blocked')
      expect(fake.received.length).toBe(before)
    })
  })
})
