import { describe, expect, it } from 'vitest'
import { costOf, formatCost, formatPrice, formatTiming } from '../../../renderer/src/lib/format'
import { humanError } from '../../../renderer/src/lib/errors'
import { acceptsImages, groupModels, searchModels } from '../../../renderer/src/store/selectors'
import { notForChat } from '../../../shared/models'
import type { ModelEntry } from '../../../shared/openai'

const model = (id: string, extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id,
  object: 'model',
  created: 0,
  owned_by: 'x',
  ...extra,
})
const models = [
  model('openai/gpt-4o'),
  model('openai/gpt-4o-mini'),
  model('groq/llama-3.3-70b'),
  model('ollama/llama3.2'),
]

describe('groupModels', () => {
  it('puts favourites and recents first, then one group per provider', () => {
    const g = groupModels(models, '', ['groq/llama-3.3-70b'], ['openai/gpt-4o', 'groq/llama-3.3-70b'])
    expect(g.map((x) => x.label)).toEqual(['Favourites', 'Recent', 'Groq', 'Ollama', 'OpenAI'])
    expect(g[1]!.models.map((m) => m.id)).toEqual(['openai/gpt-4o'])
  })
  it('searches ids and provider names with every term', () => {
    expect(groupModels(models, 'llama groq', [], []).flatMap((x) => x.models.map((m) => m.id))).toEqual([
      'groq/llama-3.3-70b',
    ])
    expect(groupModels(models, 'OpenAI mini', [], []).flatMap((x) => x.models.map((m) => m.id))).toEqual([
      'openai/gpt-4o-mini',
    ])
  })
  it('leaves models that cannot chat out unless asked, and counts them for the search', () => {
    const listed = [
      ...models,
      model('openai/text-embedding-3-small'),
      model('openai/whisper-1'),
      model('openai/gpt-4o-mini-tts'),
      model('openai/dall-e-3'),
      model('openai/omni-moderation-latest'),
      model('openai/gpt-4o-realtime-preview'),
      model('openai/davinci-002'),
      model('mistral/mistral-ocr-latest'),
      model('gemini/gemini-embedding-001', {
        architecture: { input_modalities: ['text'], output_modalities: ['embeddings'] },
      }),
    ]
    const ids = (g: ReturnType<typeof groupModels>) => g.flatMap((x) => x.models.map((m) => m.id))
    expect(ids(groupModels(listed, '', [], []))).toEqual(ids(groupModels(models, '', [], [])))
    expect(ids(groupModels(listed, '', [], [], true))).toHaveLength(listed.length)
    const found = searchModels(listed, 'openai')
    expect(found.chat.map((m) => m.id)).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini'])
    expect(found.other).toHaveLength(7)
  })
  it('names what a model is for when it is not chat; chat models and unknown ones are chat', () => {
    const kind = (id: string, extra: Partial<ModelEntry> = {}) => notForChat(model(id, extra))
    expect(kind('openai/text-embedding-3-large')).toBe('embeddings')
    expect(kind('ollama/nomic-embed-text')).toBe('embeddings')
    expect(kind('groq/whisper-large-v3-turbo')).toBe('transcription')
    expect(kind('openai/gpt-4o-transcribe')).toBe('transcription')
    expect(kind('groq/playai-tts')).toBe('speech')
    expect(kind('openai/gpt-image-1')).toBe('images')
    expect(kind('together/black-forest-labs/FLUX.1-schnell')).toBe('images')
    expect(kind('openai/gpt-3.5-turbo-instruct')).toBe('text completions')
    for (const chat of [
      'openai/gpt-4o',
      'openai/gpt-4o-audio-preview',
      'together/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'groq/llama-3.1-8b-instant',
      'anthropic/claude-sonnet-4-5',
      'gemini/gemini-2.5-flash',
      'mistral/mistral-large-latest',
      'deepseek/deepseek-chat',
      'custom/some-new-model',
    ])
      expect(kind(chat), chat).toBeUndefined()
    expect(kind('x/y', { architecture: { input_modalities: ['text'], output_modalities: ['image'] } })).toBe(
      'image',
    )
    expect(
      kind('x/y', { architecture: { input_modalities: ['text'], output_modalities: ['text'] } }),
    ).toBeUndefined()
  })
  it('treats unknown modalities as maybe-vision', () => {
    expect(acceptsImages(undefined)).toBe(true)
    expect(
      acceptsImages(
        model('a/b', { architecture: { input_modalities: ['text'], output_modalities: ['text'] } }),
      ),
    ).toBe(false)
  })
})

