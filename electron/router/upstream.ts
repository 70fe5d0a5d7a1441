/**
 * All HTTP to providers goes through here: one undici Pool per upstream origin (kept-alive connections),
 * the client's abort signal and the configured timeouts on every request.
 */
import type { EventEmitter } from 'node:events'
import { Pool, type Dispatcher } from 'undici'
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

  async request(
    req: UpstreamRequest,
    signal: CancelSignal,
    providerLabel: string,
  ): Promise<Dispatcher.ResponseData> {
    const url = this.parse(req.url)
    try {
      return await this.pool(url.origin).request({
        path: url.path,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal,
        headersTimeout: this.timeouts.firstByteMs,
        bodyTimeout: this.timeouts.idleMs,
      })
    } catch (err) {
      throw networkError(err, providerLabel, url.host, this.timeouts)
    }
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
      if (e.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR')
        return new GatewayError(499, 'The request was cancelled', { code: 'client_closed_request' })
      return new GatewayError(502, `Request to ${label} failed: ${e.message ?? String(err)}`, {
        code: 'upstream_error',
      })
  }
}

/** Reads a whole body as text, refusing more than `limit` bytes. */
export function readText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    body.on('data', (buf: Buffer) => {
      size += buf.length
      if (size > limit) {
        body.destroy()
        reject(
          new GatewayError(502, `The provider's response is larger than ${limit} bytes`, {
            code: 'upstream_too_large',
          }),
        )
        return
      }
      chunks.push(buf)
    })
    body.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    )
    body.on('error', reject)
  })
}
