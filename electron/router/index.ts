/**
 * One request, end to end: resolve the model, build the provider's request, send it, and stream or
 * return the answer in OpenAI's format. The gateway hands each route here; this is the only place
 * that talks to providers.
 */
import type { ServerResponse } from 'node:http'
import { GatewayError } from '../../shared/errors'
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequest,
  ModelEntry,
  ModelsList,
} from '../../shared/openai'
import type { RedactionConfig } from '../config/schema'
import { type Logger, silentLogger } from '../log'
import { modelFacts, openRouterPricing } from '../providers/catalog'
import { ADAPTERS } from '../providers/registry'
import {
  CompletionChunkRestorer,
  parseRedactHeader,
  prepareChat,
  prepareCompletion,
  prepareEmbeddings,
  restoreTextCompletion,
  type Restorer,
  restoreCompletion,
} from '../redaction'
import type {
  AdapterContext,
  ProviderAdapter,
  ResolvedProvider,
  StreamTranslator,
  UpstreamModel,
  UpstreamRequest,
  Warning,
} from '../providers/types'
import type { ProviderEntry, ProviderResolver } from './providers'
import { assembleStream, assembleTextStream } from './assemble'
import { errorEvent, forProvider, requestFault, withoutKey } from './errors'
import { LiveList } from './live'
import { pipeStream, STREAM_HEADERS, type StreamHost } from './stream-pipe'
import { type CancelSignal, readText, type Timeouts, type UpstreamResponse, Upstreams } from './upstream'

/** Upstream error bodies and non-streamed answers larger than this are refused. */
const MAX_UPSTREAM_BODY = 64 * 1024 * 1024
const MAX_ERROR_BODY = 1024 * 1024

/** The warning for a stream request answered with one JSON body (some local servers do): still an answer. */
const NOT_STREAMED = warningsHeader([
  {
    code: 'stream_not_honoured',
    message: 'The provider did not stream; the whole answer is returned at once',
  },
])

export interface RouterOptions {
  resolver: ProviderResolver
  timeouts: Timeouts
  modelsCacheSeconds: number
  logger?: Logger
  /** The config's `redaction` section, read per request (so edits apply at once). */
  redaction?: () => RedactionConfig | undefined
}

export interface ChatOptions {
  /** The `x-localrouter-redact` request header, as received. */
  redact?: string | string[] | undefined
}

export interface RequestStats {
  inFlight: number
  total: number
  failed: number
}

export function adapterFor(provider: ResolvedProvider): ProviderAdapter {
  const adapter = ADAPTERS[provider.preset.dialect]
  if (!adapter) {
    throw new GatewayError(
      501,
      `Provider '${provider.id}' speaks ${provider.preset.dialect}, which this build cannot translate`,
      {
        code: 'dialect_not_supported',
        provider: provider.id,
      },
    )
  }
  return adapter
}

