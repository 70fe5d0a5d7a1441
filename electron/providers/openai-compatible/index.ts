/**
 * OpenAI and every OpenAI-compatible provider. The client already speaks this dialect, so the body
 * passes through untouched except the model id (and any parameter the preset says the provider rejects).
 */
import { isDeepStrictEqual } from 'node:util'
import { GatewayError } from '../../../shared/errors'
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../../../shared/openai'
import { authHeaders, joinUrl } from '../auth'
import { mapUpstreamError, upstreamMessage } from '../errors'
import type {
  AdapterContext,
  ProviderAdapter,
  ResolvedProvider,
  SseEvent,
  StreamOut,
  StreamTranslator,
  UpstreamModel,
  UpstreamRequest,
  Warning,
} from '../types'

type Endpoint = 'chat/completions' | 'embeddings' | 'models' | 'completions'

export function endpointUrl(provider: ResolvedProvider, endpoint: Endpoint, model?: string): string {
  if (provider.preset.urlStyle === 'azure') {
    const version = encodeURIComponent(provider.apiVersion ?? provider.preset.defaultApiVersion ?? '')
    // The resource's endpoint; the Azure portal also shows it with `/openai` at the end.
    const base = provider.baseUrl.replace(/\/+$/, '').replace(/\/openai$/i, '')
    if (endpoint === 'models') return joinUrl(base, `/openai/models?api-version=${version}`)
    return joinUrl(
      base,
      `/openai/deployments/${encodeURIComponent(model ?? '')}/${endpoint}?api-version=${version}`,
    )
  }
  // A preset whose text completions live elsewhere under the base URL says where (DeepSeek's beta path).
  const completions = provider.preset.completions
  if (endpoint === 'completions' && typeof completions === 'string') {
    const base = provider.baseUrl.replace(/\/+$/, '')
    const [first, ...rest] = completions.split('/')
    // A base URL that already ends in the path's first segment (DeepSeek's own `.../beta`) is not doubled.
    return joinUrl(base, `/${base.endsWith(`/${first}`) ? rest.join('/') : completions}`)
  }
  return joinUrl(provider.baseUrl, `/${endpoint}`)
}

function headersFor(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...provider.headers,
    ...authHeaders(provider),
  }
}

/** A copy of the body with the provider's model id, minus the parameters the provider rejects. */
function forwardBody(
  ctx: AdapterContext,
  body: Record<string, unknown>,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const out: Record<string, unknown> = { ...body, model: ctx.model }
  const warnings: Warning[] = []
  const byDefault = ctx.provider.preset.appliedByDefault
  if (byDefault)
    for (const [param, value] of Object.entries(byDefault))
      if (param in out && isDeepStrictEqual(out[param], value)) delete out[param]
  for (const param of ctx.provider.preset.unsupportedParams) {
    if (param in out) {
      delete out[param]
      warnings.push({
        code: 'unsupported_param',
        param,
        message: `${ctx.provider.preset.label} does not support '${param}'; it was not sent`,
      })
    }
  }
  const renamed = ctx.provider.preset.renamedParams
  if (renamed)
    for (const [param, name] of Object.entries(renamed)) {
      if (!(param in out)) continue
      const taken = name in out
      if (!taken) out[name] = out[param]
      delete out[param]
      warnings.push({
        code: taken ? 'unsupported_param' : 'param_mapped',
        param,
        message: taken
          ? `${ctx.provider.preset.label} does not support '${param}' and '${name}' is set; '${param}' was not sent`
          : `${ctx.provider.preset.label} calls '${param}' '${name}'; it was sent as '${name}'`,
      })
    }
  return { body: out, warnings }
}

class PassThroughStream implements StreamTranslator {
  private finished = false
  private done = false

  /** The provider's key, taken out of an error event before its message is cut to a length. */
  constructor(private readonly key: string | undefined) {}

  push(event: SseEvent): StreamOut[] {
    if (this.done) return []
    // Chunks come as unnamed events (or `message`, the SSE default); an `error` event is a failure. Any other
    // name is the provider's own (a keep-alive `ping`, metadata): OpenAI clients skip named events, and
    // written on as a plain `data:` line it would reach them as a chunk without `choices`.
    const name = event.event
    if (name !== undefined && name !== 'message' && name !== 'error') return []
    const data = event.data
    if (data === '[DONE]') {
      this.done = true
      return [{ kind: 'done' }]
    }
    let chunk: unknown
    try {
      chunk = JSON.parse(data)
    } catch {
      this.done = true
      return [
        {
          kind: 'error',
          error: new GatewayError(502, 'The provider sent a stream event that is not JSON', {
            code: 'upstream_bad_stream',
          }),
        },
      ]
    }
    if (
      event.event === 'error' ||
      (typeof chunk === 'object' && chunk !== null && 'error' in chunk && !('choices' in chunk))
    ) {
      this.done = true
      const up = upstreamMessage(data, this.key)
      return [
        {
          kind: 'error',
          error: new GatewayError(502, up.message || 'The provider reported an error mid-stream', {
            code: up.code ?? 'upstream_stream_error',
            type: up.type ?? 'upstream_error',
          }),
        },
      ]
    }
    if (typeof chunk !== 'object' || chunk === null) {
      this.done = true
      return [
        {
          kind: 'error',
          error: new GatewayError(502, 'The provider sent a stream event that is not a chunk object', {
            code: 'upstream_bad_stream',
          }),
        },
      ]
    }
    const c = chunk as ChatCompletionChunk
    if (!this.finished && Array.isArray(c.choices)) {
      for (const choice of c.choices) if (choice.finish_reason) this.finished = true
    }
    // Data that spanned several `data:` lines holds their newlines: forwarded as is, it would not be one event.
    return [{ kind: 'chunk', chunk: c, raw: data.indexOf('\n') === -1 ? data : undefined }]
  }

