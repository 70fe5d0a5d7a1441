/**
 * The contract every provider dialect implements: pure transforms between OpenAI's chat format (what
 * clients speak to LocalRouter) and the provider's own wire format. No I/O, no timers, no key lookup:
 * the router owns all of that and hands the adapter what it needs in the context.
 */
import type { GatewayError } from '../../shared/errors'
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../../shared/openai'

export type Dialect = 'openai' | 'anthropic' | 'gemini'

/** How a provider takes its key. */
export type AuthStyle = 'bearer' | 'api-key' | 'x-api-key' | 'x-goog-api-key' | 'none'

/** Facts about one provider, kept as data (see presets.ts). */
export interface ProviderPreset {
  id: string
  label: string
  dialect: Dialect
  /** Default base URL; empty when the user must give one (Azure, custom). */
  baseUrl: string
  auth: AuthStyle
  /** The provider's usual environment variables, read in headless mode only. */
  envKeys: string[]
  keyRequired: boolean
  /** Runs on this machine (Ollama, LM Studio): no key, and redaction defaults to off. */
  local: boolean
  embeddings: boolean
  /**
   * Has OpenAI's legacy text completions (`POST /completions`: prompt, `suffix` for fill-in-the-middle).
   * A string is the path under the base URL when it is not `completions` (DeepSeek: `beta/completions`).
   */
  completions: boolean | string
  /** Azure-style URLs: `/openai/deployments/<model>/...?api-version=`. */
  urlStyle: 'openai' | 'azure'
  defaultApiVersion?: string
  /** Request fields this provider rejects: removed, and reported as a warning. */
  unsupportedParams: string[]
  /**
   * Request fields this provider rejects although it does what they ask without them: with exactly this
   * value, the field is removed without a warning (any other value is reported as unsupported).
   */
  appliedByDefault?: Readonly<Record<string, unknown>>
  /** Request fields this provider takes under another name: sent under that name, reported as a warning. */
  renamedParams?: Readonly<Record<string, string>>
  /** False when the provider has no models endpoint: `models` in the config (or `knownModels`) is the list. */
  listsModels: boolean
  /** Model ids listed when the provider cannot list its own. */
  knownModels?: string[]
  docs: string
}

/** One configured provider, ready for a request. */
export interface ResolvedProvider {
  id: string
  preset: ProviderPreset
  baseUrl: string
  apiKey: string | undefined
  headers: Record<string, string>
  apiVersion: string | undefined
  models: string[] | undefined
}

export interface AdapterContext {
  provider: ResolvedProvider
  /** The model id as the provider knows it (after `provider/`). */
  model: string
  /** The model id as the client sent it. */
  requestedModel: string
  /**
   * Set by an adapter's own `chatRequest` for its `chatResponse` (same request, same context): the tool it
   * added and forced to carry `response_format` (Anthropic models without structured outputs), whose input
   * is the answer. The router never sets it.
   */
  answerTool?: string
}

/** A request setting the provider cannot honour, reported to the caller instead of dropped silently. */
export interface Warning {
  code: 'unsupported_param' | 'param_mapped' | 'param_clamped' | string
  message: string
  param?: string
}

export interface UpstreamRequest {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  warnings: Warning[]
}

/** One server-sent event as parsed from the upstream stream. */
export interface SseEvent {
  event?: string | undefined
  data: string
}

export type StreamOut =
  /** A chunk for the client. `raw` is its JSON text when it is the upstream's own, untouched. */
  | { kind: 'chunk'; chunk: ChatCompletionChunk; raw?: string }
  /** The upstream finished cleanly: the client gets `data: [DONE]`. */
  | { kind: 'done' }
  /** The upstream failed mid-stream: the client gets an error event and no `[DONE]`. */
  | { kind: 'error'; error: GatewayError }

export interface StreamTranslator {
  push(event: SseEvent): StreamOut[]
  /** The upstream body ended. Returns `done` only when the stream really was complete. */
  end(): StreamOut[]
}

export interface UpstreamModel {
  /** The provider's own id (without `provider/`). */
  id: string
  name?: string
  created?: number
  owned_by?: string
  context_length?: number
  /** Max output tokens, where the provider's list says (Anthropic `max_tokens`, Gemini `outputTokenLimit`). */
  max_output_tokens?: number
  input_modalities?: string[]
  output_modalities?: string[]
}

export interface ProviderAdapter {
  dialect: Dialect
  chatRequest(ctx: AdapterContext, body: ChatRequest): UpstreamRequest
  /** Translates a successful (2xx) non-streaming response. */
  chatResponse(ctx: AdapterContext, body: unknown): ChatCompletion
  streamTranslator(ctx: AdapterContext, body: ChatRequest): StreamTranslator
  modelsRequest(provider: ResolvedProvider): UpstreamRequest
  modelsResponse(provider: ResolvedProvider, body: unknown): UpstreamModel[]
  /** Absent when the dialect has no embeddings. */
  embeddingsRequest?(ctx: AdapterContext, body: Record<string, unknown>): UpstreamRequest
  /** Translates a 2xx embeddings response; absent when the provider answers in OpenAI's shape already. */
  embeddingsResponse?(ctx: AdapterContext, body: unknown, request: Record<string, unknown>): unknown
  /** Absent when the dialect has no legacy text completions (`POST /v1/completions`), passed through. */
  completionsRequest?(ctx: AdapterContext, body: Record<string, unknown>): UpstreamRequest
  /** The pass-through translator for a completions stream (chunks with `choices[].text`). */
  completionsStream?(ctx: AdapterContext): StreamTranslator
  /** Maps a non-2xx upstream response to an OpenAI-shaped error keeping the upstream status. */
  mapError(
    provider: ResolvedProvider,
    status: number,
    bodyText: string,
    headers: Record<string, string>,
  ): GatewayError
}
