/**
 * Small pure helpers shared by the translating adapters (anthropic/, gemini/): reading OpenAI request
 * parts, building OpenAI chunks, and the warnings for settings a provider cannot honour.
 */
import { GatewayError } from '../../shared/errors'
import type {
  ChatCompletionChunk,
  ChatContentPart,
  ChatMessage,
  ChatRequest,
  FinishReason,
  Usage,
} from '../../shared/openai'
import type { StreamOut, Warning } from './types'

/** `data:image/png;base64,AAAA` -> its media type and base64 payload; null for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | null {
  if (!url.startsWith('data:')) return null
  const comma = url.indexOf(',')
  if (comma < 0) return null
  const meta = url.slice(5, comma)
  if (!meta.endsWith(';base64')) return null
  return { mediaType: meta.slice(0, -7) || 'application/octet-stream', data: url.slice(comma + 1) }
}

/** The plain text of a message's content (string, or the text parts joined). */
export function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  let out = ''
  for (const part of content) if (part.type === 'text' && typeof part.text === 'string') out += part.text
  return out
}

/** The types of a message's parts that are not text (what a text-only place cannot take), in order. */
export function nonTextParts(content: ChatMessage['content']): string[] {
  if (!Array.isArray(content)) return []
  return content.filter((p) => p.type !== 'text').map((p) => String(p.type))
}

/** The warning for non-text parts a text-only place (a system prompt) could not take, if there are any. */
export function textOnlyWarning(
  label: string,
  where: string,
  what: string,
  types: string[],
): Warning | undefined {
  if (!types.length) return undefined
  return {
    code: 'unsupported_param',
    param: `${where}.content`,
    message: `${where}: ${label} takes only text in ${what}; its ${[...new Set(types)].join(', ')} part(s) were not sent`,
  }
}

/**
 * OpenAI's `name` on system, user and assistant messages (a participant's name): neither Anthropic nor
 * Gemini has a field for it, so one warning lists the messages whose name was not sent. (A tool message's
 * `name` is the function's name, used to match the result, not dropped.)
 */
export function namesWarning(label: string, messages: ChatMessage[]): Warning | undefined {
  const named: string[] = []
  messages.forEach((m, i) => {
    if (m.role !== 'tool' && typeof m.name === 'string' && m.name) named.push(`messages[${i}]`)
  })
  if (!named.length) return undefined
  return {
    code: 'unsupported_param',
    param: 'messages[].name',
    message: `${label} has no participant name on messages: the name on ${named.join(', ')} was not sent`,
  }
}

/** The content as a list of parts (a string becomes one text part). */
export function contentParts(content: ChatMessage['content']): ChatContentPart[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : []
  return Array.isArray(content) ? content : []
}

/** Parses tool-call arguments as a JSON object; reports what it could not read. */
export function parseArguments(
  args: string | undefined,
  warnings: Warning[],
  where: string,
): Record<string, unknown> {
  if (!args || !args.trim()) return {}
  try {
    const v: unknown = JSON.parse(args)
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>
  } catch {}
  warnings.push({
    code: 'param_mapped',
    param: where,
    message: `${where}: tool-call arguments are not a JSON object; sent as {"_raw": "<text>"}`,
  })
  return { _raw: args }
}

export function unsupported(label: string, param: string, why = 'it was not sent'): Warning {
  return { code: 'unsupported_param', param, message: `${label} does not support '${param}'; ${why}` }
}

/** True when a request field is present with a value that asks for something (not null / default). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false
}

/** What the client asked the answer to look like, read once from `stream_options`. */
export function wantsUsage(body: ChatRequest): boolean {
  return body.stream_options?.include_usage === true
}

/** The max output tokens the client asked for (`max_completion_tokens` wins over `max_tokens`). */
export function requestedMaxTokens(body: ChatRequest): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens
  return typeof v === 'number' && v > 0 ? v : undefined
}