function lowerHeaders(headers: UpstreamResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

/** Header-safe (ASCII) JSON of the warnings, for `x-localrouter-warnings`. */
export function warningsHeader(warnings: Warning[]): string {
  return JSON.stringify(warnings).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** One chat or completions request's bookkeeping, shared by its two parts (Router.chat, Router.completions). */
interface ProviderCall {
  started: number
  liveSlot: number
  /** Known once the model is resolved. */
  provider?: ResolvedProvider
  /** Set once the provider is being called: every later failure concerns it. */
  calling?: boolean
  up?: UpstreamResponse
}

/** A text completion whose provider has answered with its headers (Router.openCompletion). */
interface OpenCompletion {
  /** The adapter's completions stream translator. */
  translate(ctx: AdapterContext): StreamTranslator
  ctx: AdapterContext
  up: UpstreamResponse
  headers: Record<string, string>
  stream: boolean
  restorer: Restorer | undefined
}

/** A chat whose provider has answered with its headers (Router.openChat). */
interface OpenChat {
  adapter: ProviderAdapter
  ctx: AdapterContext
  up: UpstreamResponse
  /** The response headers LocalRouter adds (provider, redaction, warnings). */
  headers: Record<string, string>
  /** The client asked for a stream. */
  stream: boolean
  restorer: Restorer | undefined
  /** Set when the answer is relayed as a stream. */
  translator?: StreamTranslator
  /** Set when a whole answer is expected but the provider sent a stream: it is read with this. */
  assemble?: StreamTranslator
}

export class Router {
  readonly upstreams: Upstreams
  readonly stats: RequestStats = { inFlight: 0, total: 0, failed: 0 }
  private readonly log: Logger
  private readonly modelsCache = new Map<string, { at: number; models: Promise<UpstreamModel[]> }>()
  /** Live responses, so a shutdown can end them cleanly. */
  private readonly live = new LiveList<ServerResponse>()

  /** What every stream needs from this router. */
  private readonly streamHost: StreamHost

  constructor(private readonly opts: RouterOptions) {
    this.upstreams = new Upstreams(opts.timeouts)
    this.log = opts.logger ?? silentLogger
    this.streamHost = {
      log: this.log,
      failed: () => void this.stats.failed++,
      logUnmapped: (ctx, warnings) => this.logUnmapped(ctx, warnings),
      describe: (err, ctx) => this.upstreams.describe(err, ctx.provider),
      stallMs: opts.timeouts.idleMs,
    }
  }

  get resolver(): ProviderResolver {
    return this.opts.resolver
  }

  private async send(
    provider: ResolvedProvider,
    upstream: UpstreamRequest,
    signal: CancelSignal,
  ): Promise<UpstreamResponse> {
    // LOCALROUTER_LOG_LEVEL=debug: where each request goes (never its headers: they carry the key).
    if (this.log.debugging())
      this.log.debug('upstream request', {
        provider: provider.id,
        method: upstream.method,
        url: upstream.url,
        bytes: upstream.body?.length ?? 0,
      })
    return this.upstreams.request(upstream, signal, provider.preset.label)
  }

  /** A whole upstream body; a transport failure midway says what happened, in the provider's name. */
  private async readBody(up: UpstreamResponse, provider: ResolvedProvider): Promise<string> {
    try {
      return await readText(up.body, MAX_UPSTREAM_BODY)
    } catch (err) {
      throw this.upstreams.describe(err, provider)
    }
  }

  private async failFromUpstream(
    adapter: ProviderAdapter,
    provider: ResolvedProvider,
    res: UpstreamResponse,
  ): Promise<never> {
    if (res.statusCode < 400) {
      // Redirects are not followed (a key must not travel to wherever a provider points): say where it was.
      res.body.destroy()
      const location = res.headers.location
      throw new GatewayError(
        502,
        `${provider.preset.label} answered with a redirect (HTTP ${res.statusCode})${location ? ` to ${String(location)}` : ''}; set the provider's baseUrl to the address it should be reached at`,
        { code: 'upstream_redirect', provider: provider.id },
      )
    }
    let text = ''
    try {
      text = await readText(res.body, MAX_ERROR_BODY)
    } catch {
      // The status alone still says what happened.
    }
    throw adapter.mapError(provider, res.statusCode, text, lowerHeaders(res.headers))
  }

  /**
   * POST /v1/chat/completions. Writes the whole answer (or error) to `res`.
   *
   * In two parts, so the request body is gone while the answer runs: `openChat` (the request, up to the
   * provider's headers) and `answerChat` (the answer, for a stream until its last token). An async
   * function keeps its parameters and the values in its frame for as long as it runs, and a long prompt
   * (an agent's context, hundreds of KB) would stay in memory, parsed and as sent, all that time.
   */
  chat(
    body: ChatRequest,
    res: ServerResponse,
    signal: CancelSignal,
    chatOpts: ChatOptions = {},
  ): Promise<void> {
    const call = this.begin(res)
    return this.answerChat(this.openChat(body, signal, chatOpts, call), res, call)
  }

  /** A chat or completion starts: counted, and its response listed as live (for shutdown). */
  private begin(res: ServerResponse): ProviderCall {
    this.stats.inFlight++
    this.stats.total++
    return { started: performance.now(), liveSlot: this.live.add(res) }
  }

  /** A chat or completion failed: a body nobody went on to read must not hold its connection. */
  private failCall(
    what: 'chat' | 'completions',
    res: ServerResponse,
    call: ProviderCall,
    err: unknown,
  ): void {
    call.up?.body.destroy()
    const provider = call.provider
    this.fail(what, res, err, {
      provider: provider?.id,
      upstream: call.calling ? provider?.id : undefined,
      apiKey: provider?.apiKey,
    })
  }

  private endCall(call: ProviderCall): void {
    this.stats.inFlight--
    this.live.remove(call.liveSlot)
  }

  /** The provider called, up to its headers: what the answer needs, and nothing of the request body. */
  private async openChat(
    body: ChatRequest,
    signal: CancelSignal,
    chatOpts: ChatOptions,
    call: ProviderCall,
  ): Promise<OpenChat> {
    const { provider, model } =
      this.opts.resolver.forModelNow(body.model) ?? (await this.opts.resolver.forModel(body.model))
    call.provider = provider
    const adapter = adapterFor(provider)
    const ctx: AdapterContext = { provider, model, requestedModel: body.model }
    // Redaction runs before anything is built for the provider; any failure refuses the request.
    // With the mode off it returns the body as it is, at the cost of one config lookup.
    const prepared = prepareChat(
      body,
      this.opts.redaction?.(),
      { id: provider.id, local: provider.preset.local },
      parseRedactHeader(chatOpts.redact),
    )
    body = prepared.body
    const upstream = adapter.chatRequest(ctx, body)
    const headers: Record<string, string> = {
      'x-localrouter-provider': provider.id,
      ...prepared.headers,
    }
    this.reportUnsent(headers, provider, upstream.warnings)
    call.calling = true
    const up = (call.up = await this.send(provider, upstream, signal))
    if (up.statusCode >= 300) await this.failFromUpstream(adapter, provider, up)
    const stream = body.stream === true
    const open: OpenChat = { adapter, ctx, up, headers, stream, restorer: prepared.restorer }
    if (stream && up.contentType.includes('text/event-stream'))
      open.translator = adapter.streamTranslator(ctx, body)
    else if (isEventStream(up))
      // A stream to a request that asked for none is still the answer, assembled: read as a stream with
      // its usage chunk (a non-stream answer always has its usage).
      open.assemble = adapter.streamTranslator(ctx, {
        ...body,
        stream: true,
        stream_options: { ...body.stream_options, include_usage: true },
      })
    return open
  }

  private async answerChat(
    opening: Promise<OpenChat>,
    res: ServerResponse,
    call: ProviderCall,
  ): Promise<void> {
    try {
      const open = await opening
      if (open.translator) {
        res.writeHead(200, { ...STREAM_HEADERS, ...open.headers })
        await pipeStream(this.streamHost, open.ctx, open.translator, open.up, res, open.restorer)
      } else await this.sendJson(open, res)
      this.log.info('chat', {
        provider: open.ctx.provider.id,
        stream: open.stream,
        status: res.statusCode,
        ms: Math.round(performance.now() - call.started),
      })
    } catch (err) {
      this.failCall('chat', res, call, err)
    } finally {
      this.endCall(call)
    }
  }

  /**
   * A whole answer, as JSON (or as one event to a client that asked for a stream). `assemble`: how to read
   * the answer if it is a stream after all (its content type says so), given before the body is read.
   */
  private async sendJson(open: OpenChat, res: ServerResponse): Promise<void> {
    const { adapter, ctx, up, headers, stream: wantedStream, assemble, restorer } = open
    const text = await this.readBody(up, ctx.provider)
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // Not JSON (looked at only now, off the success path): a stream is assembled; anything else is a 502.
      if (!assemble) throw notJson(ctx.provider)
    }
    const completion: ChatCompletion =
      parsed === undefined && assemble ? assembleStream(assemble, text) : adapter.chatResponse(ctx, parsed)
    if (completion.localrouter_warnings) this.logUnmapped(ctx, completion.localrouter_warnings)
    if (restorer) restoreCompletion(completion, restorer)
    if (wantedStream) {
      // The client reads events only (a JSON body reads as an empty stream): the answer goes as one event.
      headers['x-localrouter-warnings'] ??= NOT_STREAMED
      writeAsStream(res, JSON.stringify(completionAsChunk(completion)), headers)
      return
    }
    const out =
      !restorer && adapter.dialect === 'openai' && completion === parsed ? text : JSON.stringify(completion)
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(out),
      ...headers,
    })
    res.end(out)
  }

  /** Request settings the provider cannot honour: in `x-localrouter-warnings` and the log. */
  private reportUnsent(
    headers: Record<string, string>,
    provider: ResolvedProvider,
    warnings: Warning[],
  ): void {
    if (!warnings.length) return
    headers['x-localrouter-warnings'] = warningsHeader(warnings)
    this.log.warn('request settings not honoured', {
      provider: provider.id,
      warnings: warnings.map((w) => w.param ?? w.code),
    })
  }

  /**
   * A chat or completions request that failed: counted, logged (a client that went away only counted),
   * answered in OpenAI's shape, naming the provider once it was called, never with its key.
   */
  private fail(
    kind: 'chat' | 'completions',
    res: ServerResponse,
    err: unknown,
    ids: { provider?: string; upstream?: string; apiKey?: string },
  ): void {
    this.stats.failed++
    const fault = err instanceof GatewayError ? undefined : requestFault(err)
    if (fault) err = fault
    const e =
      err instanceof GatewayError
        ? err
        : new GatewayError(500, 'Internal error while handling the request', { code: 'internal_error' })
    if (!(err instanceof GatewayError))
      this.log.error(`${kind} failed`, { provider: ids.provider, error: (err as Error)?.message })
    else if (e.status !== 499)
      this.log.info(`${kind} error`, { provider: ids.provider, status: e.status, code: e.code })
    writeError(res, withoutKey(forProvider(e, ids.upstream), ids.apiKey))
  }

  /** Answer content the adapter could only keep in a vendor field (the client sees the same list). */
  private logUnmapped(ctx: AdapterContext, warnings: unknown): void {
    this.log.warn('response content not mapped', {
      provider: ctx.provider.id,
      warnings: Array.isArray(warnings) ? warnings.map((w: { type?: unknown }) => String(w?.type)) : [],
    })
  }

  /** POST /v1/embeddings, passed through to providers that have them. */
  async embeddings(
    body: Record<string, unknown>,
    res: ServerResponse,
    signal: CancelSignal,
    chatOpts: ChatOptions = {},
  ): Promise<void> {
    this.stats.total++
    let upstreamId: string | undefined
    let apiKey: string | undefined
    try {
      const { provider, model } =
        this.opts.resolver.forModelNow(body.model) ?? (await this.opts.resolver.forModel(body.model))
      apiKey = provider.apiKey
      const adapter = adapterFor(provider)
      if (!provider.preset.embeddings || !adapter.embeddingsRequest) {
        throw new GatewayError(400, `${provider.preset.label} has no embeddings endpoint`, {
          code: 'embeddings_not_supported',
          param: 'model',
          provider: provider.id,
        })
      }
      // Inputs leave the machine too: the same redaction mode applies (nothing to restore).
      const prepared = prepareEmbeddings(
        body,
        this.opts.redaction?.(),
        { id: provider.id, local: provider.preset.local },
        parseRedactHeader(chatOpts.redact),
      )
      body = prepared.body
      const redactedHeaders = prepared.headers
      const ctx: AdapterContext = { provider, model, requestedModel: String(body.model) }
      const upstream = adapter.embeddingsRequest(ctx, body)
      upstreamId = provider.id
      const up = await this.send(provider, upstream, signal)
      if (up.statusCode >= 300) await this.failFromUpstream(adapter, provider, up)
      let text = await this.readBody(up, provider)
      if (adapter.embeddingsResponse) {
        text = JSON.stringify(adapter.embeddingsResponse(ctx, parseAnswer(text, provider), body))
      } else if (body.encoding_format === 'base64' && FLOAT_EMBEDDING.test(text)) {
        // Asked for base64 (the official SDKs do by default, and decode without looking) but sent floats:
        // the SDK would decode the numbers as base64 into garbage. Encode them as asked.
        text = JSON.stringify(floatsToBase64(parseAnswer(text, provider)))
      }
      const headers: Record<string, string> = { 'x-localrouter-provider': provider.id, ...redactedHeaders }
      if (upstream.warnings.length) headers['x-localrouter-warnings'] = warningsHeader(upstream.warnings)
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...headers,
      })
      res.end(text)
    } catch (err) {
      this.stats.failed++
      writeError(
        res,
        err instanceof GatewayError
          ? withoutKey(forProvider(err, upstreamId), apiKey)
          : (requestFault(err) ?? new GatewayError(500, 'Internal error', { code: 'internal_error' })),
      )
    }
  }

  /**
   * POST /v1/completions: OpenAI's legacy text completions (prompt, `suffix` for fill-in-the-middle), passed
   * through to providers that have them, streamed with the same guarantees as chat. In two parts, as chat
   * is, so the prompt (a whole file around the cursor) is not held while the answer runs.
   */
  completions(
    body: Record<string, unknown>,
    res: ServerResponse,
    signal: CancelSignal,
    chatOpts: ChatOptions = {},
  ): Promise<void> {
    const call = this.begin(res)
    return this.answerCompletion(this.openCompletion(body, signal, chatOpts, call), res, call)
  }

  private async openCompletion(
    body: Record<string, unknown>,
    signal: CancelSignal,
    chatOpts: ChatOptions,
    call: ProviderCall,
  ): Promise<OpenCompletion> {
    const { provider, model } =
      this.opts.resolver.forModelNow(body.model) ?? (await this.opts.resolver.forModel(body.model))
    call.provider = provider
    const adapter = adapterFor(provider)
    const translate = adapter.completionsStream?.bind(adapter)
    if (!provider.preset.completions || !adapter.completionsRequest || !translate) {
      throw new GatewayError(
        400,
        `${provider.preset.label} has no text completions endpoint (POST /v1/completions); use /v1/chat/completions`,
        { code: 'completions_not_supported', param: 'model', provider: provider.id },
      )
    }
    // Prompt and suffix leave the machine: the same redaction mode applies, failing closed.
    const prepared = prepareCompletion(
      body,
      this.opts.redaction?.(),
      { id: provider.id, local: provider.preset.local },
      parseRedactHeader(chatOpts.redact),
    )
    body = prepared.body
    const ctx: AdapterContext = { provider, model, requestedModel: String(body.model) }
    const upstream = adapter.completionsRequest(ctx, body)
    const warnings = [...upstream.warnings, ...prepared.warnings]
    const headers: Record<string, string> = { 'x-localrouter-provider': provider.id, ...prepared.headers }
    this.reportUnsent(headers, provider, warnings)
    call.calling = true
    const up = (call.up = await this.send(provider, upstream, signal))
    if (up.statusCode >= 300) await this.failFromUpstream(adapter, provider, up)
    return { translate, ctx, up, headers, stream: body.stream === true, restorer: prepared.restorer }
  }

  private async answerCompletion(
    opening: Promise<OpenCompletion>,
    res: ServerResponse,
    call: ProviderCall,
  ): Promise<void> {
    try {
      const { translate, ctx, up, headers, stream, restorer } = await opening
      const provider = ctx.provider
      if (stream && up.contentType.includes('text/event-stream')) {
        res.writeHead(200, { ...STREAM_HEADERS, ...headers })
        await pipeStream(
          this.streamHost,
          ctx,
          translate(ctx),
          up,
          res,
          restorer && new CompletionChunkRestorer(restorer),
        )
      } else {
        let text = await this.readBody(up, provider)
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          // Not JSON (looked at only now): a stream to a request that asked for none is still the answer.
          if (!isEventStream(up)) throw notJson(provider)
          parsed = assembleTextStream(translate(ctx), text)
          text = JSON.stringify(parsed)
        }
        if (
          typeof parsed !== 'object' ||
          parsed === null ||
          !Array.isArray((parsed as { choices?: unknown }).choices)
        )
          throw new GatewayError(502, `${provider.preset.label} sent a response without choices`, {
            code: 'upstream_bad_response',
            provider: provider.id,
          })
        let out = text
        if (restorer) {
          restoreTextCompletion(parsed, restorer)
          out = JSON.stringify(parsed)
        }
        if (stream) {
          // A text completion's stream events have the shape of the whole answer: it goes as one event.
          headers['x-localrouter-warnings'] ??= NOT_STREAMED
          writeAsStream(res, out.replace(/[\r\n]/g, ''), headers)
          return
        }
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(out),
          ...headers,
        })
        res.end(out)
      }
      this.log.info('completions', {
        provider: provider.id,
        stream,
        status: res.statusCode,
        ms: Math.round(performance.now() - call.started),
      })
    } catch (err) {
      this.failCall('completions', res, call, err)
    } finally {
      this.endCall(call)
    }
  }

  private providerModels(entry: ProviderEntry): Promise<UpstreamModel[]> {
    const ttl = this.opts.modelsCacheSeconds * 1000
    const hit = this.modelsCache.get(entry.id)
    if (hit && performance.now() - hit.at < ttl) return hit.models
    const models = (async () => {
      const provider = await this.opts.resolver.resolve(entry)
      const extra = (provider.models ?? []).map((id) => ({ id }))
      if (!provider.preset.listsModels)
        return [...extra, ...(provider.preset.knownModels ?? []).map((id) => ({ id }))]
      const adapter = adapterFor(provider)
      const up = await this.send(
        provider,
        adapter.modelsRequest(provider),
        AbortSignal.timeout(this.opts.timeouts.firstByteMs),
      )
      if (up.statusCode >= 300) await this.failFromUpstream(adapter, provider, up)
      let parsed: unknown
      try {
        parsed = JSON.parse(await this.readBody(up, provider))
      } catch (err) {
        if (err instanceof GatewayError) throw err
        throw new GatewayError(502, `${provider.preset.label} sent a model list that is not JSON`, {
          code: 'upstream_bad_models',
        })
      }
      return [...adapter.modelsResponse(provider, parsed), ...extra]
    })()
    this.modelsCache.set(entry.id, { at: performance.now(), models })
    // A failure is not cached: the next call asks again.
    models.catch(() => this.modelsCache.delete(entry.id))
    return models
  }

  /** GET /v1/models: every configured provider's live list, `provider/model` ids, facts where known. */
  async models(): Promise<ModelsList> {
    const ids = this.opts.resolver.ids()
    const results = await Promise.allSettled(
      ids.map((id) => this.providerModels(this.opts.resolver.entry(id)!)),
    )
    const list: ModelsList = { object: 'list', data: [] }
    const errors: NonNullable<ModelsList['errors']> = []
    results.forEach((result, i) => {
      const id = ids[i]!
      const entry = this.opts.resolver.entry(id)!
      if (result.status === 'rejected') {
        const e =
          result.reason instanceof GatewayError
            ? result.reason
            : new GatewayError(502, String((result.reason as Error)?.message ?? result.reason))
        errors.push({ provider: id, error: { ...e.toBody().error, code: e.code } })
        return
      }
      const seen = new Set<string>()
      for (const m of result.value) {
        if (seen.has(m.id)) continue
        seen.add(m.id)
        list.data.push(toModelEntry(entry, m))
      }
    })
    if (errors.length) list.errors = errors
    return list
  }

  /** GET /v1/models/{provider}/{model}: one entry of the provider's live list (OpenAI's models.retrieve). */
  async model(id: string): Promise<ModelEntry> {
    const slash = id.indexOf('/')
    const entry = slash > 0 ? this.opts.resolver.entry(id.slice(0, slash)) : undefined
    const notFound = () =>
      new GatewayError(404, `The model '${id}' does not exist in any configured provider's model list`, {
        type: 'invalid_request_error',
        code: 'model_not_found',
        param: 'model',
      })
    if (!entry) throw notFound()
    const wanted = id.slice(slash + 1)
    const found = (await this.providerModels(entry)).find((m) => m.id === wanted)
    if (!found) throw notFound()
    return toModelEntry(entry, found)
  }

  clearModelsCache(): void {
    this.modelsCache.clear()
  }

  /** Ends every live stream with an error event (no [DONE]) and closes the upstream pools. */
  async close(): Promise<void> {
    for (const res of this.live) {
      if (res.headersSent && !res.writableEnded) {
        res.end(errorEvent(new GatewayError(503, 'LocalRouter is shutting down', { code: 'shutting_down' })))
      }
    }
    await this.upstreams.close()
  }
}

