/**
 * The slice of OpenAI's chat-completions wire format that LocalRouter reads or produces.
 * Requests are validated loosely on purpose: unknown fields must survive a pass-through.
 */
import { z } from 'zod'

export const ChatRequestSchema = z
  .object({
    model: z.string().min(1, 'model must be a non-empty string'),
    messages: z.array(z.looseObject({ role: z.string() })).min(1, 'messages must not be empty'),
    stream: z.boolean().nullable().optional(),
  })
  .loose()

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: string; [k: string]: unknown }

export interface ToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | string
  content?: string | ChatContentPart[] | null
  name?: string
  tool_calls?: ToolCall[]
  tool_call_id?: string
  [k: string]: unknown
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  stream?: boolean | null
  stream_options?: { include_usage?: boolean; [k: string]: unknown } | null
  max_tokens?: number | null
  max_completion_tokens?: number | null
  temperature?: number | null
  top_p?: number | null
  stop?: string | string[] | null
  tools?: Array<{
    type: 'function'
    function: { name: string; description?: string; parameters?: unknown; strict?: boolean }
  }>
  tool_choice?: unknown
  response_format?: unknown
  reasoning_effort?: string | null
  user?: string
  [k: string]: unknown
}

export interface Usage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details?: { cached_tokens?: number; [k: string]: unknown }
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown }
  [k: string]: unknown
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'

export interface ChatCompletion {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  choices: Array<{
    index: number
    message: {
      role: 'assistant'
      content: string | null
      refusal: string | null
      tool_calls?: ToolCall[]
      reasoning?: string | null
      [k: string]: unknown
    }
    finish_reason: FinishReason | null
    logprobs: unknown
  }>
  usage?: Usage
  [k: string]: unknown
}

export interface ChunkToolCallDelta {
  index: number
  id?: string
  type?: 'function'
  function?: { name?: string; arguments?: string }
}

export interface ChatCompletionChunk {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: Array<{
    index: number
    delta: {
      role?: 'assistant'
      content?: string | null
      refusal?: string | null
      tool_calls?: ChunkToolCallDelta[]
      reasoning?: string | null
      [k: string]: unknown
    }
    finish_reason: FinishReason | null
    logprobs?: unknown
  }>
  usage?: Usage | null
  [k: string]: unknown
}

/**
 * USD per token, as strings; the cache prices only where known (prompt tokens read from / written to the
 * cache). LocalRouter additions: `input_cache_write_1h` (written to it for an hour, Anthropic's 1-hour TTL),
 * and for a request whose prompt is longer than `long_context_threshold` tokens, the `*_long_context`
 * prices, at which the whole request is billed (Gemini's Pro models).
 */
export interface ModelPricing {
  prompt: string
  completion: string
  input_cache_read?: string
  input_cache_write?: string
  input_cache_write_1h?: string
  long_context_threshold?: string
  prompt_long_context?: string
  completion_long_context?: string
  input_cache_read_long_context?: string
}

export interface ModelEntry {
  id: string
  object: 'model'
  created: number
  owned_by: string
  /** LocalRouter additions (OpenRouter uses the same names). */
  name?: string
  context_length?: number
  pricing?: ModelPricing
  architecture?: { input_modalities: string[]; output_modalities: string[] }
  /** Max output tokens where known (from the provider's list, else the catalog), as OpenRouter has it. */
  top_provider?: { max_completion_tokens: number }
}

export interface ModelsList {
  object: 'list'
  data: ModelEntry[]
  /** One entry per provider whose model list could not be fetched. */
  errors?: Array<{ provider: string; error: { message: string; type: string; code: string | null } }>
}

/** Splits `provider/model` at the first slash; model ids may contain more slashes. */
export function splitModelId(id: string): { provider: string; model: string } | null {
  const slash = id.indexOf('/')
  if (slash <= 0 || slash === id.length - 1) return null
  return { provider: id.slice(0, slash), model: id.slice(slash + 1) }
}
