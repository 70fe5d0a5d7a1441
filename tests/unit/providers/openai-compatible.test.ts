import { describe, expect, it } from 'vitest'
import {
  endpointUrl,
  openaiCompatibleAdapter as adapter,
  parseOpenAIModels,
} from '../../../electron/providers/openai-compatible'
import { PRESETS } from '../../../electron/providers/presets'
import type { ResolvedProvider, StreamOut } from '../../../electron/providers/types'

function provider(kind: string, extra: Partial<ResolvedProvider> = {}): ResolvedProvider {
  const preset = PRESETS.get(kind)!
  return {
    id: kind,
    preset,
    baseUrl: preset.baseUrl || 'https://res.openai.azure.com',
    apiKey: 'sk-test',
    headers: {},
    apiVersion: undefined,
    models: undefined,
    ...extra,
  }
}

describe('OpenAI-compatible adapter', () => {
  it('builds Azure deployment URLs with api-version and the api-key header', () => {
    const p = provider('azure', { apiVersion: '2025-01-01-preview' })
    const req = adapter.chatRequest(
      { provider: p, model: 'my-gpt4o', requestedModel: 'azure/my-gpt4o' },
      { model: 'azure/my-gpt4o', messages: [{ role: 'user', content: 'x' }] },
    )
    expect(req.url).toBe(
      'https://res.openai.azure.com/openai/deployments/my-gpt4o/chat/completions?api-version=2025-01-01-preview',
    )
    expect(req.headers['api-key']).toBe('sk-test')
    expect(req.headers.authorization).toBeUndefined()
    expect(endpointUrl(provider('azure'), 'embeddings', 'emb')).toContain('api-version=2024-10-21')
  })

  it('sends a bearer key, the configured headers, and nothing for keyless local servers', () => {
    const withHeaders = adapter.chatRequest(
      {
        provider: provider('openrouter', { headers: { 'HTTP-Referer': 'https://localrouter.app' } }),
        model: 'anthropic/claude-3.5-sonnet',
        requestedModel: 'openrouter/anthropic/claude-3.5-sonnet',
      },
      { model: 'openrouter/anthropic/claude-3.5-sonnet', messages: [{ role: 'user', content: 'x' }] },
    )
    expect(withHeaders.url).toBe('https://openrouter.ai/api/v1/chat/completions')
    expect(withHeaders.headers.authorization).toBe('Bearer sk-test')
    expect(withHeaders.headers['HTTP-Referer']).toBe('https://localrouter.app')
    expect(JSON.parse(withHeaders.body!).model).toBe('anthropic/claude-3.5-sonnet')
    const local = adapter.chatRequest(
      {
        provider: provider('ollama', { apiKey: undefined }),
        model: 'llama3.2',
        requestedModel: 'ollama/llama3.2',
      },
      { model: 'ollama/llama3.2', messages: [] },
    )
    expect(local.url).toBe('http://127.0.0.1:11434/v1/chat/completions')
    expect(local.headers.authorization).toBeUndefined()
  })

  it('removes what a preset marks unsupported and says so', () => {
    const req = adapter.chatRequest(
      { provider: provider('cerebras'), model: 'llama-3.3-70b', requestedModel: 'cerebras/llama-3.3-70b' },
      { model: 'cerebras/llama-3.3-70b', messages: [], presence_penalty: 0.5, temperature: 0.2 },
    )
    expect(JSON.parse(req.body!)).toEqual({ model: 'llama-3.3-70b', messages: [], temperature: 0.2 })
    expect(req.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported_param', param: 'presence_penalty' }),
    ])
  })

  it('reads model lists in the shapes providers really send', () => {
    expect(
      parseOpenAIModels({
        object: 'list',
        data: [{ id: 'llama-3.3-70b-versatile', context_window: 131072, owned_by: 'Meta' }],
      }),
    ).toEqual([{ id: 'llama-3.3-70b-versatile', context_length: 131072, owned_by: 'Meta' }])
    // Together answers with a bare array.
    expect(
      parseOpenAIModels([
        {
          id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
          display_name: 'Llama 3.3 70B',
          context_length: 131072,
        },
      ])[0],
    ).toMatchObject({ name: 'Llama 3.3 70B' })
    // OpenRouter: architecture modalities.
    expect(
      parseOpenAIModels({
        data: [
          { id: 'x/y', architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] } },
        ],
      })[0]!.input_modalities,
    ).toEqual(['text', 'image'])
    expect(() => parseOpenAIModels({ nope: true })).toThrow(/unknown shape/)
  })

  it('passes stream events through verbatim and knows a complete stream from a cut one', () => {
    const t = adapter.streamTranslator(
      { provider: provider('openai'), model: 'm', requestedModel: 'openai/m' },
      { model: 'openai/m', messages: [] },
    )
    const raw =
      '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}'
    const out = t.push({ data: raw })
    expect(out).toEqual([{ kind: 'chunk', chunk: JSON.parse(raw), raw }])
    expect(t.end()[0]!.kind).toBe('error')
    const t2 = adapter.streamTranslator(
      { provider: provider('openai'), model: 'm', requestedModel: 'openai/m' },
      { model: 'openai/m', messages: [] },
    )
    t2.push({ data: raw.replace('"finish_reason":null', '"finish_reason":"stop"') })
    // Some servers close without [DONE] after the final chunk: still complete.
    expect(t2.end()).toEqual([{ kind: 'done' }])
    const t3 = adapter.streamTranslator(
      { provider: provider('openai'), model: 'm', requestedModel: 'openai/m' },
      { model: 'openai/m', messages: [] },
    )
    expect(t3.push({ data: '[DONE]' })).toEqual([{ kind: 'done' }])
    const bad = adapter
      .streamTranslator(
        { provider: provider('openai'), model: 'm', requestedModel: 'openai/m' },
        { model: 'openai/m', messages: [] },
      )
      .push({ data: 'not json' })
    expect((bad[0] as Extract<StreamOut, { kind: 'error' }>).error.status).toBe(502)
  })

  it("skips a provider's own named events (a keep-alive ping) instead of passing them on as chunks", () => {
    const t = adapter.streamTranslator(
      { provider: provider('openai'), model: 'm', requestedModel: 'openai/m' },
      { model: 'openai/m', messages: [] },
    )
    expect(t.push({ event: 'ping', data: '{}' })).toEqual([])
    expect(t.push({ event: 'ping', data: 'not json either' })).toEqual([])
    const raw = '{"id":"c","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}'
    expect(t.push({ event: 'message', data: raw })).toEqual([{ kind: 'chunk', chunk: JSON.parse(raw), raw }])
    expect(t.push({ data: raw })).toEqual([{ kind: 'chunk', chunk: JSON.parse(raw), raw }])
    const failed = t.push({ event: 'error', data: '{"error":{"message":"overloaded"}}' })
    expect((failed[0] as Extract<StreamOut, { kind: 'error' }>).error.message).toContain('overloaded')
  })

  it('keeps the upstream status and message in errors, with retry-after, never the key', () => {
    const e = adapter.mapError(
      provider('openai', { apiKey: 'sk-secret-key-123456' }),
      429,
      '{"error":{"message":"Slow down, sk-secret-key-123456","type":"rate_limit_error","code":"rate_limit_exceeded"}}',
      { 'retry-after': '12' },
    )
    expect(e.status).toBe(429)
    expect(e.message).toBe('Slow down, [redacted key]')
    expect(e.code).toBe('rate_limit_exceeded')
    expect(e.headers['retry-after']).toBe('12')
    expect(adapter.mapError(provider('openai'), 503, 'upstream connect error', {}).message).toBe(
      'upstream connect error',
    )
    expect(adapter.mapError(provider('openai'), 500, '', {}).message).toContain('HTTP 500')
  })
})