/** One answer as a whole stream: its one event, then [DONE]. `json` is one line of JSON. */
function writeAsStream(res: ServerResponse, json: string, headers: Record<string, string>): void {
  res.writeHead(200, { ...STREAM_HEADERS, ...headers })
  res.end(`data: ${json}\n\ndata: [DONE]\n\n`)
}

/** A whole chat answer as the one chunk that streams it: each message becomes a delta (tool calls indexed). */
function completionAsChunk(completion: ChatCompletion): ChatCompletionChunk {
  return {
    ...completion,
    object: 'chat.completion.chunk',
    choices: completion.choices.map(({ message, ...choice }) => {
      const { tool_calls: calls, ...rest } = message
      const delta: ChatCompletionChunk['choices'][number]['delta'] = rest
      if (Array.isArray(calls)) delta.tool_calls = calls.map((call, index) => ({ index, ...call }))
      return { ...choice, delta }
    }),
  }
}

/** An embeddings answer with a float array where base64 was asked for. */
const FLOAT_EMBEDDING = /"embedding"\s*:\s*\[/

/** Each float-array `embedding` of an embeddings answer as base64 of little-endian float32 (OpenAI's form). */
function floatsToBase64(answer: unknown): unknown {
  const data = (answer as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) return answer
  for (const item of data as Array<{ embedding?: unknown }>) {
    const e = item?.embedding
    if (!Array.isArray(e)) continue
    const floats = Float32Array.from(e as number[])
    item.embedding = Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64')
  }
  return answer
}

/** A provider's JSON answer; anything else is a 502 in the provider's name. */
function parseAnswer(text: string, provider: ResolvedProvider): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw notJson(provider)
  }
}

