/**
 * Upstreams on undici's dispatch API, against a real HTTP server on loopback: early bytes kept until the
 * body is read, unread answers still free their connection, a slow reader pauses the provider, aborts.
 */
import { EventEmitter } from 'node:events'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UpstreamRequest } from '../../../electron/providers/types'
import { type BodySink, readText, type UpstreamResponse, Upstreams } from '../../../electron/router/upstream'

const BIG = 8 * 1024 * 1024
let server: Server
let url: string
const sockets = new Set<unknown>()
let bigWritten = 0
let bigBlocked = false
/** The server's side of the last `/after-done` answer closed (the client let go of the connection). */
let afterDoneClosed = false

beforeAll(async () => {
  server = createServer((req, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      if (req.url === '/short') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-twice': ['a', 'b'] })
        res.end('{"ok":true}')
      } else if (req.url === '/missing') {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end('{"error":{"message":"no such model"}}')
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        bigWritten = 0
        bigBlocked = false
        const chunk = Buffer.alloc(64 * 1024, 7)
        const pump = () => {
          while (bigWritten < BIG) {
            bigWritten += chunk.length
            if (!res.write(chunk)) {
              bigBlocked = true
              res.once('drain', pump)
              return
            }
          }
          res.end()
        }
        pump()
      } else if (req.url === '/never') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: {}\n\n')
      } else if (req.url === '/over-early') {
        // A little more than the bytes kept unread (1 MB) and a little less than a discard reads (128 KB).
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.end(Buffer.alloc(1024 * 1024 + 100 * 1024, 1))
      } else if (req.url === '/types') {
        // Raw header names as a provider may send them: any case, the type twice.
        res.writeHead(200, [
          'Content-Type',
          'text/event-stream',
          'X-Other',
          'x',
          'CONTENT-TYPE',
          'charset=utf-8',
        ])
        res.end()
      } else if (req.url === '/untyped') {
        res.removeHeader('content-type')
        res.end('plain')
      } else if (req.url === '/hints') {
        res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' })
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end('{"after":"hints"}')
        }, 20)
      } else if (req.url?.startsWith('/after-done')) {
        // [DONE], then a provider that goes on and on: a flood of bytes, or a comment now and then.
        afterDoneClosed = false
        res.on('close', () => (afterDoneClosed = true))
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: [DONE]\n\n')
        const flood = req.url.endsWith('flood')
        const more = setInterval(() => res.write(flood ? Buffer.alloc(64 * 1024, 32) : ': ping\n\n'), 5)
        res.on('close', () => clearInterval(more))
      }
    })
  })
  server.on('connection', (s) => sockets.add(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

const get = (path: string): UpstreamRequest => ({
  url: `${url}${path}`,
  method: 'GET',
  headers: {},
  warnings: [],
})
const never = () => Object.assign(new EventEmitter(), { aborted: false })
const timeouts = { connectMs: 2000, firstByteMs: 2000, idleMs: 2000 }
const tick = () => new Promise((r) => setTimeout(r, 50))
const settle = () => new Promise((r) => setTimeout(r, 250))

describe('Upstreams', () => {
  it('reads the content type in any case, several joined, none as empty; the same as the headers say', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const typed = await ups.request(get('/types'), never(), 'Fake')
      expect(typed.contentType).toBe('text/event-stream,charset=utf-8')
      expect(typed.headers['content-type']).toEqual(['text/event-stream', 'charset=utf-8'])
      expect(typed.headers['x-other']).toBe('x')
      await readText(typed.body, 1024)
      const untyped = await ups.request(get('/untyped'), never(), 'Fake')
      expect(untyped.contentType).toBe('')
      expect(untyped.headers['content-type']).toBeUndefined()
      expect(await readText(untyped.body, 1024)).toBe('plain')
    } finally {
      await ups.close()
    }
  })

  it("lets go of a successful answer's headers once its body is read (its type stays); a failure keeps them", async () => {
    const ups = new Upstreams(timeouts)
    try {
      const ok = await ups.request(get('/short'), never(), 'Fake')
      expect(await readText(ok.body, 1024)).toBe('{"ok":true}')
      expect(ok.contentType).toBe('application/json')
      expect(() => ok.headers).toThrow(/headers are gone once its body is read/)
      const missing = await ups.request(get('/missing'), never(), 'Fake')
      expect(await readText(missing.body, 1024)).toContain('no such model')
      expect(missing.headers['content-type']).toBe('application/json')
    } finally {
      await ups.close()
    }
  })

  it('keeps the bytes that came with the headers until the body is read; an unread answer frees its connection', async () => {
    const ups = new Upstreams(timeouts)
    try {
      sockets.clear()
      const short = await ups.request(get('/short'), never(), 'Fake')
      expect(short.statusCode).toBe(200)
      expect(short.headers['content-type']).toBe('application/json')
      expect(short.headers['x-twice']).toEqual(['a', 'b'])
      expect(short.contentType).toBe('application/json')
      await tick() // the whole answer has arrived by now, unread
      expect(await readText(short.body, 1024)).toBe('{"ok":true}')
      const missing = await ups.request(get('/missing'), never(), 'Fake')
      expect(missing.statusCode).toBe(404)
      await tick() // never read: it completed anyway, and its connection serves the next request
      const again = await ups.request(get('/short'), never(), 'Fake')
      expect(await readText(again.body, 1024)).toBe('{"ok":true}')
      expect(sockets.size).toBe(1)
    } finally {
      await ups.close()
    }
  })

  it('a slow reader holds the provider back, and gets every byte in order once it reads on', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const up: UpstreamResponse = await ups.request(get('/big'), never(), 'Fake')
      let received = 0
      let ordered = true
      const done = new Promise<void>((resolve, reject) => {
        const sink: BodySink = {
          data(chunk) {
            received += chunk.length
            if (chunk[0] !== 7 || chunk.at(-1) !== 7) ordered = false
            up.body.pause()
          },
          end: resolve,
          error: reject,
        }
        up.body.read(sink)
      })
      await tick()
      await tick()
      // Paused after the first bytes: the provider's writes back up instead of filling our memory.
      expect(received).toBeLessThan(BIG / 2)
      expect(bigBlocked).toBe(true)
      expect(bigWritten).toBeLessThan(BIG)
      const reading = setInterval(() => up.body.resume(), 1)
      await done
      clearInterval(reading)
      expect(received).toBe(BIG)
      expect(ordered).toBe(true)
    } finally {
      await ups.close()
    }
  })

  it('an abort before the answer rejects as a cancelled request; during the body, the reader hears of it', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const gone = never()
      const pending = ups.request(get('/never-answers-in-time'), gone, 'Fake')
      gone.emit('abort')
      await expect(pending).rejects.toMatchObject({ status: 499, code: 'client_closed_request' })

      const streaming = never()
      const up = await ups.request(get('/never'), streaming, 'Fake')
      const failed = new Promise<Error>((resolve) =>
        up.body.read({ data() {}, end: () => resolve(new Error('ended cleanly')), error: resolve }),
      )
      await tick()
      streaming.emit('abort')
      expect((await failed).name).toMatch(/AbortError|RequestAbortedError/)

      const already = Object.assign(new EventEmitter(), { aborted: true })
      await expect(ups.request(get('/short'), already, 'Fake')).rejects.toMatchObject({ status: 499 })
    } finally {
      await ups.close()
    }
  })

  it('refuses an answer larger than the limit and closes its connection', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const up = await ups.request(get('/big'), never(), 'Fake')
      await expect(readText(up.body, 1024 * 1024)).rejects.toMatchObject({ code: 'upstream_too_large' })
      const next = await ups.request(get('/short'), never(), 'Fake')
      expect(await readText(next.body, 1024)).toBe('{"ok":true}')
    } finally {
      await ups.close()
    }
  })
})

