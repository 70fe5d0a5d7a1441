/**
 * The local HTTP API: explicit routes over node:http, guards first, errors always OpenAI-shaped.
 * This is a request handler, not a server: tests and the desktop app both mount it (see listen.ts).
 */
import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { GatewayError } from '../../shared/errors'
import { ChatRequestSchema, type ChatRequest } from '../../shared/openai'
import { type Logger, silentLogger } from '../log'
import type { Router } from '../router'
import { writeError } from '../router'
import type { CancelSignal } from '../router/upstream'
import { checkHost, checkOrigin, checkToken, readJson } from './guards'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** Aborted when the client goes away before the answer is complete. */
  signal: CancelSignal
  readJson(): Promise<unknown>
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** An exact path, or a prefix ending in `/*`. */
  path: string
  /** `api`: the bearer token other apps get. `none`: the route does its own checks (or needs none). */
  auth: 'api' | 'none'
  handler(ctx: RequestContext): Promise<void> | void
}

export interface GatewayOptions {
  router: Router
  /** The current API token (read per request, so a rotation takes effect at once). */
  token(): string
  /** The port the server listens on (for same-origin checks). */
  port(): number
  allowedOrigins(): readonly string[]
  maxBodyBytes: number
  logger?: Logger
  /** More routes (the bridge, the UI, redaction) mounted by the caller. */
  routes?: Route[]
}

const CORS_ALLOW_HEADERS =
  'authorization, content-type, x-localrouter-redact, x-stainless-os, x-stainless-lang, x-stainless-arch, x-stainless-runtime, x-stainless-runtime-version, x-stainless-package-version, x-stainless-retry-count, x-stainless-timeout, openai-organization, openai-project'
const CORS_EXPOSE_HEADERS =
  'x-localrouter-provider, x-localrouter-warnings, x-localrouter-redacted, retry-after, retry-after-ms, x-should-retry'

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}

/**
 * Emits 'abort' once when the client goes away before its answer is complete. undici takes it as a
 * request signal; an AbortController with its EventTarget listeners cost ~3 µs per request, this ~0.15.
 */
export class ClientGone extends EventEmitter {
  aborted = false

  abort(): void {
    if (this.aborted) return
    this.aborted = true
    this.emit('abort')
  }
}

/** One request's context. Its URL is parsed on first use: a path sent exactly as a route names it needs none. */
class Context implements RequestContext {
  readonly signal = new ClientGone()
  private parsed: URL | undefined

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly target: string,
    private readonly maxBodyBytes: number,
  ) {}

  get url(): URL {
    const t = this.target
    // A target starting with `//` is a path, not a scheme-relative URL naming a host.
    return (this.parsed ??= new URL(t.charCodeAt(1) === 47 ? `http://127.0.0.1${t}` : t, 'http://127.0.0.1'))
  }

  readJson(): Promise<unknown> {
    return readJson(this.req, this.maxBodyBytes, this.res)
  }
}

/**
 * What ChatRequestSchema accepts, checked without building the copy zod returns (a loose object with each
 * message copied, per request). It never accepts what the schema refuses; anything it does not accept goes
 * to the schema, which accepts it or says what is wrong.
 */
function plainlyValid(raw: unknown): raw is ChatRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false
  const r = raw as Record<string, unknown>
  if (typeof r.model !== 'string' || r.model.length === 0) return false
  const stream = r.stream
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') return false
  const messages = r.messages
  if (!Array.isArray(messages) || messages.length === 0) return false
  for (const m of messages as unknown[])
    if (
      typeof m !== 'object' ||
      m === null ||
      Array.isArray(m) ||
      typeof (m as { role?: unknown }).role !== 'string'
    )
      return false
  return true
}

export function parseChatRequest(raw: unknown): ChatRequest {
  if (plainlyValid(raw)) return raw
  const result = ChatRequestSchema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const param = issue.path.join('.') || null
    throw new GatewayError(400, `Invalid request: ${param ? `${param}: ` : ''}${issue.message}`, {
      code: 'invalid_request',
      param,
    })
  }
  return raw as ChatRequest
}

/** The request body as a JSON object that has `field`; anything else is a 400 saying what is wrong. */
async function objectWith(ctx: RequestContext, field: string): Promise<Record<string, unknown>> {
  const raw = await ctx.readJson()
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new GatewayError(400, 'Invalid request: expected a JSON object', { code: 'invalid_request' })
  if ((raw as Record<string, unknown>)[field] === undefined)
    throw new GatewayError(400, `Invalid request: '${field}' is required`, {
      code: 'invalid_request',
      param: field,
    })
  return raw as Record<string, unknown>
}