/** The provider says its body is a stream (media types are case-insensitive). Off the success path. */
function isEventStream(up: UpstreamResponse): boolean {
  return up.contentType.toLowerCase().includes('text/event-stream')
}

function notJson(provider: ResolvedProvider): GatewayError {
  return new GatewayError(502, `${provider.preset.label} sent a response that is not JSON`, {
    code: 'upstream_bad_response',
    provider: provider.id,
  })
}

export function toModelEntry(entry: ProviderEntry, m: UpstreamModel): ModelEntry {
  const facts = modelFacts(entry.id, m.id, entry.preset.id)
  const out: ModelEntry = {
    id: `${entry.id}/${m.id}`,
    object: 'model',
    created: m.created ?? 0,
    owned_by: m.owned_by ?? entry.id,
  }
  if (m.name) out.name = m.name
  const ctx = m.context_length ?? facts?.context_length
  if (ctx) out.context_length = ctx
  if (facts?.price) out.pricing = openRouterPricing(facts.price)
  const input = m.input_modalities ?? facts?.input
  const output = m.output_modalities ?? facts?.output
  if (input && output) out.architecture = { input_modalities: input, output_modalities: output }
  const maxOut = m.max_output_tokens ?? facts?.max_output
  if (maxOut) out.top_provider = { max_completion_tokens: maxOut }
  return out
}

/**
 * 5xx answers of ours that a retry cannot fix. The official SDKs retry every 5xx unless told
 * `x-should-retry: false`; for these that only repeats the request (and the provider's bill) two more times.
 */
const NOT_RETRYABLE = new Set([
  'upstream_bad_response',
  'upstream_redirect',
  'upstream_bad_models',
  'upstream_too_large',
  'dialect_not_supported',
  'redaction_failed',
])

/** Writes an error as JSON, or as a final SSE event when the stream has already started. */
export function writeError(res: ServerResponse, error: GatewayError): void {
  if (res.writableEnded || res.destroyed) return
  if (res.headersSent) {
    res.end(errorEvent(error))
    return
  }
  const body = JSON.stringify(error.toBody())
  const noRetry = error.status >= 500 && error.code !== null && NOT_RETRYABLE.has(error.code)
  // 499 is what we log for a client that went away; nobody is listening for it.
  res.writeHead(error.status === 499 ? 400 : error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(noRetry ? { 'x-should-retry': 'false' } : {}),
    ...error.headers,
  })
  res.end(body)
}
