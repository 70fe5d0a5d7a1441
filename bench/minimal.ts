/**
 * The floors to compare the gateway with, measured in the same run so the gap is LocalRouter's own cost.
 *
 * - `startMinimalRelay`: the least a Node relay can do (node:http in, one undici Pool out, body bytes
 *   piped through), with no auth, no validation, no translation, no redaction. It forwards whatever
 *   bytes arrive, so it cannot tell a clean end from garbage or forward event by event.
 * - `startEventRelay`: the least a relay that reads the stream as events can do, which the gateway must
 *   (each SSE event is forwarded once complete, and an event that is not JSON ends the stream with an
 *   error event): the same, plus eventsource-parser and one JSON.parse per event, one write per upstream
 *   read. Still no auth, no translation, no redaction, no error handling.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StringDecoder } from 'node:string_decoder'
import { createParser } from 'eventsource-parser'
import { type Dispatcher, Pool } from 'undici'

type Forward = (up: Dispatcher.ResponseData, res: ServerResponse, stream: boolean) => void

async function relay(upstream: string, forward: Forward): Promise<string> {
  const target = new URL(upstream)
  const pool = new Pool(target.origin, { pipelining: 1 })
  const server = createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; stream?: boolean }
      body.model = body.model.slice(body.model.indexOf('/') + 1)
      pool
        .request({
          path: `${target.pathname}/chat/completions`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        .then(
          (up) => {
            res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type']) })
            forward(up, res, body.stream === true)
          },
          () => res.destroy(),
        )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

const pipeBytes: Forward = (up, res) => {
  up.body.on('data', (c: Buffer) => res.write(c))
  up.body.on('end', () => res.end())
}

export function startMinimalRelay(upstream: string): Promise<string> {
  return relay(upstream, pipeBytes)
}

export function startEventRelay(upstream: string): Promise<string> {
  return relay(upstream, (up, res, stream) => {
    if (!stream) return pipeBytes(up, res, stream)
    const decoder = new StringDecoder('utf8')
    let out = ''
    const parser = createParser({
      onEvent: (ev) => {
        if (ev.data !== '[DONE]') JSON.parse(ev.data)
        out += `data: ${ev.data}\n\n`
      },
    })
    up.body.on('data', (c: Buffer) => {
      parser.feed(decoder.write(c))
      if (out) {
        res.write(out)
        out = ''
      }
    })
    up.body.on('end', () => res.end())
  })
}
