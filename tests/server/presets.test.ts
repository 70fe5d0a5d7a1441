/** Presets over real HTTP: Azure's deployment URLs and header, keys only headless, model-list caching. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'
import { sseData, startTestGateway } from '../helpers/gateway'

const AZURE_KEY = 'azure-fake-key-0123456789abcdef'
let fake: FakeOpenAI
/** The fake's origin: Azure's base URL is the resource, without /v1. */
let origin: string

beforeAll(async () => {
  fake = await startFakeOpenAI()
  origin = new URL(fake.url).origin
})
afterAll(async () => {
  await fake?.close()
})

const json = { 'content-type': 'application/json' }

describe('Azure OpenAI', () => {
  it('calls the deployment URL with api-version and the api-key header, streamed or not, and lists the configured deployments', async () => {
    const gw = await startTestGateway({
      providers: { azure: { baseUrl: origin, apiKey: AZURE_KEY, models: ['my-gpt4o', 'my-embed'] } },
    })
    try {
      const before = fake.received.length
      const plain = await gw.client().chat.completions.create({
        model: 'azure/my-gpt4o',
        messages: [{ role: 'user', content: 'hi azure' }],
      })
      expect(plain.choices[0]!.message.content).toBe('You said: hi azure')
      const sent = fake.received.at(-1)!
      expect(sent.method).toBe('POST')
      expect(sent.url).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21')
      expect(sent.headers['api-key']).toBe(AZURE_KEY)
      expect(sent.headers.authorization).toBeUndefined()

      const res = await gw.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          model: 'azure/my-gpt4o',
          stream: true,
          messages: [{ role: 'user', content: 'a b' }],
        }),
      })
      expect(res.headers.get('x-localrouter-provider')).toBe('azure')
      expect((await sseData(res)).at(-1)).toBe('[DONE]')
      expect(fake.received.at(-1)!.headers['api-key']).toBe(AZURE_KEY)

      const emb = await gw.client().embeddings.create({ model: 'azure/my-embed', input: 'x' })
      expect(emb.data).toHaveLength(1)
      expect(fake.received.at(-1)!.url).toBe('/openai/deployments/my-embed/embeddings?api-version=2024-10-21')

      // Deployments are the user's own names: listed from the config, not asked of Azure.
      const models = (await gw.fetch('/v1/models').then((r) => r.json())) as { data: Array<{ id: string }> }
      expect(models.data.map((m) => m.id)).toEqual(['azure/my-gpt4o', 'azure/my-embed'])
      expect(fake.received.slice(before).filter((r) => r.method === 'GET')).toEqual([])
    } finally {
      await gw.stop()
    }
  })

  it('sends the configured apiVersion', async () => {
    const gw = await startTestGateway({
      providers: {
        az: { kind: 'azure', baseUrl: origin, apiKey: AZURE_KEY, apiVersion: '2025-04-01-preview' },
      },
    })
    try {
      await gw
        .client()
        .chat.completions.create({ model: 'az/dep', messages: [{ role: 'user', content: 'x' }] })
      expect(fake.received.at(-1)!.url).toBe(
        '/openai/deployments/dep/chat/completions?api-version=2025-04-01-preview',
      )
    } finally {
      await gw.stop()
    }
  })

  it('accepts the endpoint as the Azure portal shows it (ending in /openai, or with a slash)', async () => {
    for (const baseUrl of [`${origin}/openai`, `${origin}/openai/`, `${origin}/`]) {
      const gw = await startTestGateway({
        providers: { az: { kind: 'azure', baseUrl, apiKey: AZURE_KEY, apiVersion: '2024-10-21' } },
      })
      try {
        await gw
          .client()
          .chat.completions.create({ model: 'az/dep', messages: [{ role: 'user', content: 'x' }] })
        expect(fake.received.at(-1)!.url).toBe(
          '/openai/deployments/dep/chat/completions?api-version=2024-10-21',
        )
      } finally {
        await gw.stop()
      }
    }
  })
})

