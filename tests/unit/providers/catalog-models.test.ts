/**
 * The catalog's rows for the models users list today, looked up by the ids each provider's own
 * `/models` endpoint returns (dated snapshots, Groq's `openai/` prefix, a custom provider of a known kind),
 * and the invariants every row keeps. Sources are cited next to each row in electron/providers/catalog.ts.
 */
import { describe, expect, it } from 'vitest'
import { CATALOG, modelCaps, modelFacts } from '../../../electron/providers/catalog'
import { PRESETS } from '../../../electron/providers/presets'
import { toModelEntry } from '../../../electron/router/index'
import type { ProviderEntry } from '../../../electron/router/providers'

const entry = (id: string, kind = id): ProviderEntry => {
  const preset = PRESETS.get(kind)!
  return { id, preset, config: undefined, baseUrl: preset.baseUrl }
}

describe('catalog rows for current models, by the ids the providers list', () => {
  it('OpenAI GPT-5: aliases and dated snapshots share one row', () => {
    for (const [alias, snapshot] of [
      ['gpt-5', 'gpt-5-2025-08-07'],
      ['gpt-5-mini', 'gpt-5-mini-2025-08-07'],
      ['gpt-5-nano', 'gpt-5-nano-2025-08-07'],
    ]) {
      const facts = modelFacts('openai', alias!)
      expect(facts, alias).toBeDefined()
      expect(modelFacts('openai', snapshot!)).toBe(facts)
      expect(facts).toMatchObject({ context_length: 400_000, max_output: 128_000 })
      expect(facts!.input).toEqual(['text', 'image'])
    }
    expect(modelFacts('openai', 'gpt-5-mini')!.price).toEqual({ input: 0.25, output: 2, cacheRead: 0.025 })
    expect(modelFacts('openai', 'gpt-5-nano')!.price).toEqual({ input: 0.05, output: 0.4, cacheRead: 0.005 })
    expect(modelFacts('openai', 'gpt-5')!.price).toEqual({ input: 1.25, output: 10, cacheRead: 0.125 })
  })

  it('OpenAI GPT-5.6: Sol (and the gpt-5.6 alias) without a price, Terra and Luna with cache write', () => {
    expect(modelFacts('openai', 'gpt-5.6-sol')).toMatchObject({
      context_length: 1_050_000,
      max_output: 128_000,
    })
    expect(modelFacts('openai', 'gpt-5.6-sol')!.price).toBeUndefined()
    expect(modelFacts('openai', 'gpt-5.6')).toEqual(modelFacts('openai', 'gpt-5.6-sol'))
    expect(modelFacts('openai', 'gpt-5.6-terra')!.price).toEqual({
      input: 2,
      output: 12,
      cacheRead: 0.2,
      cacheWrite: 2.5,
    })
    expect(modelFacts('openai', 'gpt-5.6-luna-2026-07-09')).toBe(modelFacts('openai', 'gpt-5.6-luna'))
    // A provider configured under another name, of kind openai (a second OpenAI account).
    expect(modelFacts('openai-work', 'gpt-5-mini', 'openai')).toBe(modelFacts('openai', 'gpt-5-mini'))
  })

  it('xAI Grok 4.x by the ids xAI lists (its -0309 suffix is not a date)', () => {
    for (const id of [
      'grok-4.20-0309-reasoning',
      'grok-4.20-0309-non-reasoning',
      'grok-4.20-multi-agent-0309',
    ]) {
      expect(modelFacts('xai', id), id).toMatchObject({
        context_length: 2_000_000,
        price: { input: 2, output: 6, cacheRead: 0.2 },
        input: ['text', 'image'],
      })
    }
    for (const id of ['grok-4-1-fast-reasoning', 'grok-4-1-fast-non-reasoning'])
      expect(modelFacts('xai', id)!.price, id).toEqual({ input: 0.2, output: 0.5, cacheRead: 0.05 })
    expect(modelFacts('xai', 'grok-4.7')).toMatchObject({
      context_length: 500_000,
      price: { input: 2, output: 6 },
    })
    expect(modelFacts('xai', 'grok-4.7')).not.toHaveProperty('max_output')
    // Not confirmed here, so not guessed: no row.
    expect(modelFacts('xai', 'grok-4-0709')).toBeUndefined()
  })

  it('Groq GPT-OSS under its openai/ prefix, also for a custom provider of kind groq', () => {
    expect(modelFacts('groq', 'openai/gpt-oss-120b')).toMatchObject({
      context_length: 131_072,
      price: { input: 0.15, output: 0.6 },
      max_output: 65_536,
    })
    expect(modelFacts('groq', 'openai/gpt-oss-20b')!.price).toEqual({ input: 0.075, output: 0.3 })
    expect(modelFacts('fast', 'openai/gpt-oss-20b', 'groq')).toBe(modelFacts('groq', 'openai/gpt-oss-20b'))
    // The Groq row is Groq's: the same model elsewhere has its own price.
    expect(modelFacts('groq', 'gpt-oss-120b')).toBeUndefined()
    expect(modelFacts('cerebras', 'gpt-oss-120b')).toMatchObject({
      context_length: 131_072,
      price: { input: 0.35, output: 0.75 },
      max_output: 40_960,
    })
  })

  it('Mistral Medium 3.5 under mistral-medium-latest', () => {
    expect(modelFacts('mistral', 'mistral-medium-latest')).toMatchObject({
      context_length: 262_144,
      price: { input: 1.5, output: 7.5 },
      input: ['text', 'image'],
    })
  })

  it('DeepSeek V4: limits and modalities, no price (peak / off-peak); the retired names have no row', () => {
    for (const id of [
      'deepseek-flash',
      'deepseek-v4-flash',
      'deepseek-v4-flash-vision-exp',
      'deepseek-v4-pro',
    ]) {
      const facts = modelFacts('deepseek', id)
      expect(facts, id).toMatchObject({ context_length: 1_000_000, max_output: 384_000 })
      expect(facts!.price, id).toBeUndefined()
    }
    expect(modelFacts('deepseek', 'deepseek-flash')!.input).toContain('image')
    expect(modelFacts('deepseek', 'deepseek-v4-pro')!.input).toEqual(['text'])
    expect(modelFacts('deepseek', 'deepseek-chat')).toBeUndefined()
    expect(modelFacts('deepseek', 'deepseek-reasoner')).toBeUndefined()
  })

  it('adds no request rules for these providers (their pass-through adapter does not read caps)', () => {
    for (const [provider, model] of [
      ['openai', 'gpt-5-mini'],
      ['openai', 'gpt-5.6-sol'],
      ['xai', 'grok-4.7'],
      ['groq', 'openai/gpt-oss-120b'],
      ['deepseek', 'deepseek-v4-pro'],
    ])
      expect(modelCaps(provider!, model!), `${provider}/${model}`).toBeUndefined()
  })
})

