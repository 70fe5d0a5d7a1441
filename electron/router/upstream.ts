/**
 * All HTTP to providers goes through here: one undici Pool per upstream origin (kept-alive connections),
 * the client's abort signal and the configured timeouts on every request.
 */
import type { EventEmitter } from 'node:events'
import { errors, Pool } from 'undici'
import { GatewayError } from '../../shared/errors'
import type { UpstreamRequest } from '../providers/types'

export interface Timeouts {
  connectMs: number
  firstByteMs: number
  idleMs: number
}

/**
 * What cancels an upstream request: an AbortSignal, or (cheaper, for the per-request client signal) an
 * emitter of 'abort' with `aborted`, which undici takes as a request signal too.
 */
export type CancelSignal = AbortSignal | (EventEmitter & { readonly aborted: boolean })

export class Upstreams {
  private readonly pools = new Map<string, Pool>()
  private closed = false

  constructor(private readonly timeouts: Timeouts) {}

  /** Upstream URLs repeat (one per provider and model): parse each once. */
  private readonly urls = new Map<string, { origin: string; path: string; host: string }>()

  private parse(href: string): { origin: string; path: string; host: string } {
    let hit = this.urls.get(href)
    if (!hit) {
      const url = new URL(href)
      hit = { origin: url.origin, path: url.pathname + url.search, host: url.host }
      if (this.urls.size > 1000) this.urls.clear()
      this.urls.set(href, hit)
    }
    return hit
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin)
    if (!pool) {
      if (this.closed) throw new GatewayError(503, 'LocalRouter is shutting down', { code: 'shutting_down' })
      pool = new Pool(origin, {
        connect: { timeout: this.timeouts.connectMs },
        keepAliveTimeout: 30_000,
        pipelining: 1,
      })
      this.pools.set(origin, pool)
    }
    return pool
  }

  /** Resolves with the status and headers once they arrive; the body is read from `body`. */
  request(req: UpstreamRequest, signal: CancelSignal, providerLabel: string): Promise<UpstreamResponse> {
    const url = this.parse(req.url)
    // No closure here refers to `req`: the reply's callbacks live as long as the answer (a whole stream),
    // and would keep the request's body (a long prompt, as sent) alive with them.
    let resolve!: (reply: UpstreamResponse) => void
    let reject!: (err: Error) => void
    const answer = new Promise<UpstreamResponse>((res, rej) => {
      resolve = res
      reject = rej
    })
    const reply = new Reply(signal, resolve, (err) =>
      reject(networkError(err, providerLabel, url.host, this.timeouts)),
    )
    if (reply.settled) return answer
    try {
      this.pool(url.origin).dispatch(
        {
          path: url.path,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: this.timeouts.firstByteMs,
          bodyTimeout: this.timeouts.idleMs,
        },
        reply,
      )
    } catch (err) {
      reply.onError(err as Error)
    }
    return answer
  }

  /** Describes a failure of an upstream body that had already started. */
  describe(err: unknown, provider: { preset: { label: string }; baseUrl: string }): GatewayError {
    return networkError(err, provider.preset.label, new URL(provider.baseUrl).host, this.timeouts)
  }

  async close(): Promise<void> {
    this.closed = true
    const pools = [...this.pools.values()]
    this.pools.clear()
    await Promise.all(pools.map((p) => p.destroy().catch(() => undefined)))
  }
}

/** The provider's answer: status and headers (names in lower case), then the body as it arrives. */
export interface UpstreamResponse {
  readonly statusCode: number
  /**
   * Names in lower case. A successful answer's (2xx) are gone once its body is read: asking then throws.
   * undici's header buffers are views of the socket read they came in, which they would keep alive (and
   * past a young-generation collection, in the old generation) for as long as a stream runs.
   */
  readonly headers: Readonly<Record<string, string | string[]>>
  /** The content-type header (several joined by commas), or ''; read without building `headers`; kept. */
  readonly contentType: string
  readonly body: UpstreamBody
}

const CONTENT_TYPE = Buffer.from('content-type')

/** A raw header name is `content-type`, in any case (its letters and `-` are unchanged by OR 0x20). */
function isContentType(name: Buffer): boolean {
  if (name.length !== CONTENT_TYPE.length) return false
  for (let i = 0; i < name.length; i++) if ((name[i]! | 0x20) !== CONTENT_TYPE[i]) return false
  return true
}

/** Where a body's bytes go (`UpstreamBody.read`). Its callbacks run inside undici's parser: no re-entry. */
export interface BodySink {
  data(chunk: Buffer): void
  end(): void
  error(err: Error): void
}

/** A response body being received: its bytes flow into the sink given to `read`. */
export interface UpstreamBody {
  /** Starts the flow (once), beginning with what arrived before. */
  read(sink: BodySink): void
  /** Holds further bytes (the client is slow); `resume` lets them flow again. */
  pause(): void
  resume(): void
  /** The rest is not wanted: read and dropped, so the kept-alive connection can serve the next request. */
  discard(): void
  /** The rest is not wanted and the connection is closed (a failure, or a client that left). */
  destroy(err?: Error): void
}

