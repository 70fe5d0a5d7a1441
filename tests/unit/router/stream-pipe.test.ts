/**
 * The stream pipe's last resort: a provider stream that breaks while the restorer (redaction) fails on
 * the error it is given must still end the client's response, with an error event and no [DONE].
 */
import { EventEmitter } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openaiCompatibleAdapter } from '../../../electron/providers/openai-compatible'
import type { StreamOut } from '../../../electron/providers/types'
import { silentLogger } from '../../../electron/log'
import { pipeStream, STREAM_HEADERS, type StreamRestoring } from '../../../electron/router/stream-pipe'
import { Upstreams } from '../../../electron/router/upstream'
import { GatewayError } from '../../../shared/errors'
import { contextFor } from '../../helpers/provider-fixtures'

let provider: Server
let gateway: Server
let gatewayUrl: string
const ups = new Upstreams({ connectMs: 2000, firstByteMs: 2000, idleMs: 2000 })

beforeAll(async () => {
  // A provider that sends one event, then drops the connection mid-stream.
  provider = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] }
    res.write(`data: ${JSON.stringify(chunk)}\n\n`, () => setTimeout(() => res.socket?.destroy(), 20))
  })
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r))
  const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`
  const ctx = contextFor('openai-compatible', 'm', providerUrl)
  // A restorer that works on chunks and throws on anything else (an error item included).
  const restoring: StreamRestoring = {
    process(items: StreamOut[]) {
      if (items.some((i) => i.kind !== 'chunk')) throw new Error('restorer broke')
      return items
    },
    finish: () => null,
  }
  gateway = createServer(async (_req, res) => {
    const up = await ups.request(
      { url: `${providerUrl}/v1/chat/completions`, method: 'POST', headers: {}, body: '{}', warnings: [] },
      Object.assign(new EventEmitter(), { aborted: false }),
      'Fake',
    )
    res.writeHead(200, STREAM_HEADERS)
    await pipeStream(
      {
        log: silentLogger,
        failed() {},
        logUnmapped() {},
        describe: () =>
          new GatewayError(502, 'Fake closed the connection', { code: 'upstream_connection_reset' }),
        stallMs: 60_000,
      },
      ctx,
      openaiCompatibleAdapter.streamTranslator(ctx, { model: 'm', messages: [] }),
      up,
      res,
      restoring,
    )
  })
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r))
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
})

afterAll(async () => {
  await ups.close()
  gateway.closeAllConnections()
  provider.closeAllConnections()
  await Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => provider.close(r))])
})

it('ends the response with an error event when the restorer fails on a broken stream', async () => {
  const res = await fetch(gatewayUrl, { signal: AbortSignal.timeout(5000) })
  const text = await res.text()
  expect(text).toContain('"object":"chat.completion.chunk"')
  expect(text).toMatch(/data: \{"error":\{/)
  expect(text).not.toContain('[DONE]')
})
