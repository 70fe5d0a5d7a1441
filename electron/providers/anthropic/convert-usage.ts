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
  /** The cache writes by TTL (`ephemeral_5m_input_tokens`, `ephemeral_1h_input_tokens`): passed on as sent. */
  cache_creation?: Record<string, unknown> | null
  /** 'standard' | 'priority' | 'batch' (message_start and the non-streamed message only). */
  service_tier?: string | null
}

/** Anthropic's `usage.service_tier` as OpenAI's `service_tier` (undefined where OpenAI has no value). */
export function serviceTier(u: AnthropicUsage | undefined): 'default' | 'priority' | undefined {
  const t = u?.service_tier
  return t === 'standard' ? 'default' : t === 'priority' ? 'priority' : undefined
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
  if (u.cache_creation && typeof u.cache_creation === 'object') out.cache_creation = u.cache_creation
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
  if (b.cache_creation) out.cache_creation = b.cache_creation
  if (b.service_tier) out.service_tier = b.service_tier
  return out
}