const ABORTED = () => new errors.RequestAbortedError()

/** Bytes kept for a body nobody reads yet; past this, the connection waits until it is read. */
const EARLY_LIMIT = 1024 * 1024

/**
 * What a discarded rest may still cost before its connection is closed instead of kept: a provider that
 * goes on after [DONE] (a flood, or a comment now and then) must not hold it forever. undici's own
 * `body.dump()` reads at most 128 KB too.
 */
const DISCARD_BYTES = 128 * 1024
const DISCARD_MS = 1000

/**
 * One upstream request on undici's dispatch API: the response's status and headers resolve the request's
 * promise and its bytes go straight to one sink. `Pool.request` wraps the same calls in a Readable stream,
 * an async resource and more promises per response: the gateway forwards or parses bytes and needs none.
 * Bytes that arrive before the router reads the body (a short answer comes with its headers) are kept
 * until it does, up to EARLY_LIMIT; an answer nobody reads still completes and frees its connection.
 */
class Reply implements UpstreamResponse, UpstreamBody {
  statusCode = 0
  /** Names and values as undici read them; turned into `headers` only when something asks for them. */
  private rawHeaders: Buffer[] | undefined = []
  private named: Record<string, string | string[]> | undefined
  private type: string | undefined
  /** The request has failed or its headers were handed over: the promise is settled. */
  settled = false
  private abortRequest: ((err: Error) => void) | undefined
  private resumeParser: (() => void) | undefined
  private sink: BodySink | undefined
  /** Bytes that came before `read`. */
  private early: Buffer[] | undefined
  private earlySize = 0
  private paused = false
  /** The sink's `data` is running (called by undici's parser). */
  private inParser = false
  /** The body's end or failure, when it came before `read`. */
  private outcome: Error | 'end' | undefined
  private done = false
  private destroyed = false
  private unlisten: (() => void) | undefined
  /** Set while a discarded rest is read and dropped (`discard`): its bytes so far, and its deadline. */
  private dropped = 0
  private dropTimer: NodeJS.Timeout | undefined

  constructor(
    signal: CancelSignal,
    private readonly resolve: (reply: UpstreamResponse) => void,
    private readonly reject: (err: Error) => void,
  ) {
    if (signal.aborted) {
      this.onError(abortReason(signal))
      return
    }
    const onAbort = () => this.destroy(abortReason(signal))
    if ('addEventListener' in signal) {
      signal.addEventListener('abort', onAbort, { once: true })
      this.unlisten = () => signal.removeEventListener('abort', onAbort)
    } else {
      signal.once('abort', onAbort)
      this.unlisten = () => signal.removeListener('abort', onAbort)
    }
  }

  get body(): UpstreamBody {
    return this
  }

  get headers(): Record<string, string | string[]> {
    if (this.named) return this.named
    const raw = this.rawHeaders
    if (!raw) throw new Error("A successful answer's headers are gone once its body is read")
    const headers: Record<string, string | string[]> = {}
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toString('latin1').toLowerCase()
      const value = raw[i + 1]!.toString('latin1')
      const seen = headers[name]
      headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
    }
    return (this.named = headers)
  }

  get contentType(): string {
    if (this.type !== undefined) return this.type
    const raw = this.rawHeaders ?? []
    let found: string | undefined
    for (let i = 0; i + 1 < raw.length; i += 2)
      if (isContentType(raw[i]!)) {
        const value = raw[i + 1]!.toString('latin1')
        found = found === undefined ? value : `${found},${value}`
      }
    return (this.type = found ?? '')
  }

  // undici's handler calls (Dispatcher.DispatchHandler, the form its HTTP/1.1 client calls directly).

  onConnect(abort: (err?: Error) => void): void {
    if (this.done) abort(ABORTED())
    else this.abortRequest = abort
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true // 1xx: informational, the real answer follows
    this.statusCode = statusCode
    this.rawHeaders = rawHeaders
    this.resumeParser = resume
    this.settled = true
    this.resolve(this)
    return true
  }

  onData(chunk: Buffer): boolean {
    const sink = this.sink
    if (sink === DROP) {
      this.dropped += chunk.length
      if (this.dropped > DISCARD_BYTES) this.destroy()
    } else if (sink) {
      this.inParser = true
      try {
        sink.data(chunk)
      } finally {
        this.inParser = false
      }
    } else {
      ;(this.early ??= []).push(chunk)
      this.earlySize += chunk.length
      if (this.earlySize > EARLY_LIMIT) this.paused = true
    }
    return !this.paused
  }

  onComplete(): void {
    this.finish('end')
  }

  onError(err: Error): void {
    if (!this.settled) {
      this.settled = true
      this.done = true
      this.unlisten?.()
      this.reject(err)
      return
    }
    this.finish(err)
  }

  private finish(outcome: Error | 'end'): void {
    if (this.done) return
    this.done = true
    this.unlisten?.()
    if (this.dropTimer) clearTimeout(this.dropTimer)
    const sink = this.sink
    if (!sink) this.outcome = outcome
    else if (outcome === 'end') sink.end()
    else {
      // undici calls this from a socket's 'close' or a timer too: a throw would reach its Client as an
      // 'error' event nobody listens to, and end the process. A sink failing on a failure has no one to tell.
      try {
        sink.error(outcome)
      } catch {}
    }
  }

  // The body, for the router.

  read(sink: BodySink): void {
    if (this.sink) throw new Error('An upstream body is read once')
    this.sink = sink
    if (this.statusCode < 300) {
      // Only failures are described from their headers (a redirect's location, a 429's retry-after); the
      // content type, read now, is kept.
      void this.contentType
      this.rawHeaders = undefined
      this.named = undefined
    }
    if (this.destroyed) {
      // Destroyed before it was read: whatever had arrived is gone, so it cannot end cleanly.
      sink.error(this.outcome instanceof Error ? this.outcome : ABORTED())
      return
    }
    const early = this.early
    if (early) {
      this.early = undefined
      // The early limit's hold ends here; a pause the sink asks for while it takes these bytes stands.
      this.paused = false
      for (const chunk of early) {
        sink.data(chunk)
        if (this.sink !== sink || this.destroyed) break // discarded or destroyed meanwhile
      }
    }
    if (this.destroyed) return // by the sink, which knows
    const outcome = this.sink === sink ? this.outcome : undefined
    if (outcome === 'end') sink.end()
    else if (outcome) sink.error(outcome)
    // Bytes flow on (also into a discard made meanwhile), unless a pause was asked for.
    else if (!this.paused && !this.done) this.resumeParser?.()
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    if (!this.paused || this.done) return
    this.paused = false
    // Inside the parser's own call, its return value lets the bytes flow on; undici's resume cannot nest.
    if (!this.inParser) this.resumeParser?.()
  }

  discard(): void {
    this.early = undefined
    this.sink = DROP
    if (this.done || this.dropTimer) return
    this.dropTimer = setTimeout(dropTooLong, DISCARD_MS, this)
    this.dropTimer.unref()
    this.resume()
  }

  destroy(err: Error = ABORTED()): void {
    this.early = undefined
    this.destroyed = true
    if (this.done) return
    if (this.abortRequest) this.abortRequest(err)
    else this.onError(err)
  }
}