export function stopList(stop: ChatRequest['stop']): string[] | undefined {
  if (typeof stop === 'string') return stop ? [stop] : undefined
  if (Array.isArray(stop)) {
    const list = stop.filter((s): s is string => typeof s === 'string' && s !== '')
    return list.length ? list : undefined
  }
  return undefined
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/**
 * Builds the OpenAI chunks of one stream, all with the same id, created and model. Each chunk comes with
 * its JSON text (`raw`), which the router writes as it is: the envelope (id, object, created, model) is
 * serialised once per stream, not once per chunk, so only the delta is stringified per event. `raw` is
 * always exactly `JSON.stringify(chunk)` (tests/unit/providers/chunk-writer.test.ts), so a chunk must not
 * be changed after it is built: pass warnings to `delta` instead.
 */
export class ChunkWriter {
  private envelope: string | undefined
  private _serviceTier: string | undefined

  constructor(
    private _id: string,
    private _model: string,
    readonly created: number = nowSeconds(),
  ) {}

  get id(): string {
    return this._id
  }

  set id(id: string) {
    if (id === this._id) return
    this._id = id
    this.envelope = undefined
  }

  get model(): string {
    return this._model
  }

  set model(model: string) {
    // Gemini names the model in every event: only a change costs a new envelope.
    if (model === this._model) return
    this._model = model
    this.envelope = undefined
  }

  get serviceTier(): string | undefined {
    return this._serviceTier
  }

  /**
   * OpenAI's `service_tier` for every chunk from here on (OpenAI streams it on each chunk, after `model`),
   * once the provider has said which tier serves the request; undefined leaves it out.
   */
  set serviceTier(tier: string | undefined) {
    if (tier === this._serviceTier) return
    this._serviceTier = tier
    this.envelope = undefined
  }

  /** `{"id":…,"object":"chat.completion.chunk","created":…,"model":…,["service_tier":…,]"choices":` */
  private head(): string {
    this.envelope ??= `{"id":${JSON.stringify(this._id)},"object":"chat.completion.chunk","created":${JSON.stringify(this.created)},"model":${JSON.stringify(this._model)},${this._serviceTier === undefined ? '' : `"service_tier":${JSON.stringify(this._serviceTier)},`}"choices":`
    return this.envelope
  }

  /** One chunk of this stream with the given choices (and usage, and warnings). */
  private chunk(
    choices: ChatCompletionChunk['choices'],
    choicesJson: string,
    usage?: Usage,
    warnings?: unknown[],
  ): StreamOut {
    const chunk: ChatCompletionChunk = {
      id: this._id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this._model,
      service_tier: this._serviceTier,
      choices,
    }
    let raw = this.head() + choicesJson
    if (usage) {
      chunk.usage = usage
      raw += `,"usage":${JSON.stringify(usage)}`
    }
    if (warnings?.length) {
      chunk.localrouter_warnings = warnings
      raw += `,"localrouter_warnings":${JSON.stringify(warnings)}`
    }
    return { kind: 'chunk', chunk, raw: `${raw}}` }
  }

  /** `logprobs`: the choice's OpenAI logprobs for the tokens in this delta (null when not asked for). */
  delta(
    delta: ChatCompletionChunk['choices'][number]['delta'],
    index = 0,
    warnings?: unknown[],
    logprobs: unknown = null,
  ): StreamOut {
    return this.chunk(
      [{ index, delta, logprobs, finish_reason: null }],
      `[{"index":${JSON.stringify(index)},"delta":${JSON.stringify(delta)},"logprobs":${logprobs === null ? 'null' : JSON.stringify(logprobs)},"finish_reason":null}]`,
      undefined,
      warnings,
    )
  }

  finish(reason: FinishReason, index = 0): StreamOut {
    return this.chunk(
      [{ index, delta: {}, logprobs: null, finish_reason: reason }],
      `[{"index":${JSON.stringify(index)},"delta":{},"logprobs":null,"finish_reason":${JSON.stringify(reason)}}]`,
    )
  }

  usage(usage: Usage): StreamOut {
    return this.chunk([], '[]', usage)
  }
}

export function streamError(message: string, code: string, type = 'upstream_error', status = 502): StreamOut {
  return { kind: 'error', error: new GatewayError(status, message, { code, type }) }
}

export function incompleteStream(label: string): StreamOut {
  return streamError(
    `${label} closed the stream before the answer was complete`,
    'upstream_incomplete_stream',
  )
}

export function badResponse(label: string, what: string): GatewayError {
  return new GatewayError(502, `${label} sent ${what}`, { code: 'upstream_bad_response' })
}

/** The request fields every translating adapter reads itself; anything else is reported, not dropped. */
export const HANDLED_EVERYWHERE = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'tools',
  'tool_choice',
  'response_format',
  'reasoning_effort',
  'user',
  'n',
  'parallel_tool_calls',
])

/** Fields whose value asks for nothing when they hold the OpenAI default. */
export function asksForSomething(field: string, v: unknown): boolean {
  if (v === undefined || v === null) return false
  switch (field) {
    case 'n':
      return v !== 1
    case 'logprobs':
    case 'store':
      return v !== false
    case 'presence_penalty':
    case 'frequency_penalty':
      return v !== 0
    case 'modalities':
      // ["text"] is OpenAI's default and what these adapters answer with anyway.
      return !(Array.isArray(v) && v.every((m) => m === 'text'))
    case 'logit_bias':
    case 'metadata':
      return typeof v === 'object' && Object.keys(v as object).length > 0
    default:
      return true
  }
}
