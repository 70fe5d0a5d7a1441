/**
 * The checks every request passes before it reaches a route: loopback Host (DNS rebinding), browser
 * Origin, bearer token (constant time), body size.
 */
import { isUtf8 } from 'node:buffer'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { GatewayError } from '../../shared/errors'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

function hostname(hostHeader: string): string {
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']')
    return end === -1 ? hostHeader : hostHeader.slice(0, end + 1)
  }
  const colon = hostHeader.lastIndexOf(':')
  return (colon === -1 ? hostHeader : hostHeader.slice(0, colon)).toLowerCase()
}

/** Only loopback names may reach the server: a page on evil.example that resolves to 127.0.0.1 may not. */
export function checkHost(req: IncomingMessage): void {
  const host = req.headers.host
  if (!host || !LOOPBACK_HOSTS.has(hostname(host))) {
    throw new GatewayError(
      403,
      'Host not allowed: LocalRouter only answers requests addressed to 127.0.0.1, localhost or [::1]',
      {
        type: 'permission_error',
        code: 'host_not_allowed',
      },
    )
  }
}

/** The origins of the server itself (the headless UI in a browser tab is same-origin). */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]
}

/**
 * A browser request carries Origin. Same-origin and user-listed origins pass; every other one is refused,
 * so a web page cannot use the endpoint even if it guessed the token.
 * Returns the origin to echo in CORS headers, or undefined for non-browser clients.
 */
export function checkOrigin(
  req: IncomingMessage,
  port: number,
  allowed: readonly string[],
): string | undefined {
  const origin = req.headers.origin
  if (origin === undefined) return undefined
  if (ownOrigins(port).includes(origin) || allowed.includes(origin)) return origin
  throw new GatewayError(
    403,
    `Origin ${origin} is not allowed. Add it to server.allowedOrigins (Settings > Local endpoint) to let that web app call LocalRouter.`,
    {
      type: 'permission_error',
      code: 'origin_not_allowed',
    },
  )
}

/**
 * Compares in constant time: every character of `given` is looked at whatever the first difference, with
 * no branch on the characters, so the time depends on the length the caller sent and nothing else (not on
 * the expected token's content or length). A hash of each side did the same at ~1.3 µs per request; this
 * loop takes ~0.1.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const n = expected.length
  if (n === 0) return false
  let diff = given.length ^ n
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i % n)
  return diff === 0
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(.+)$/i.exec(h)
  return m?.[1]?.trim()
}

export function checkToken(req: IncomingMessage, expected: string): void {
  const given = bearer(req)
  if (!given) {
    throw new GatewayError(
      401,
      'Missing bearer token. Send Authorization: Bearer <your LocalRouter token> (shown by `npm run keys -- token` and in Settings > Local endpoint).',
      {
        type: 'authentication_error',
        code: 'missing_token',
      },
    )
  }
  if (!tokenMatches(given, expected)) {
    throw new GatewayError(401, 'Invalid bearer token for LocalRouter.', {
      type: 'authentication_error',
      code: 'invalid_token',
    })
  }
}

/**
 * Reads the request body, refusing more than `limit` bytes (413) before reading it all when possible.
 * A client waiting for `100 Continue` (given `res`) is told to send the body only once it will be read.
 */
export function readBody(req: IncomingMessage, limit: number, res?: ServerResponse): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    return Promise.reject(tooLarge(limit))
  }
  if (res && req.headers.expect !== undefined && !res.headersSent && /100-continue/i.test(req.headers.expect))
    res.writeContinue()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    // Once read, the listeners go: the request lives as long as its answer (a whole stream), and they hold
    // the body's bytes twice over (the chunks, and the promise they resolved with).
    const done = () => {
      req.removeListener('data', onData)
      req.removeListener('error', onError)
    }
    const onData = (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        failed = true
        chunks.length = 0
        reject(tooLarge(limit))
        return
      }
      chunks.push(chunk)
    }
    const onError = (err: Error) => {
      done()
      if (!failed) {
        failed = true
        reject(err)
      }
    }
    req.on('data', onData)
    req.once('end', () => {
      done()
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
    })
    req.on('error', onError)
  })
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    413,
    `Request body is larger than the limit of ${limit} bytes (server.maxBodyBytes)`,
    { code: 'request_too_large' },
  )
}

export function readJson(req: IncomingMessage, limit: number, res?: ServerResponse): Promise<unknown> {
  return readBody(req, limit, res).then(parseJsonBody)
}

function parseJsonBody(buf: Buffer): unknown {
  if (buf.length === 0)
    throw new GatewayError(400, 'Request body is empty; expected JSON', { code: 'invalid_json' })
  // Decoded as is, bytes that are not UTF-8 would each become U+FFFD and the prompt would change unseen (a
  // client that sent Latin-1 or cut a character in half): refused instead, as JSON must be UTF-8 (RFC 8259).
  if (!isUtf8(buf))
    throw new GatewayError(400, 'Request body is not valid UTF-8; JSON must be sent as UTF-8', {
      code: 'invalid_encoding',
    })
  try {
    return JSON.parse(buf.toString('utf8'))
  } catch (err) {
    // A UTF-8 byte order mark (Windows tools write one) is not part of the JSON: looked for only on failure.
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf && buf.length > 3) return readJsonText(buf, 3)
    throw new GatewayError(400, `Request body is not valid JSON: ${(err as Error).message}`, {
      code: 'invalid_json',
    })
  }
}

function readJsonText(buf: Buffer, start: number): unknown {
  try {
    return JSON.parse(buf.toString('utf8', start))
  } catch (err) {
    throw new GatewayError(400, `Request body is not valid JSON: ${(err as Error).message}`, {
      code: 'invalid_json',
    })
  }
}
