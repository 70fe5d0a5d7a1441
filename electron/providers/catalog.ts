/**
 * What we know about well-known models that their providers' model lists do not say: context length,
 * price (USD per million tokens) and modalities. Data, not code: add a row, not a branch.
 * Prices are list prices from each provider's pricing page as of 2026-11; the app shows them as estimates.
 */
export interface ModelFacts {
  context_length: number
  /** USD per million tokens. */
  price?: { input: number; output: number }
  input: Array<'text' | 'image' | 'audio' | 'file'>
  output: Array<'text' | 'image' | 'audio'>
  /** Default max output tokens, for providers that need one (Anthropic). */
  max_output?: number
}

const TEXT = { input: ['text'] as ModelFacts['input'], output: ['text'] as ModelFacts['output'] }
const VISION = { input: ['text', 'image'] as ModelFacts['input'], output: ['text'] as ModelFacts['output'] }
const CLAUDE = {
  input: ['text', 'image', 'file'] as ModelFacts['input'],
  output: ['text'] as ModelFacts['output'],
}
const GEMINI = {
  input: ['text', 'image', 'audio', 'file'] as ModelFacts['input'],
  output: ['text'] as ModelFacts['output'],
}

/** Keyed by `provider/model`. */
export const CATALOG: Readonly<Record<string, ModelFacts>> = {
  'openai/gpt-4o': {
    context_length: 128_000,
    price: { input: 2.5, output: 10 },
    ...VISION,
    max_output: 16_384,
  },
  'openai/gpt-4o-mini': {
    context_length: 128_000,
    price: { input: 0.15, output: 0.6 },
    ...VISION,
    max_output: 16_384,
  },
  'openai/gpt-4.1': {
    context_length: 1_047_576,
    price: { input: 2, output: 8 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/gpt-4.1-mini': {
    context_length: 1_047_576,
    price: { input: 0.4, output: 1.6 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/gpt-4.1-nano': {
    context_length: 1_047_576,
    price: { input: 0.1, output: 0.4 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/o3': { context_length: 200_000, price: { input: 2, output: 8 }, ...VISION, max_output: 100_000 },
  'openai/o4-mini': {
    context_length: 200_000,
    price: { input: 1.1, output: 4.4 },
    ...VISION,
    max_output: 100_000,
  },
  'openai/text-embedding-3-small': { context_length: 8_191, price: { input: 0.02, output: 0 }, ...TEXT },
  'openai/text-embedding-3-large': { context_length: 8_191, price: { input: 0.13, output: 0 }, ...TEXT },
  'groq/llama-3.3-70b-versatile': {
    context_length: 131_072,
    price: { input: 0.59, output: 0.79 },
    ...TEXT,
    max_output: 32_768,
  },
  'groq/llama-3.1-8b-instant': {
    context_length: 131_072,
    price: { input: 0.05, output: 0.08 },
    ...TEXT,
    max_output: 131_072,
  },
  'mistral/mistral-large-latest': { context_length: 131_072, price: { input: 2, output: 6 }, ...TEXT },
  'mistral/mistral-small-latest': { context_length: 131_072, price: { input: 0.1, output: 0.3 }, ...VISION },
  'deepseek/deepseek-chat': {
    context_length: 128_000,
    price: { input: 0.27, output: 1.1 },
    ...TEXT,
    max_output: 8_192,
  },
  'deepseek/deepseek-reasoner': {
    context_length: 128_000,
    price: { input: 0.55, output: 2.19 },
    ...TEXT,
    max_output: 65_536,
  },
  'xai/grok-3': { context_length: 131_072, price: { input: 3, output: 15 }, ...TEXT },
  'xai/grok-3-mini': { context_length: 131_072, price: { input: 0.3, output: 0.5 }, ...TEXT },
  'perplexity/sonar': { context_length: 127_072, price: { input: 1, output: 1 }, ...TEXT },
  'perplexity/sonar-pro': { context_length: 200_000, price: { input: 3, output: 15 }, ...TEXT },
  'perplexity/sonar-reasoning': { context_length: 127_072, price: { input: 1, output: 5 }, ...TEXT },
  'perplexity/sonar-reasoning-pro': { context_length: 127_072, price: { input: 2, output: 8 }, ...TEXT },
  'perplexity/sonar-deep-research': { context_length: 127_072, price: { input: 2, output: 8 }, ...TEXT },
  'cerebras/llama-3.3-70b': { context_length: 65_536, price: { input: 0.85, output: 1.2 }, ...TEXT },
  // Anthropic (docs.anthropic.com/en/docs/about-claude/models/overview). `max_output` is the
  // max_tokens LocalRouter sends when the client sets none. Dated snapshots (-20250929) match these rows.
  // https://platform.claude.com/docs/en/models/opus-4-6/overview: 1M context, 128K output, $5 / $25.
  'anthropic/claude-opus-4-6': {
    context_length: 1_000_000,
    price: { input: 5, output: 25 },
    ...CLAUDE,
    max_output: 128_000,
  },
  // https://platform.claude.com/docs/en/models/sonnet-4-6/overview: 1M context, 128K output, $3 / $15.
  'anthropic/claude-sonnet-4-6': {
    context_length: 1_000_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 128_000,
  },
  'anthropic/claude-opus-4-5': {
    context_length: 200_000,
    price: { input: 5, output: 25 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-sonnet-4-5': {
    context_length: 200_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-haiku-4-5': {
    context_length: 200_000,
    price: { input: 1, output: 5 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-opus-4-1': {
    context_length: 200_000,
    price: { input: 15, output: 75 },
    ...CLAUDE,
    max_output: 32_000,
  },
  'anthropic/claude-opus-4-0': {
    context_length: 200_000,
    price: { input: 15, output: 75 },
    ...CLAUDE,
    max_output: 32_000,
  },
  'anthropic/claude-opus-4': {
    context_length: 200_000,
    price: { input: 15, output: 75 },
    ...CLAUDE,
    max_output: 32_000,
  },
  'anthropic/claude-sonnet-4-0': {
    context_length: 200_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-sonnet-4': {
    context_length: 200_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-3-7-sonnet-latest': {
    context_length: 200_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-3-7-sonnet': {
    context_length: 200_000,
    price: { input: 3, output: 15 },
    ...CLAUDE,
    max_output: 64_000,
  },
  'anthropic/claude-3-5-haiku-latest': {
    context_length: 200_000,
    price: { input: 0.8, output: 4 },
    ...VISION,
    max_output: 8_192,
  },
  'anthropic/claude-3-5-haiku': {
    context_length: 200_000,
    price: { input: 0.8, output: 4 },
    ...VISION,
    max_output: 8_192,
  },
  // Google Gemini (ai.google.dev/gemini-api/docs/models, /pricing; prices for prompts up to 200k tokens).
  // https://ai.google.dev/gemini-api/docs/models/gemini-3-pro-preview: input 1,048,576, output 65,536;
  // text, image, video, audio and PDF in. Price: https://ai.google.dev/gemini-api/docs/pricing.
  'gemini/gemini-3-pro-preview': {
    context_length: 1_048_576,
    price: { input: 2, output: 12 },
    ...GEMINI,
    max_output: 65_536,
  },
  // Price ($0.50 text / image / video input, $3 output incl. thinking): https://ai.google.dev/gemini-api/docs/pricing.
  'gemini/gemini-3-flash-preview': {
    context_length: 1_048_576,
    price: { input: 0.5, output: 3 },
    ...GEMINI,
    max_output: 65_536,
  },
  'gemini/gemini-2.5-pro': {
    context_length: 1_048_576,
    price: { input: 1.25, output: 10 },
    ...GEMINI,
    max_output: 65_536,
  },
  'gemini/gemini-2.5-flash': {
    context_length: 1_048_576,
    price: { input: 0.3, output: 2.5 },
    ...GEMINI,
    max_output: 65_536,
  },
  'gemini/gemini-2.5-flash-lite': {
    context_length: 1_048_576,
    price: { input: 0.1, output: 0.4 },
    ...GEMINI,
    max_output: 65_536,
  },
  'gemini/gemini-2.0-flash': {
    context_length: 1_048_576,
    price: { input: 0.1, output: 0.4 },
    ...GEMINI,
    max_output: 8_192,
  },
  'gemini/gemini-2.0-flash-lite': {
    context_length: 1_048_576,
    price: { input: 0.075, output: 0.3 },
    ...GEMINI,
    max_output: 8_192,
  },
}

const DATED = /-(\d{4}-\d{2}-\d{2}|\d{8})$/

/** Facts for `provider/model`, also for dated snapshots of a known model (`gpt-4o-2024-08-06`). */
export function modelFacts(provider: string, model: string, kind?: string): ModelFacts | undefined {
  for (const p of kind && kind !== provider ? [provider, kind] : [provider]) {
    const exact = CATALOG[`${p}/${model}`]
    if (exact) return exact
    const undated = model.replace(DATED, '')
    if (undated !== model) {
      const hit = CATALOG[`${p}/${undated}`]
      if (hit) return hit
    }
  }
  return undefined
}

/** OpenRouter's price strings: USD per single token. */
export function perTokenPrice(perMillion: number): string {
  const s = (perMillion / 1_000_000).toFixed(12).replace(/0+$/, '')
  return s.endsWith('.') ? s.slice(0, -1) : s
}