describe('format and errors', () => {
  it('prices per million and costs from usage', () => {
    const pricing = { prompt: '0.00000015', completion: '0.0000006' }
    expect(formatPrice(pricing)).toBe('$0.15 / $0.6 per M')
    expect(costOf({ prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 }, pricing)).toBeCloseTo(
      0.00075,
    )
    expect(formatCost(0.00075)).toBe('$0.0008')
  })
  it('counts prompt-cache reads and writes at their own prices, and at the input price where none is known', () => {
    const usage = {
      prompt_tokens: 1130,
      completion_tokens: 200,
      total_tokens: 1330,
      // Anthropic, as the adapter maps it: 30 uncached, 1000 read from the cache, 100 written to it.
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 100 },
    }
    // Claude Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 5-minute cache write (per M).
    const claude = {
      prompt: '0.000003',
      completion: '0.000015',
      input_cache_read: '0.0000003',
      input_cache_write: '0.00000375',
    }
    expect(costOf(usage, claude)).toBeCloseTo((30 * 3 + 1000 * 0.3 + 100 * 3.75 + 200 * 15) / 1e6, 12)
    // The old sum (every prompt token at $3) overstates it.
    expect(costOf(usage, claude)!).toBeLessThan((1130 * 3 + 200 * 15) / 1e6)
    // No cache prices known: every prompt token at the input price, as before.
    const plain = { prompt: '0.000003', completion: '0.000015' }
    expect(costOf(usage, plain)).toBeCloseTo((1130 * 3 + 200 * 15) / 1e6, 12)
    // A read price only (OpenAI, Gemini): writes, if a usage reported any, stay at the input price.
    expect(costOf(usage, { ...plain, input_cache_read: '0.0000003' })).toBeCloseTo(
      (130 * 3 + 1000 * 0.3 + 200 * 15) / 1e6,
      12,
    )
    // OpenAI's shape: cached tokens are part of prompt_tokens, no write count.
    expect(
      costOf(
        {
          prompt_tokens: 2000,
          completion_tokens: 10,
          total_tokens: 2010,
          prompt_tokens_details: { cached_tokens: 1536 },
        },
        { prompt: '0.00000015', completion: '0.0000006', input_cache_read: '0.000000075' },
      ),
    ).toBeCloseTo((464 * 0.15 + 1536 * 0.075 + 10 * 0.6) / 1e6, 12)
    // A count larger than the prompt (a provider's rounding) never makes a negative share.
    expect(
      costOf(
        {
          prompt_tokens: 10,
          completion_tokens: 0,
          total_tokens: 10,
          prompt_tokens_details: { cached_tokens: 50 },
        },
        claude,
      ),
    ).toBeCloseTo((10 * 0.3) / 1e6, 12)
  })
  it("shows the answer's own start next to TTFT only when thinking came first", () => {
    expect(formatTiming(378)).toEqual({ text: 'TTFT 378 ms', title: 'Time to first token' })
    const t = formatTiming(378, 1200)
    expect(t.text).toBe('TTFT 378 ms · answer 1.20 s')
    expect(t.title).toContain('the answer itself began at 1.20 s')
    expect(formatTiming(undefined).text).toBe('TTFT —')
  })
  it('says what happened and the fix', () => {
    expect(
      humanError(
        { message: 'x', code: 'missing_api_key', type: 'authentication_error', status: 401 },
        'openai',
      ),
    ).toMatchObject({ title: 'No API key for OpenAI', fixes: ['add-key', 'switch-model'] })
    expect(
      humanError({ message: 'slow down', code: null, type: 'rate_limit_error', status: 429 }, 'groq').title,
    ).toBe('Groq is rate limiting you')
    expect(humanError({ message: 'boom', code: null, type: 'upstream_error', status: 503 }).fixes).toContain(
      'retry',
    )
    expect(humanError({ message: 'net', code: 'offline', type: 'network_error' }).title).toBe(
      'LocalRouter is not reachable',
    )
  })
})
