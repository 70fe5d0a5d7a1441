/**
 * One streamed answer, from the provider's SSE body to the client's response: events are parsed as they
 * arrive, translated, restored when redaction is on, and written in OpenAI's format. The router hands
 * each stream here with the headers already set; what the stream needs from the router is `StreamHost`.
 */
import type { ServerResponse } from 'node:http'
import { StringDecoder } from 'node:string_decoder'
import {
  createParser,
  type EventSourceMessage,
  type EventSourceParser,
  type ParseError,
} from 'eventsource-parser'
import { GatewayError } from '../../shared/errors'
import type { ChatCompletionChunk } from '../../shared/openai'
import type { Logger } from '../log'
import type { AdapterContext, StreamOut, StreamTranslator } from '../providers/types'
import { ChunkRestorer, Restorer } from '../redaction'
import { errorEvent, forProvider, withoutKey } from './errors'
import type { BodySink, UpstreamResponse } from './upstream'

/** What a stream needs from the router around it (one per router, shared by its streams). */
export interface StreamHost {
  readonly log: Logger
  /** Counts a stream that failed after it started. */
  failed(): void
  /** Answer content the adapter could only keep in a vendor field. */
  logUnmapped(ctx: AdapterContext, warnings: unknown): void
  /** A transport failure of the provider's body, in the provider's name. */
  describe(err: unknown, ctx: AdapterContext): GatewayError
  /** How long a client may leave a stream unread (its socket full) before the stream is closed. */
  readonly stallMs: number
}

/** Restores placeholders in translator output (chat's `ChunkRestorer`; text completions bring their own). */
export interface StreamRestoring {
  process(items: StreamOut[]): StreamOut[]
  /** Held-back text, when the stream ends without [DONE] or an error event. */
  finish(): StreamOut | null
}

export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
}

/**
 * Streams `up` into `res` (whose headers have been set with `writeHead`); resolves when the response
 * has ended, whichever way.
 */
export function pipeStream(
  host: StreamHost,
  ctx: AdapterContext,
  translator: StreamTranslator,
  up: UpstreamResponse,
  res: ServerResponse,
  restorer?: Restorer | StreamRestoring,
): Promise<void> {
  return new Promise<void>((resolve) => {
    new StreamPipe(host, ctx, translator, up, res, restorer, resolve).start()
  })
}

class StreamPipe implements BodySink {
  private finished = false
  /**
   * The headers leave with the first event when the upstream already sent one (one write instead of
   * two); otherwise on the next turn of the event loop, so the client knows the stream started.
   */
  private wrote = false
  private pending: StreamOut[] = []
  /**
   * Until the first piece of the answer has gone out, every upstream chunk is translated and written at
   * once, and the one carrying the first piece of the answer leaves the socket at once. Node corks the
   * socket on a response write until the next tick, and undici emits each HTTP chunk it already holds as
   * its own 'data' in one tick: without this, the first token of a burst waits until the whole burst has
   * been translated. After it, everything that arrived in one read of the upstream socket is written with
   * one `write` when that read has been handled (a microtask later), so a burst costs one write and one
   * syscall instead of one per event.
   */
  private eager = true
  private scheduled = false
  /** Set while the client's socket is full (the provider is paused); closes a client that hung. */
  private stall: NodeJS.Timeout | undefined
  /** Placeholders are restored on the chunk objects; text that could still be one is held back. */
  private restoring: StreamRestoring | undefined
  private readonly decoder = new StringDecoder('utf8')
  private readonly parser: EventSourceParser
  /** Some text has been decoded (a byte order mark can only come before it). */
  private begun = false

  constructor(
    private readonly host: StreamHost,
    private readonly ctx: AdapterContext,
    private readonly translator: StreamTranslator,
    private readonly up: UpstreamResponse,
    private readonly res: ServerResponse,
    restorer: Restorer | StreamRestoring | undefined,
    private readonly resolve: () => void,
  ) {
    this.restoring = !restorer
      ? undefined
      : restorer instanceof Restorer
        ? new ChunkRestorer(restorer)
        : restorer
    this.parser = createParser({
      onEvent: this.onEvent,
      onError: onParseError,
      maxBufferSize: MAX_EVENT_CHARS,
    })
  }

  start(): void {
    setImmediate(flushHeadersIfIdle, this)
    this.res.on('close', this.onClose)
    this.up.body.read(this)
  }

  /** The headers alone, when nothing was written in the first turn of the event loop. */
  headersIfIdle(): void {
    if (!this.wrote && !this.res.writableEnded && !this.res.destroyed) this.res.flushHeaders()
  }

  private readonly onEvent = (ev: EventSourceMessage): void => {
    // The parser's message is an SseEvent already (its `id` is not read): no copy per event.
    for (const item of this.translator.push(ev)) this.pending.push(item)
  }

  /** The provider's bytes (BodySink). */
  data(bytes: Buffer): void {
    try {
      if (this.begun) this.parser.feed(this.decoder.write(bytes))
      else this.feedFirst(this.decoder.write(bytes))
      if (this.eager) this.flush()
      else if (!this.scheduled && this.pending.length) {
        this.scheduled = true
        queueMicrotask(this.flushLater)
      }
    } catch (err) {
      this.fail(err)
    }
  }

  /**
   * The first text of the stream, without the byte order mark the SSE spec says to drop (the parser looks
   * for one in undecoded form only, and would take `\uFEFFdata` for an unknown field and lose the event).
   */
  private feedFirst(text: string): void {
    if (!text) return // a character split across packets: nothing decoded yet
    this.begun = true
    this.parser.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  }

  private readonly flushLater = (): void => {
    this.scheduled = false
    try {
      this.flush()
    } catch (err) {
      this.fail(err)
    }
  }

