import { describe, expect, it } from 'vitest'
import { CATALOG, modelFacts, openRouterPricing } from '../../../electron/providers/catalog'

describe('catalog prices as /v1/models writes them (OpenRouter field names, USD per token)', () => {
  it('adds the cache read and write prices only where the catalog has them', () => {
    // Anthropic: read, 5-minute write and 1-hour write.
    expect(openRouterPricing(modelFacts('anthropic', 'claude-opus-4-7')!.price!)).toEqual({
      prompt: '0.000005',
      completion: '0.000025',
      input_cache_read: '0.0000005',
      input_cache_write: '0.00000625',
      input_cache_write_1h: '0.00001',
    })
    // OpenAI: cached input only (writes are not charged apart).
    expect(openRouterPricing(modelFacts('openai', 'gpt-4.1-nano')!.price!)).toEqual({
      prompt: '0.0000001',
      completion: '0.0000004',
      input_cache_read: '0.000000025',
    })
    // No confirmed cache price: no field, rather than a guess.
    expect(openRouterPricing(modelFacts('openai', 'o3')!.price!)).toEqual({
      prompt: '0.000002',
      completion: '0.000008',
    })
    // A write price without a confirmed read price (Sonnet 5.5) keeps only the write.
    expect(openRouterPricing(modelFacts('anthropic', 'claude-sonnet-5-5')!.price!)).toEqual({
      prompt: '0.000002',
      completion: '0.00001',
      input_cache_write: '0.0000025',
    })
  })

  it('gives the prices above a long-context threshold where the catalog has them (Gemini Pro)', () => {
    expect(openRouterPricing(modelFacts('gemini', 'gemini-2.5-pro')!.price!)).toEqual({
      prompt: '0.00000125',
      completion: '0.00001',
      input_cache_read: '0.000000125',
      long_context_threshold: '200000',
      prompt_long_context: '0.0000025',
      completion_long_context: '0.000015',
      input_cache_read_long_context: '0.00000025',
    })
    expect(openRouterPricing(modelFacts('gemini', 'gemini-2.5-flash')!.price!)).not.toHaveProperty(
      'long_context_threshold',
    )
  })

  it("never prices a cache read above the input, nor a write below it, nor an hour's write below five minutes", () => {
    for (const [id, facts] of Object.entries(CATALOG)) {
      const p = facts.price
      if (!p) continue
      if (p.cacheRead !== undefined) expect(p.cacheRead, id).toBeLessThan(p.input)
      if (p.cacheWrite !== undefined) expect(p.cacheWrite, id).toBeGreaterThanOrEqual(p.input)
      if (p.cacheWrite1h !== undefined) expect(p.cacheWrite1h, id).toBeGreaterThan(p.cacheWrite ?? p.input)
    }
  })
})
