/**
 * The headless transports: the bridge as `POST /bridge/<method>` and the built UI as static files.
 * The bridge has its own admin token (never the API token other apps hold) and answers same-origin
 * browser requests only, so a web app allowed to chat cannot read settings or change keys.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { BridgeHandlers } from '../../shared/bridge'
import { GatewayError } from '../../shared/errors'
import { type Route, sendJson } from '../gateway/app'
import { ownOrigins, tokenMatches } from '../gateway/guards'
import { dispatchBridge } from './dispatch'

export const ADMIN_HEADER = 'x-localrouter-admin'

/** A percent-decoded path; bad encoding (`%E0%A4%A`) is the client's mistake, a 400, not an internal error. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    throw new GatewayError(400, `The path ${path} is not valid percent-encoding`, { code: 'invalid_path' })
  }
}

export function bridgeRoutes(opts: {
  handlers: BridgeHandlers
  adminToken: () => string
  port: () => number
}): Route[] {
  return [
    {
      method: 'POST',
      path: '/bridge/*',
      auth: 'none',
      handler: async (ctx) => {
        const origin = ctx.req.headers.origin
        if (origin !== undefined && !ownOrigins(opts.port()).includes(origin)) {
          throw new GatewayError(403, 'The bridge answers the LocalRouter UI only (same origin).', {
            type: 'permission_error',
            code: 'bridge_origin_not_allowed',
          })
        }
        const given = ctx.req.headers[ADMIN_HEADER]
        if (typeof given !== 'string' || !tokenMatches(given, opts.adminToken())) {
          throw new GatewayError(
            401,
            'The bridge needs the admin token of this LocalRouter session (open the URL that `npm start` or `npm run serve -- --ui` printed).',
            { type: 'authentication_error', code: 'invalid_admin_token' },
          )
        }
        const method = decodePath(ctx.url.pathname.slice('/bridge/'.length))
        const payload = ctx.req.headers['content-length'] === '0' ? {} : await ctx.readJson()
        const result = await dispatchBridge(opts.handlers, method, payload)
        sendJson(ctx.res, 200, result, { 'cache-control': 'no-store' })
      },
    },
  ]
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * The served UI's Content-Security-Policy, sent as a header (the page's own meta tag cannot say
 * frame-ancestors, and lets it connect to any port on 127.0.0.1): scripts from this server only, and
 * fetches to this server only, under each of its loopback names (the UI calls `endpoint.info`'s
 * 127.0.0.1 base URL also when opened as localhost).
 */
export function uiContentSecurityPolicy(port?: number): string {
  const connect = ["'self'", ...(port ? ownOrigins(port) : [])].join(' ')
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Serves the built UI (out/renderer) at /. Unknown paths outside /v1 and /bridge get index.html. */
export function uiRoutes(root: string, port?: () => number): Route[] {
  const base = normalize(root)
  const serve: Route['handler'] = async ({ res, url }) => {
    const path = decodePath(url.pathname)
    if (path.startsWith('/v1/') || path.startsWith('/bridge/'))
      throw new GatewayError(404, `Unknown route: GET ${path}`, {
        type: 'not_found_error',
        code: 'unknown_route',
      })
    let file = normalize(join(base, path === '/' ? 'index.html' : path))
    if (file !== base && !file.startsWith(base + sep))
      throw new GatewayError(404, 'Not found', { type: 'not_found_error', code: 'unknown_route' })
    let info = await stat(file).catch(() => null)
    if (!info?.isFile()) {
      if (extname(path))
        throw new GatewayError(404, `No file ${path}`, { type: 'not_found_error', code: 'unknown_route' })
      file = join(base, 'index.html')
      info = await stat(file).catch(() => null)
      if (!info)
        throw new GatewayError(404, 'The UI is not built: run `npx electron-vite build`.', {
          type: 'not_found_error',
          code: 'ui_not_built',
        })
    }
    const ext = extname(file)
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': uiContentSecurityPolicy(port?.()),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    })
    createReadStream(file).pipe(res)
  }
  return [{ method: 'GET', path: '/*', auth: 'none', handler: serve }]
}