  /** The provider's body ended (BodySink). */
  end(): void {
    if (this.finished) return
    try {
      this.parser.feed(this.decoder.end())
      this.parser.reset({ consume: true })
      for (const item of this.translator.end()) this.pending.push(item)
      this.flush()
      this.finish(true)
    } catch (err) {
      this.fail(err)
    }
  }

  /** The provider's body failed (BodySink). */
  error(err: Error): void {
    if (this.finished) return
    if (this.res.destroyed || this.res.writableEnded) return this.finish()
    this.pending.push({ kind: 'error', error: this.host.describe(err, this.ctx) })
    try {
      this.flush()
    } catch (failure) {
      // The restorer failed on the error itself: report that instead, and still end the response.
      return this.fail(failure)
    }
    this.finish()
  }

  private readonly onClose = (): void => this.finish()

  /** Writes what the translator produced in one write; ends the response after [DONE] or an error. */
  private flush(): void {
    if (this.finished || !this.pending.length) return
    let pending = this.pending
    this.pending = []
    if (this.restoring) pending = this.restoring.process(pending)
    let out = ''
    let last: 'done' | 'error' | undefined
    let answered = false
    for (const item of pending) {
      if (item.kind === 'chunk') {
        out += `data: ${item.raw ?? JSON.stringify(item.chunk)}\n\n`
        if (this.eager && !answered) answered = carriesAnswer(item.chunk)
        if (item.chunk.localrouter_warnings) this.host.logUnmapped(this.ctx, item.chunk.localrouter_warnings)
        continue
      }
      last = item.kind
      if (item.kind === 'done') out += 'data: [DONE]\n\n'
      else {
        this.host.failed()
        this.host.log.warn('stream failed', { provider: this.ctx.provider.id, code: item.error.code })
        out += errorEvent(withoutKey(forProvider(item.error, this.ctx.provider.id), this.ctx.provider.apiKey))
      }
      break
    }
    this.wrote = true
    if (last) {
      // The last event and the end of the response leave in one write.
      this.res.end(out)
      this.finish(last === 'done')
      return
    }
    const ok = this.res.write(out)
    if (this.eager && answered) {
      this.res.uncork()
      this.eager = false
    }
    if (!ok) {
      this.up.body.pause()
      this.stall ??= setTimeout(closeStalled, this.host.stallMs, this).unref()
      this.res.once('drain', () => {
        clearTimeout(this.stall)
        this.stall = undefined
        this.up.body.resume()
      })
    }
  }

  /**
   * The client kept its connection but read nothing for `stallMs`: a reader that hung. Its connection
   * and the provider's are closed, instead of both being held until the client process ends.
   */
  closeStalled(): void {
    this.stall = undefined
    if (this.finished) return
    this.host.log.info('client stopped reading', { provider: this.ctx.provider.id, ms: this.host.stallMs })
    this.finish()
    this.res.destroy()
  }

  private fail(err: unknown): void {
    // A failure inside restoring must not fail again while reporting it.
    this.restoring = undefined
    this.host.log.error('stream translation failed', {
      provider: this.ctx.provider.id,
      error: (err as Error)?.message,
    })
    this.pending = [
      {
        kind: 'error',
        error: new GatewayError(502, `Could not read ${this.ctx.provider.preset.label}'s stream`, {
          code: 'upstream_bad_stream',
        }),
      },
    ]
    this.flush()
    this.finish()
  }

  /**
   * Ends the client's response. After a clean end the upstream body is drained, not destroyed, so its
   * kept-alive connection is reused; after a failure or a client abort it is destroyed.
   */
  private finish(clean = false): void {
    if (this.finished) return
    this.finished = true
    if (this.stall) clearTimeout(this.stall)
    const { res, up } = this
    if (this.restoring && !res.writableEnded && !res.destroyed) {
      // The stream ended without [DONE] or an error event: still send what was held back.
      try {
        const rest = this.restoring.finish()
        if (rest?.kind === 'chunk') res.write(`data: ${JSON.stringify(rest.chunk)}\n\n`)
      } catch {}
    }
    if (clean) up.body.discard()
    else up.body.destroy()
    if (!res.writableEnded) res.end()
    this.resolve()
  }
}

function closeStalled(pipe: StreamPipe): void {
  pipe.closeStalled()
}

/**
 * The most one event may hold before the stream is failed: a provider sending megabytes without an event's
 * end would otherwise be buffered until memory runs out. Generous: an event may carry an image in base64.
 */
const MAX_EVENT_CHARS = 32 * 1024 * 1024

/** The parser reports unknown fields and bad `retry:` values too (ignored, as the SSE spec says); only an
 * event over MAX_EVENT_CHARS fails the stream (thrown out of `feed`, so `data` reports it). */
function onParseError(err: ParseError): void {
  if (err.type === 'max-buffer-size-exceeded') throw err
}

function flushHeadersIfIdle(pipe: StreamPipe): void {
  pipe.headersIfIdle()
}

/** True when a chunk holds part of the answer (more than the opening role). */
function carriesAnswer(chunk: ChatCompletionChunk): boolean {
  if (chunk.usage) return true
  for (const c of chunk.choices ?? []) {
    if (c.finish_reason) return true
    const d = c.delta as Record<string, unknown> | undefined
    if (d) {
      for (const k in d) if (k !== 'role' && d[k] !== '' && d[k] !== null && d[k] !== undefined) return true
    } else {
      // A legacy text completion chunk (`POST /v1/completions`): its answer is `text`, there is no delta.
      const text = (c as { text?: unknown }).text
      if (typeof text === 'string' && text !== '') return true
    }
  }
  return false
}
