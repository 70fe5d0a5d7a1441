/**
 * `/v1/models` entries (electron/router/index.ts `toModelEntry`): max output tokens as OpenRouter's
 * `top_provider.max_completion_tokens`, from the provider's own list where it says, else the catalog.
 */
import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../../electron/providers/presets'
import { toModelEntry } from '../../../electron/router/index'
import type { ProviderEntry } from '../../../electron/router/providers'

const entry = (id: string): ProviderEntry => {
  const preset = PRESETS.get(id)!
  return { id, preset, config: undefined, baseUrl: preset.baseUrl }
}

describe('toModelEntry: max output tokens', () => {
  it("takes the provider's own figure over the catalog's", () => {
    // The catalog says 64,000 for Claude Sonnet 4.5; a list that says otherwise wins.
    const e = toModelEntry(entry('anthropic'), { id: 'claude-sonnet-4-5-20250929', max_output_tokens: 32000 })
    expect(e.top_provider).toEqual({ max_completion_tokens: 32000 })
  })

  it('falls back to the catalog, and leaves the field out where neither knows', () => {
    expect(toModelEntry(entry('openai'), { id: 'gpt-4o' }).top_provider).toEqual({
      max_completion_tokens: 16384,
    })
    expect(toModelEntry(entry('openai'), { id: 'some-new-model' })).not.toHaveProperty('top_provider')
  })
})