describe('Upstreams, the edges', () => {
  it('an AbortSignal that times out says so, before the answer and during the body (not "cancelled")', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const before = ups.request(get('/never-answers-in-time'), AbortSignal.timeout(100), 'Fake')
      await expect(before).rejects.toMatchObject({ status: 504, code: 'upstream_timeout' })
      const up = await ups.request(get('/never'), AbortSignal.timeout(150), 'Fake')
      const during = await readText(up.body, 1024).catch((e: unknown) => e)
      expect(ups.describe(during, { preset: { label: 'Fake' }, baseUrl: url })).toMatchObject({
        status: 504,
        code: 'upstream_timeout',
      })
    } finally {
      await ups.close()
    }
  })

  it('a slow reader that paused on the bytes kept before it read stays paused until it resumes', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const up = await ups.request(get('/big'), never(), 'Fake')
      await tick() // more than the early limit has arrived unread: the provider is held back
      let received = 0
      let calls = 0
      const done = new Promise<void>((resolve, reject) =>
        up.body.read({
          data(chunk) {
            received += chunk.length
            if (++calls === 1) up.body.pause() // like a client whose first write filled its buffer
          },
          end: resolve,
          error: reject,
        }),
      )
      await tick()
      await tick()
      expect(received).toBeLessThan(BIG / 2)
      up.body.resume()
      await done
      expect(received).toBe(BIG)
    } finally {
      await ups.close()
    }
  })

  it('a discarded rest that does not end (after [DONE]) is cut, not read forever', async () => {
    const ups = new Upstreams(timeouts)
    try {
      for (const path of ['/after-done-flood', '/after-done-trickle']) {
        const up = await ups.request(get(path), never(), 'Fake')
        up.body.read({ data: () => up.body.discard(), end() {}, error() {} })
        await expect.poll(() => afterDoneClosed, { timeout: 3000 }).toBe(true)
      }
    } finally {
      await ups.close()
    }
  })

  it('a body discarded while its early bytes are read (the parser held by the early limit) frees its connection', async () => {
    const ups = new Upstreams(timeouts)
    try {
      sockets.clear()
      const up = await ups.request(get('/over-early'), never(), 'Fake')
      // Longer than `tick`: under a full test run on two cores 50 ms was sometimes too short for the 1.1 MB
      // to arrive, or for the discard to read the rest.
      await settle() // more than the early limit came unread: the parser is held
      up.body.read({ data: () => up.body.discard(), end() {}, error() {} })
      await settle() // still well before a discard's 1 s deadline
      const next = await ups.request(get('/short'), never(), 'Fake')
      expect(await readText(next.body, 1024)).toBe('{"ok":true}')
      expect(sockets.size).toBe(1)
    } finally {
      await ups.close()
    }
  })

  it('a body destroyed before it is read fails its reader instead of ending cleanly or never', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const complete = await ups.request(get('/short'), never(), 'Fake')
      await tick() // it has all arrived
      complete.body.destroy()
      await expect(readText(complete.body, 1024)).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' })
      const open = await ups.request(get('/never'), never(), 'Fake')
      open.body.destroy()
      await expect(readText(open.body, 1024)).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' })
    } finally {
      await ups.close()
    }
  })

  it('a sink whose error() throws does not take the process down', async () => {
    const ups = new Upstreams(timeouts)
    const uncaught: unknown[] = []
    const onUncaught = (err: unknown) => uncaught.push(err)
    process.prependListener('uncaughtException', onUncaught)
    try {
      const up = await ups.request(get('/never'), never(), 'Fake')
      let heard = false
      up.body.read({
        data() {},
        end() {},
        error() {
          heard = true
          throw new Error('a broken sink')
        },
      })
      await tick()
      for (const s of sockets) (s as { destroy(): void }).destroy() // the provider's connection drops
      await tick()
      expect(heard).toBe(true)
      expect(uncaught).toEqual([])
    } finally {
      process.removeListener('uncaughtException', onUncaught)
      await ups.close()
    }
  })

  it('skips a 1xx answer (103 Early Hints) and resolves with the real one', async () => {
    const ups = new Upstreams(timeouts)
    try {
      const up = await ups.request(get('/hints'), never(), 'Fake')
      expect(up.statusCode).toBe(200)
      expect(up.headers.link).toBeUndefined()
      expect(await readText(up.body, 1024)).toBe('{"after":"hints"}')
    } finally {
      await ups.close()
    }
  })

  it('lets go of a long-lived signal once each answer is over, and reuses the kept-alive connection', async () => {
    const ups = new Upstreams(timeouts)
    const signal = new AbortController().signal
    const emitter = never()
    const listeners = () => emitter.listenerCount('abort') + aborts(signal)
    try {
      sockets.clear()
      for (let i = 0; i < 6; i++) {
        const up = await ups.request(get(i === 5 ? '/missing' : '/short'), i % 2 ? signal : emitter, 'Fake')
        if (i < 5) expect(await readText(up.body, 1024)).toBe('{"ok":true}')
        else up.body.discard()
        await tick()
      }
      expect(listeners()).toBe(0)
      expect(sockets.size).toBe(1)
      const open = await ups.request(get('/never'), signal, 'Fake')
      expect(listeners()).toBe(1) // (the count above can fail: this one sees the listener)
      open.body.destroy()
      expect(listeners()).toBe(0)
    } finally {
      await ups.close()
    }
  })
})

/** Listeners an AbortSignal holds (Node keeps them in a symbol-keyed map on the EventTarget). */
function aborts(signal: AbortSignal): number {
  const sym = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kEvents')
  const events = sym ? (signal as unknown as Record<symbol, Map<string, { size: number }>>)[sym] : undefined
  return events?.get('abort')?.size ?? 0
}