export function createGateway(opts: GatewayOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const log = opts.logger ?? silentLogger
  const router = opts.router

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/health',
      auth: 'none',
      handler: ({ res }) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      method: 'POST',
      path: '/v1/chat/completions',
      auth: 'api',
      handler: (ctx) =>
        ctx.readJson().then((raw) =>
          router.chat(parseChatRequest(raw), ctx.res, ctx.signal, {
            redact: ctx.req.headers['x-localrouter-redact'],
          }),
        ),
    },
    {
      method: 'GET',
      path: '/v1/models',
      auth: 'api',
      handler: async ({ res }) => sendJson(res, 200, await router.models()),
    },
    {
      method: 'GET',
      path: '/v1/models/*',
      auth: 'api',
      handler: async ({ res, url }) => {
        let id: string
        try {
          id = decodeURIComponent(url.pathname.slice('/v1/models/'.length))
        } catch {
          throw new GatewayError(400, 'Invalid model id in the path', {
            code: 'invalid_model',
            param: 'model',
          })
        }
        // `/v1/models/` is the list, with a trailing slash.
        sendJson(res, 200, id ? await router.model(id) : await router.models())
      },
    },
    {
      method: 'POST',
      path: '/v1/embeddings',
      auth: 'api',
      handler: async (ctx) => {
        await router.embeddings(await objectWith(ctx, 'input'), ctx.res, ctx.signal, {
          redact: ctx.req.headers['x-localrouter-redact'],
        })
      },
    },
    {
      method: 'POST',
      path: '/v1/completions',
      auth: 'api',
      handler: async (ctx) => {
        await router.completions(await objectWith(ctx, 'prompt'), ctx.res, ctx.signal, {
          redact: ctx.req.headers['x-localrouter-redact'],
        })
      },
    },
    ...(opts.routes ?? []),
  ]

  const exact = new Map<string, Route>()
  const prefixes: Route[] = []
  for (const r of routes) {
    if (r.path.endsWith('/*')) prefixes.push(r)
    else exact.set(`${r.method} ${r.path}`, r)
  }
  const knownPath = (path: string) =>
    routes.some((r) => r.path === path || (r.path.endsWith('/*') && path.startsWith(r.path.slice(0, -1))))

  const find = (method: string, path: string): Route | undefined =>
    exact.get(`${method} ${path}`) ??
    prefixes.find((r) => r.method === method && path.startsWith(r.path.slice(0, -1)))

  /** The methods a path answers (for a 405's Allow); HEAD wherever GET is. */
  const allowed = (path: string): string => {
    const methods = new Set<string>()
    for (const r of routes)
      if (r.path === path || (r.path.endsWith('/*') && path.startsWith(r.path.slice(0, -1))))
        methods.add(r.method)
    if (methods.has('GET')) methods.add('HEAD')
    return [...methods].join(', ')
  }

  /**
   * No route for this method and path as sent (off the hot path): HEAD is GET without a body, and a
   * doubled or trailing slash (`/v1//chat/completions`, `/v1/models/`) names the route without it.
   */
  const findLoosely = (method: string, path: string): { route?: Route; path: string } => {
    const as = method === 'HEAD' ? 'GET' : method
    const route = as === method ? undefined : find(as, path)
    if (route) return { route, path }
    const clean = path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
    const cleanRoute = clean === path ? undefined : find(as, clean)
    if (cleanRoute) return { route: cleanRoute, path: clean }
    return { path: knownPath(clean) ? clean : path }
  }

  /** A client whose base URL lacks `/v1` (it calls `/chat/completions`): where the route is. */
  const v1Hint = (req: IncomingMessage, method: string, path: string): string => {
    const v1 = `/v1${path}`
    if (path.startsWith('/v1/') || !find(method === 'HEAD' ? 'GET' : method, v1)) return ''
    return `. It is ${method} ${v1}: the base URL for OpenAI clients is http://${req.headers.host ?? '127.0.0.1'}/v1`
  }

  return (req, res) => {
    let corsOrigin: string | undefined
    const handle = async () => {
      checkHost(req)
      corsOrigin = checkOrigin(req, opts.port(), opts.allowedOrigins())
      if (corsOrigin) {
        res.setHeader('access-control-allow-origin', corsOrigin)
        res.setHeader('vary', 'Origin')
        res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS)
      }
      const target = req.url ?? '/'
      const ctx = new Context(req, res, target, opts.maxBodyBytes)
      const method = req.method ?? 'GET'
      if (method === 'OPTIONS' && corsOrigin) {
        // The origin is one the user allowed: the headers its client asks for (the SDK's helpers add some).
        const asked = req.headers['access-control-request-headers']
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
          'access-control-allow-headers': asked ? `${CORS_ALLOW_HEADERS}, ${asked}` : CORS_ALLOW_HEADERS,
          'access-control-max-age': '600',
        })
        res.end()
        return
      }
      const query = target.indexOf('?')
      let route = exact.get(`${method} ${query === -1 ? target : target.slice(0, query)}`)
      if (!route) route = find(method, ctx.url.pathname)
      if (!route) {
        const loose = findLoosely(method, ctx.url.pathname)
        if (loose.route) {
          route = loose.route
          ctx.url.pathname = loose.path
        } else if (knownPath(loose.path))
          throw new GatewayError(405, `Method ${method} is not allowed on ${loose.path}`, {
            code: 'method_not_allowed',
            headers: { allow: allowed(loose.path) },
          })
        else
          throw new GatewayError(
            404,
            `Unknown route: ${method} ${ctx.url.pathname}${v1Hint(req, method, loose.path)}`,
            {
              type: 'not_found_error',
              code: 'unknown_route',
            },
          )
      }
      if (route.auth === 'api') checkToken(req, opts.token())
      const gone = ctx.signal
      const started = log.debugging() ? performance.now() : -1
      res.on('close', () => {
        if (!res.writableFinished) gone.abort()
        // LOCALROUTER_LOG_LEVEL=debug (desktop: debug logging): every request, also failed and aborted ones.
        if (started >= 0)
          log.debug('request', {
            method,
            path: ctx.url.pathname,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
            completed: res.writableFinished,
            userAgent: req.headers['user-agent'],
          })
      })
      await route.handler(ctx)
    }
    handle().catch((err: unknown) => {
      if (err instanceof GatewayError) {
        writeError(res, err)
        return
      }
      log.error('unhandled error in route', { error: (err as Error)?.message, url: req.url })
      writeError(res, new GatewayError(500, 'Internal error', { code: 'internal_error' }))
    })
  }
}