const DROP: BodySink = { data() {}, end() {}, error() {} }

/**
 * Why a request was cancelled: an AbortSignal's reason (AbortSignal.timeout: a TimeoutError), as undici's
 * own request keeps it; else a plain abort.
 */
function abortReason(signal: CancelSignal): Error {
  return ('reason' in signal && (signal.reason as Error)) || ABORTED()
}

function dropTooLong(reply: Reply): void {
  reply.destroy()
}

/** Turns a transport failure into an OpenAI-shaped error that says what happened in plain words. */
export function networkError(err: unknown, label: string, host: string, timeouts: Timeouts): GatewayError {
  if (err instanceof GatewayError) return err
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new GatewayError(
        504,
        `${label} did not start answering within ${timeouts.firstByteMs / 1000}s`,
        { type: 'timeout_error', code: 'upstream_timeout' },
      )
    case 'UND_ERR_BODY_TIMEOUT':
      return new GatewayError(504, `${label} went silent for ${timeouts.idleMs / 1000}s mid-answer`, {
        type: 'timeout_error',
        code: 'upstream_timeout',
      })
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new GatewayError(
        504,
        `Could not connect to ${label} at ${host} within ${timeouts.connectMs / 1000}s`,
        { type: 'timeout_error', code: 'upstream_unreachable' },
      )
    case 'ECONNREFUSED':
      return new GatewayError(502, `${label} at ${host} refused the connection. Is it running?`, {
        code: 'upstream_unreachable',
      })
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new GatewayError(502, `Could not resolve ${host} for ${label}. Are you offline?`, {
        code: 'upstream_unreachable',
      })
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return new GatewayError(502, `${label} closed the connection unexpectedly`, {
        code: 'upstream_connection_reset',
      })
    default:
      // An AbortSignal.timeout() that fired (the models list, a key test): a timeout, not a cancellation.
      if (e.name === 'TimeoutError')
        return new GatewayError(504, `${label} did not answer in time`, {
          type: 'timeout_error',
          code: 'upstream_timeout',
        })
      if (e.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR')
        return new GatewayError(499, 'The request was cancelled', { code: 'client_closed_request' })
      return new GatewayError(502, `Request to ${label} failed: ${e.message ?? String(err)}`, {
        code: 'upstream_error',
      })
  }
}

/** Reads a whole body as text, refusing more than `limit` bytes. */
export function readText(body: UpstreamBody, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined
    let chunks: Buffer[] | undefined
    let size = 0
    body.read({
      data(buf) {
        size += buf.length
        if (size > limit) {
          reject(
            new GatewayError(502, `The provider's response is larger than ${limit} bytes`, {
              code: 'upstream_too_large',
            }),
          )
          body.destroy()
          return
        }
        if (!first) first = buf
        else (chunks ??= [first]).push(buf)
      },
      end() {
        resolve(chunks ? Buffer.concat(chunks).toString('utf8') : (first?.toString('utf8') ?? ''))
      },
      error: reject,
    })
  })
}
