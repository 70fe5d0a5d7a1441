/**
 * The loopback server under the fake Anthropic and Gemini upstreams: records what it received, replays
 * recorded fixtures (JSON bodies and SSE transcripts event by event), and closes cleanly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: unknown
}

export interface FakeServer {
  url: string
  port: number
  received: Received[]
  close(): Promise<void>
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
) => Promise<void> | void

export async function startFakeServer(handle: Handler, opts: { record?: boolean } = {}): Promise<FakeServer> {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  const server = createServer({ noDelay: true }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = undefined
      if (text) {
        try {
          body = JSON.parse(text)
        } catch {
          body = text
        }
      }
      if (opts.record !== false)
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      Promise.resolve(handle(req, res, (body ?? {}) as Record<string, unknown>)).catch(() => res.destroy())
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const b = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(b),
    ...headers,
  })
  res.end(b)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Writes an SSE transcript one event at a time (a gap between events when `delayMs` is set). */
export async function replaySse(res: ServerResponse, transcript: string, delayMs = 0): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const events = transcript.split(/(?<=\r?\n\r?\n)/)
  for (const e of events) {
    if (res.destroyed) return
    res.write(e)
    if (delayMs) await sleep(delayMs)
  }
  res.end()
}
