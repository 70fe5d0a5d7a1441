import type { Usage } from '../../../shared/openai'

export interface GeminiUsage {
  promptTokenCount?: number
  candidatesTokenCount?: number
  totalTokenCount?: number
  cachedContentTokenCount?: number
  thoughtsTokenCount?: number
  toolUsePromptTokenCount?: number
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/**
 * OpenAI's usage from Gemini's `usageMetadata`. Thinking tokens are output tokens in OpenAI's count
 * (`completion_tokens` includes `reasoning_tokens`); cached content is part of the prompt.
 */
export function convertUsage(u: GeminiUsage): Usage {
  const prompt = n(u.promptTokenCount) + n(u.toolUsePromptTokenCount)
  const reasoning = n(u.thoughtsTokenCount)
  const completion = n(u.candidatesTokenCount) + reasoning
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: n(u.totalTokenCount) || prompt + completion,
    prompt_tokens_details: { cached_tokens: n(u.cachedContentTokenCount) },
    completion_tokens_details: { reasoning_tokens: reasoning },
  }
}
