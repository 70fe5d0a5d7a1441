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

describe('Upstreams', () => {
  it('keeps the bytes that came with the headers until the body is read; an unread answer frees its connection', async () => {
    const ups = new Upstreams(timeouts)
    try {
      sockets.clear()
      const short = await ups.request(get('/short'), never(), 'Fake')
      expect(short.statusCode).toBe(200)
      expect(short.headers['content-type']).toBe('application/json')
      expect(short.headers['x-twice']).toEqual(['a', 'b'])
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
