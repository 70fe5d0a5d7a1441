import { anthropicAdapter } from './anthropic'
import { geminiAdapter } from './gemini'
import { openaiCompatibleAdapter } from './openai-compatible'
import type { Dialect, ProviderAdapter } from './types'

/** One adapter per dialect; presets say which dialect a provider speaks. */
export const ADAPTERS: Readonly<Partial<Record<Dialect, ProviderAdapter>>> = {
  openai: openaiCompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
}
