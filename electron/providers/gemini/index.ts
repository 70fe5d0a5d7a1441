/**
 * Google Gemini API (`models/{model}:generateContent`, `:streamGenerateContent?alt=sse`,
 * `x-goog-api-key`) behind the OpenAI-compatible endpoint. Pure transforms; the router does the I/O.
 */
import type { ChatCompletion, ChatRequest } from '../../../shared/openai'
import { authHeaders, joinUrl } from '../auth'
import type {
  AdapterContext,
  ProviderAdapter,
  ResolvedProvider,
  StreamTranslator,
  UpstreamModel,
  UpstreamRequest,
} from '../types'
import { convertRequest } from './convert-request'
import { convertResponse } from './convert-response'
import { embeddingsBody, embeddingsResponse } from './embeddings'
import { mapGeminiError } from './errors'
import { parseGeminiModels } from './models'
import { GeminiStream } from './stream'

function headers(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...provider.headers,
    ...authHeaders(provider),
  }
}

/** The model's own id (a `models/` prefix is accepted too). */
function modelPath(model: string): string {
  return `/models/${encodeURIComponent(model.replace(/^models\//, ''))}`
}

export const geminiAdapter: ProviderAdapter = {
  dialect: 'gemini',

  chatRequest(ctx: AdapterContext, body: ChatRequest): UpstreamRequest {
    const converted = convertRequest(ctx, body)
    const stream = body.stream === true
    const action = stream ? ':streamGenerateContent?alt=sse' : ':generateContent'
    return {
      url: joinUrl(ctx.provider.baseUrl, modelPath(ctx.model) + action),
      method: 'POST',
      headers: headers(ctx.provider, stream),
      body: JSON.stringify(converted.body),
      warnings: converted.warnings,
    }
  },

  chatResponse(ctx: AdapterContext, body: unknown): ChatCompletion {
    return convertResponse(body, ctx.model)
  },

  streamTranslator(ctx: AdapterContext, body: ChatRequest): StreamTranslator {
    return new GeminiStream(ctx.model, body)
  },

  modelsRequest(provider: ResolvedProvider): UpstreamRequest {
    return {
      url: joinUrl(provider.baseUrl, '/models?pageSize=1000'),
      method: 'GET',
      headers: headers(provider, false),
      warnings: [],
    }
  },

  modelsResponse(_provider: ResolvedProvider, body: unknown): UpstreamModel[] {
    return parseGeminiModels(body)
  },

  embeddingsRequest(ctx: AdapterContext, body: Record<string, unknown>): UpstreamRequest {
    const converted = embeddingsBody(ctx, body)
    return {
      url: joinUrl(ctx.provider.baseUrl, modelPath(ctx.model) + ':batchEmbedContents'),
      method: 'POST',
      headers: headers(ctx.provider, false),
      body: JSON.stringify(converted.body),
      warnings: converted.warnings,
    }
  },

  embeddingsResponse,

  mapError: mapGeminiError,
}
