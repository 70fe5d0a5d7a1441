/**
 * Anthropic Messages API (`POST /v1/messages`, `x-api-key`, `anthropic-version`) behind the
 * OpenAI-compatible endpoint. Pure transforms; the router does the I/O.
 */
import type { ChatCompletion, ChatRequest } from '../../../shared/openai'
import { authHeaders, joinUrl } from '../auth'
import { modelCaps } from '../catalog'
import type {
  AdapterContext,
  ProviderAdapter,
  ResolvedProvider,
  StreamTranslator,
  UpstreamModel,
  UpstreamRequest,
} from '../types'
import { answerTool } from './answer-tool'
import { convertRequest } from './convert-request'
import { convertResponse } from './convert-response'
import { mapAnthropicError } from './errors'
import { parseAnthropicModels } from './models'
import { AnthropicStream } from './stream'

export const ANTHROPIC_VERSION = '2023-06-01'

function headers(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': provider.apiVersion ?? provider.preset.defaultApiVersion ?? ANTHROPIC_VERSION,
    ...provider.headers,
    ...authHeaders(provider),
  }
}

export const anthropicAdapter: ProviderAdapter = {
  dialect: 'anthropic',

  chatRequest(ctx: AdapterContext, body: ChatRequest): UpstreamRequest {
    const converted = convertRequest(ctx, body)
    if (converted.answerTool) ctx.answerTool = converted.answerTool
    else delete ctx.answerTool
    return {
      url: joinUrl(ctx.provider.baseUrl, '/v1/messages'),
      method: 'POST',
      headers: headers(ctx.provider, body.stream === true),
      body: JSON.stringify(converted.body),
      warnings: converted.warnings,
    }
  },

  chatResponse(ctx: AdapterContext, body: unknown): ChatCompletion {
    return convertResponse(body, ctx.model, ctx.answerTool)
  },

  streamTranslator(ctx: AdapterContext, body: ChatRequest): StreamTranslator {
    // Decided from the request again, so a translator does not depend on chatRequest having run first.
    const caps = modelCaps(ctx.provider.id, ctx.model, ctx.provider.preset.id)
    return new AnthropicStream(ctx.model, body, answerTool(caps, body)?.name)
  },

  modelsRequest(provider: ResolvedProvider): UpstreamRequest {
    return {
      url: joinUrl(provider.baseUrl, '/v1/models?limit=1000'),
      method: 'GET',
      headers: headers(provider, false),
      warnings: [],
    }
  },

  modelsResponse(_provider: ResolvedProvider, body: unknown): UpstreamModel[] {
    return parseAnthropicModels(body)
  },

  mapError: mapAnthropicError,
}