describe('Mistral', () => {
  it("sends OpenAI's names Mistral refuses (422 extra_forbidden) under its own, or not at all, and says so", async () => {
    const gw = await startTestGateway({
      providers: { mistral: { baseUrl: fake.url, apiKey: 'mistral-key-0000000000' } },
    })
    try {
      const res = await gw.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          model: 'mistral/mistral-small-latest',
          messages: [{ role: 'user', content: 'a b' }],
          stream: true,
          stream_options: { include_usage: true },
          max_completion_tokens: 64,
          seed: 7,
          safe_prompt: true,
        }),
      })
      expect(res.status).toBe(200)
      expect((await sseData(res)).at(-1)).toBe('[DONE]')
      expect(fake.received.at(-1)!.body).toEqual({
        model: 'mistral-small-latest',
        messages: [{ role: 'user', content: 'a b' }],
        stream: true,
        max_tokens: 64,
        random_seed: 7,
        safe_prompt: true,
      })
      const warnings = JSON.parse(res.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
        code: string
        param: string
      }>
      // include_usage: Mistral sends usage on its last chunk anyway: left out without a warning.
      expect(warnings.map((w) => [w.code, w.param])).toEqual([
        ['param_mapped', 'max_completion_tokens'],
        ['param_mapped', 'seed'],
      ])
      // Both names given: Mistral's own wins, the other is left out.
      await gw.client().chat.completions.create({
        model: 'mistral/mistral-small-latest',
        messages: [{ role: 'user', content: 'x' }],
        max_tokens: 10,
        max_completion_tokens: 99,
      })
      expect(fake.received.at(-1)!.body).toMatchObject({ max_tokens: 10 })
      expect(fake.received.at(-1)!.body).not.toHaveProperty('max_completion_tokens')
      // stream_options that asks for something Mistral does not do by default is reported.
      const other = await gw.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          model: 'mistral/mistral-small-latest',
          messages: [{ role: 'user', content: 'x' }],
          stream: true,
          stream_options: { include_usage: false },
        }),
      })
      await other.text()
      expect(fake.received.at(-1)!.body).not.toHaveProperty('stream_options')
      expect(JSON.parse(other.headers.get('x-localrouter-warnings') ?? '[]')).toEqual([
        expect.objectContaining({ code: 'unsupported_param', param: 'stream_options' }),
      ])
    } finally {
      await gw.stop()
    }
  })
})

describe('keys from the config file and the environment', () => {
  it('are read in headless mode only: the desktop app uses the OS keychain alone', async () => {
    const env = { OPENAI_API_KEY: 'sk-from-env-desktop-000000', GROQ_API_KEY: 'gsk-from-env-000000000' }
    const raw = { providers: { openai: { baseUrl: fake.url, apiKey: 'sk-from-config-desktop-0000' } } }
    const desktop = await startTestGateway(raw, { headless: false, env })
    try {
      const res = await desktop.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model: 'openai/echo', messages: [{ role: 'user', content: 'x' }] }),
      })
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('missing_api_key')
      // A provider set only in the environment is not enabled either.
      expect(desktop.router.resolver.ids()).toEqual(['openai'])
    } finally {
      await desktop.stop()
    }
    const headless = await startTestGateway(raw, { headless: true, env })
    try {
      const res = await headless.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model: 'openai/echo', messages: [{ role: 'user', content: 'x' }] }),
      })
      expect(res.status).toBe(200)
      // The config file's key comes before the environment's.
      expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-from-config-desktop-0000')
      expect(headless.router.resolver.ids()).toEqual(['openai', 'groq'])
    } finally {
      await headless.stop()
    }
  })
})

describe('GET /v1/models', () => {
  const listCalls = (key: string) =>
    fake.received.filter((r) => r.method === 'GET' && r.headers.authorization === `Bearer ${key}`).length

  it('caches each provider list for server.modelsCacheSeconds, and never caches a failure', async () => {
    const good = 'sk-cache-test-key-000000000001'
    const bad = 'sk-invalid-fake-key-0000000000000000'
    const gw = await startTestGateway({
      providers: {
        fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: good },
        bad: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: bad },
      },
    })
    const badBefore = listCalls(bad)
    try {
      for (let i = 0; i < 3; i++) {
        const list = (await gw.fetch('/v1/models').then((r) => r.json())) as {
          data: Array<{ id: string }>
          errors?: Array<{ provider: string; error: { code: string } }>
        }
        expect(list.data.map((m) => m.id)).toContain('fake/echo')
        expect(list.errors).toEqual([expect.objectContaining({ provider: 'bad' })])
      }
      expect(listCalls(good)).toBe(1)
      expect(listCalls(bad) - badBefore).toBe(3)
    } finally {
      await gw.stop()
    }
    const uncached = 'sk-cache-test-key-000000000002'
    const g0 = await startTestGateway({
      providers: { fake: { kind: 'openai-compatible', baseUrl: fake.url, apiKey: uncached } },
      server: { modelsCacheSeconds: 0 },
    })
    try {
      await g0.fetch('/v1/models').then((r) => r.text())
      await g0.fetch('/v1/models').then((r) => r.text())
      expect(listCalls(uncached)).toBe(2)
    } finally {
      await g0.stop()
    }
  })
})

describe('POST /v1/embeddings', () => {
  it('refuses a provider without embeddings (400) without calling it', async () => {
    const gw = await startTestGateway({
      providers: { groq: { baseUrl: fake.url, apiKey: 'gsk-x-000000000000' } },
    })
    try {
      const before = fake.received.length
      const res = await gw.fetch('/v1/embeddings', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model: 'groq/nomic-embed', input: 'x' }),
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('embeddings_not_supported')
      expect(fake.received.length).toBe(before)
    } finally {
      await gw.stop()
    }
  })
})