  end(): StreamOut[] {
    if (this.done) return []
    this.done = true
    // Some compatible servers close without [DONE] after the final chunk: that is still a complete answer.
    if (this.finished) return [{ kind: 'done' }]
    return [
      {
        kind: 'error',
        error: new GatewayError(502, 'The provider closed the stream before the answer was complete', {
          code: 'upstream_incomplete_stream',
        }),
      },
    ]
  }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined
}

export function parseOpenAIModels(body: unknown): UpstreamModel[] {
  // OpenAI: {data:[...]}; Together: a bare array.
  const rows = Array.isArray(body)
    ? body
    : Array.isArray((body as { data?: unknown })?.data)
      ? (body as { data: unknown[] }).data
      : null
  if (!rows)
    throw new GatewayError(502, 'The provider sent a model list in an unknown shape', {
      code: 'upstream_bad_models',
    })
  const out: UpstreamModel[] = []
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue
    const r = row as Record<string, unknown>
    if (typeof r.id !== 'string' || !r.id) continue
    const m: UpstreamModel = { id: r.id }
    const name = r.name ?? r.display_name
    if (typeof name === 'string') m.name = name
    if (typeof r.created === 'number') m.created = r.created
    if (typeof r.owned_by === 'string') m.owned_by = r.owned_by
    const ctxLen = num(r.context_length) ?? num(r.context_window) ?? num(r.max_context_length)
    if (ctxLen) m.context_length = ctxLen
    const arch = r.architecture as { input_modalities?: unknown; output_modalities?: unknown } | undefined
    if (arch && Array.isArray(arch.input_modalities))
      m.input_modalities = arch.input_modalities.filter((x): x is string => typeof x === 'string')
    if (arch && Array.isArray(arch.output_modalities))
      m.output_modalities = arch.output_modalities.filter((x): x is string => typeof x === 'string')
    out.push(m)
  }
  return out
}

/** A POST of the forwarded body to one of the provider's endpoints. */
function forwardRequest(
  ctx: AdapterContext,
  endpoint: Endpoint,
  body: Record<string, unknown>,
  stream: boolean,
): UpstreamRequest {
  const fwd = forwardBody(ctx, body)
  return {
    url: endpointUrl(ctx.provider, endpoint, ctx.model),
    method: 'POST',
    headers: headersFor(ctx.provider, stream),
    body: JSON.stringify(fwd.body),
    warnings: fwd.warnings,
  }
}

export const openaiCompatibleAdapter: ProviderAdapter = {
  dialect: 'openai',

  chatRequest(ctx: AdapterContext, body: ChatRequest): UpstreamRequest {
    return forwardRequest(ctx, 'chat/completions', body, body.stream === true)
  },

  chatResponse(_ctx: AdapterContext, body: unknown): ChatCompletion {
    if (
      typeof body !== 'object' ||
      body === null ||
      !Array.isArray((body as { choices?: unknown }).choices)
    ) {
      throw new GatewayError(502, 'The provider sent a response without choices', {
        code: 'upstream_bad_response',
      })
    }
    return body as ChatCompletion
  },

  streamTranslator(ctx: AdapterContext): StreamTranslator {
    return new PassThroughStream(ctx.provider.apiKey)
  },

  modelsRequest(provider: ResolvedProvider): UpstreamRequest {
    return {
      url: endpointUrl(provider, 'models'),
      method: 'GET',
      headers: headersFor(provider, false),
      warnings: [],
    }
  },

  modelsResponse(_provider: ResolvedProvider, body: unknown): UpstreamModel[] {
    return parseOpenAIModels(body)
  },

  embeddingsRequest(ctx: AdapterContext, body: Record<string, unknown>): UpstreamRequest {
    return forwardRequest(ctx, 'embeddings', body, false)
  },

  /** Legacy text completions: the same pass-through as chat (model id, the preset's parameter rules). */
  completionsRequest(ctx: AdapterContext, body: Record<string, unknown>): UpstreamRequest {
    return forwardRequest(ctx, 'completions', body, body.stream === true)
  },

  // Completion chunks have `choices[].finish_reason` too, so the chat pass-through fits as it is.
  completionsStream(ctx: AdapterContext): StreamTranslator {
    return new PassThroughStream(ctx.provider.apiKey)
  },

  mapError: mapUpstreamError,
}
