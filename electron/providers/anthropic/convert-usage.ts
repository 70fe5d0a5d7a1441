import type { Usage } from '../../../shared/openai'

/** The usage fields of Anthropic's `message.usage` and `message_delta.usage` that we read. */
export interface AnthropicUsage {
  input_tokens?: number | null
  output_tokens?: number | null
  cache_read_input_tokens?: number | null
  cache_creation_input_tokens?: number | null
  output_tokens_details?: { thinking_tokens?: number | null } | null
  /** Server-tool calls billed with the answer (`web_search_requests`, ...): passed on as sent. */
  server_tool_use?: Record<string, unknown> | null
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/**
 * OpenAI's usage from Anthropic's. Anthropic counts cached input apart from `input_tokens`; OpenAI's
 * `prompt_tokens` includes it, with the cached part in `prompt_tokens_details.cached_tokens` and (as
 * OpenRouter reports it) the part written to the cache in `cache_write_tokens`.
 */
export function convertUsage(u: AnthropicUsage): Usage {
  const cacheRead = n(u.cache_read_input_tokens)
  const cacheWrite = n(u.cache_creation_input_tokens)
  const prompt = n(u.input_tokens) + cacheRead + cacheWrite
  const completion = n(u.output_tokens)
  const out: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
    completion_tokens_details: { reasoning_tokens: n(u.output_tokens_details?.thinking_tokens) },
  }
  if (u.server_tool_use && typeof u.server_tool_use === 'object') out.server_tool_use = u.server_tool_use
  return out
}

/** Merges a later usage report into an earlier one (a stream's `message_delta` updates `message_start`'s). */
export function mergeUsage(a: AnthropicUsage, b: AnthropicUsage | undefined): AnthropicUsage {
  if (!b) return a
  const out: AnthropicUsage = { ...a }
  for (const k of [
    'input_tokens',
    'output_tokens',
    'cache_read_input_tokens',
    'cache_creation_input_tokens',
  ] as const) {
    const v = b[k]
    if (typeof v === 'number') out[k] = v
  }
  if (b.output_tokens_details) out.output_tokens_details = b.output_tokens_details
  if (b.server_tool_use) out.server_tool_use = b.server_tool_use
  return out
}