describe('text completions (POST /v1/completions)', () => {
  it("builds each provider's completions URL: plain, Azure deployment, DeepSeek's beta path (not doubled)", () => {
    expect(endpointUrl(provider('openai'), 'completions', 'gpt-3.5-turbo-instruct')).toBe(
      'https://api.openai.com/v1/completions',
    )
    expect(endpointUrl(provider('azure'), 'completions', 'my-instruct')).toBe(
      'https://res.openai.azure.com/openai/deployments/my-instruct/completions?api-version=2024-10-21',
    )
    expect(endpointUrl(provider('deepseek'), 'completions', 'deepseek-chat')).toBe(
      'https://api.deepseek.com/beta/completions',
    )
    expect(
      endpointUrl(provider('deepseek', { baseUrl: 'https://api.deepseek.com/beta/' }), 'completions', 'x'),
    ).toBe('https://api.deepseek.com/beta/completions')
    // Chat stays at the root.
    expect(endpointUrl(provider('deepseek'), 'chat/completions')).toBe(
      'https://api.deepseek.com/chat/completions',
    )
  })

  it('passes the body through except the model id, with the preset rules and a stream accept header', () => {
    const p = provider('cerebras')
    const req = adapter.completionsRequest!(
      { provider: p, model: 'llama3.1-8b', requestedModel: 'cerebras/llama3.1-8b' },
      {
        model: 'cerebras/llama3.1-8b',
        prompt: 'x',
        suffix: 'y',
        presence_penalty: 1,
        stream: true,
        extra: [1],
      },
    )
    expect(JSON.parse(req.body!)).toEqual({
      model: 'llama3.1-8b',
      prompt: 'x',
      suffix: 'y',
      stream: true,
      extra: [1],
    })
    expect(req.warnings.map((w) => w.param)).toEqual(['presence_penalty'])
    expect(req.headers.accept).toBe('text/event-stream')
  })
})