describe('/v1/models entries from the new rows', () => {
  it('writes price, cache read and write, modalities and max output', () => {
    expect(toModelEntry(entry('openai'), { id: 'gpt-5.6-terra' })).toMatchObject({
      id: 'openai/gpt-5.6-terra',
      context_length: 1_050_000,
      pricing: {
        prompt: '0.000002',
        completion: '0.000012',
        input_cache_read: '0.0000002',
        input_cache_write: '0.0000025',
      },
      architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
      top_provider: { max_completion_tokens: 128_000 },
    })
    expect(toModelEntry(entry('groq'), { id: 'openai/gpt-oss-120b' })).toMatchObject({
      id: 'groq/openai/gpt-oss-120b',
      pricing: { prompt: '0.00000015', completion: '0.0000006' },
    })
  })

  it('leaves pricing out where the catalog has none, keeping the other facts', () => {
    const e = toModelEntry(entry('deepseek'), { id: 'deepseek-v4-pro' })
    expect(e).not.toHaveProperty('pricing')
    expect(e).toMatchObject({
      context_length: 1_000_000,
      architecture: { input_modalities: ['text'], output_modalities: ['text'] },
      top_provider: { max_completion_tokens: 384_000 },
    })
  })
})

describe('catalog invariants (every row)', () => {
  it('keys are provider/model with a known provider', () => {
    for (const id of Object.keys(CATALOG)) {
      const slash = id.indexOf('/')
      expect(slash, id).toBeGreaterThan(0)
      expect(PRESETS.has(id.slice(0, slash)), id).toBe(true)
    }
  })

  it('limits are positive integers, max output within the context', () => {
    for (const [id, f] of Object.entries(CATALOG)) {
      expect(Number.isInteger(f.context_length) && f.context_length > 0, id).toBe(true)
      if (f.max_output !== undefined) {
        expect(Number.isInteger(f.max_output) && f.max_output > 0, id).toBe(true)
        expect(f.max_output, id).toBeLessThanOrEqual(f.context_length)
      }
    }
  })

  it('prices are finite and non-negative; cache read below input, cache write at or above it', () => {
    for (const [id, f] of Object.entries(CATALOG)) {
      const p = f.price
      if (!p) continue
      const { longContext, ...flat } = p
      for (const v of Object.values(flat)) expect(Number.isFinite(v) && v >= 0, id).toBe(true)
      expect(p.input, id).toBeGreaterThan(0)
      if (p.cacheRead !== undefined) expect(p.cacheRead, id).toBeLessThan(p.input)
      if (p.cacheWrite !== undefined) expect(p.cacheWrite, id).toBeGreaterThanOrEqual(p.input)
      // A longer prompt never costs less per token, and its threshold lies inside the context.
      if (longContext) {
        expect(longContext.input, id).toBeGreaterThan(p.input)
        expect(longContext.output, id).toBeGreaterThanOrEqual(p.output)
        expect(longContext.over, id).toBeLessThan(f.context_length)
        if (longContext.cacheRead !== undefined)
          expect(longContext.cacheRead, id).toBeLessThan(longContext.input)
      }
    }
  })

  it('every row takes text in and gives something out', () => {
    for (const [id, f] of Object.entries(CATALOG)) {
      expect(f.input, id).toContain('text')
      expect(f.output.length, id).toBeGreaterThan(0)
    }
  })
})
