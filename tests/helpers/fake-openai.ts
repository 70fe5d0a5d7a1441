/**
 * A fake OpenAI-compatible provider on loopback that speaks the real wire format (JSON and SSE),
 * records what it received, and fails on demand. The model name picks the behaviour:
 *   echo (default)      answers "You said: <last user text>", streamed word by word
 *   tools               answers with two parallel tool calls (arguments streamed in fragments)
 *   fail-<status>       answers that HTTP status with an OpenAI error body (429 carries retry-after: 7)
 *   reset-mid-stream    sends two chunks, then destroys the socket
 *   garbage-mid-stream  sends one chunk, then a line that is not JSON
 *   end-early           sends one chunk, then ends the body cleanly without finish_reason or [DONE]
 *   slow-first-byte     waits `slowMs` before the response headers
 *   hang                never answers
 *   error-event         sends one chunk, then `data: {"error":{...}}`
 *   stall-mid-stream    sends one chunk, then nothing more (the connection stays open)
 *   echo-chars          answers the last user text verbatim, streamed 3 characters per chunk
 *   echo-tool           answers one tool call `echo` whose arguments are {"text": <last user text>},
 *                       streamed in 5-character fragments
 * `POST /completions` (OpenAI's legacy text completions) answers one choice per prompt: "You said: <prompt>",
 * or with `suffix` (fill-in-the-middle) "[between <prompt> and <suffix>]"; `echo: true` puts the prompt first;
 * streamed word by word (`object: "text_completion"`, `choices[].text`), usage last with
 * `stream_options.include_usage`. The fail-<status>, hang, slow-first-byte, reset-mid-stream,
 * garbage-mid-stream, end-early, error-event and stall-mid-stream models behave as for chat.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: unknown
}

export interface FakeOpenAI {
  url: string
  port: number
  received: Received[]
  /** Sockets closed by the client before the response ended (aborts seen upstream). */
  aborted: number
  close(): Promise<void>
}

export interface FakeOptions {
  /** Words per streamed answer are sent this far apart (ms). 0 sends them back to back. */
  chunkDelayMs?: number
  slowMs?: number
  models?: string[]
  /** Answer text for non-echo requests (used by benchmarks to fix the size). */
  fixedAnswer?: string
  record?: boolean
  /**
   * Paces streamed words (one chunk each) at this many per second on a fixed schedule (word i is due
   * at start + i / rate, so timer slack does not accumulate). Overrides `chunkDelayMs`.
   */
  tokensPerSecond?: number
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : []
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!
    if (m.role !== 'user') continue
    if (typeof m.content === 'string') return m.content
    if (Array.isArray(m.content)) {
      return (m.content as Array<Record<string, unknown>>)
        .filter((p) => p.type === 'text')
        .map((p) => String(p.text))
        .join(' ')
    }
  }
  return ''
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startFakeOpenAI(opts: FakeOptions = {}): Promise<FakeOpenAI> {
  const received: Received[] = []
  const state = { aborted: 0 }
  const sockets = new Set<Socket>()
  const server: Server = createServer({ noDelay: true }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: unknown = undefined
      const text = Buffer.concat(chunks).toString('utf8')
      if (text) {
        try {
          body = JSON.parse(text)
        } catch {
          body = text
        }
      }
      if (opts.record !== false)
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      res.on('close', () => {
        if (!res.writableFinished) state.aborted++
      })
      handle(req, res, (body ?? {}) as Record<string, unknown>).catch(() => res.destroy())
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  const json = (
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ) => {
    const b = JSON.stringify(value)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(b),
      ...headers,
    })
    res.end(b)
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!
    const auth = req.headers.authorization
    if (auth !== undefined && !auth.startsWith('Bearer '))
      return json(res, 401, {
        error: { message: 'bad auth', type: 'invalid_request_error', code: 'invalid_api_key' },
      })
    if (auth === 'Bearer sk-invalid-fake-key-0000000000000000') {
      return json(res, 401, {
        error: {
          message: 'Incorrect API key provided: sk-inval**********0000.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          param: null,
        },
      })
    }
    if (req.method === 'GET' && path.endsWith('/models')) {
      const ids = opts.models ?? ['gpt-4o-mini', 'gpt-4o', 'echo', 'tools']
      return json(res, 200, {
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
      })
    }
    if (req.method === 'POST' && path.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input : [body.input]
      return json(res, 200, {
        object: 'list',
        data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })),
        model: body.model,
        usage: { prompt_tokens: 3, total_tokens: 3 },
      })
    }
    if (req.method === 'POST' && path.endsWith('/completions') && !path.endsWith('/chat/completions'))
      return completions(res, body)
    if (!(req.method === 'POST' && path.endsWith('/chat/completions')))
      return json(res, 404, {
        error: { message: `no route ${path}`, type: 'invalid_request_error', code: null },
      })

    const model = String(body.model ?? '')
    const failure = /^fail-(\d{3})$/.exec(model)
    if (failure) {
      const status = Number(failure[1])
      const headers: Record<string, string> = status === 429 ? { 'retry-after': '7' } : {}
      const message =
        status === 429
          ? 'Rate limit reached for requests'
          : status === 401
            ? 'Incorrect API key provided'
            : status === 404
              ? `The model '${model}' does not exist`
              : 'The server had an error while processing your request'
      return json(
        res,
        status,
        {
          error: {
            message,
            type: status === 429 ? 'requests' : 'server_error',
            code: status === 404 ? 'model_not_found' : null,
            param: null,
          },
        },
        headers,
      )
    }
    if (model === 'hang') return // never answer
    if (model === 'slow-first-byte') await sleep(opts.slowMs ?? 300)

    const id = 'chatcmpl-fake123'
    const created = 1_700_000_000
    const stream = body.stream === true
    const includeUsage =
      (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
    const answer =
      model === 'echo-chars' ? lastUserText(body) : (opts.fixedAnswer ?? `You said: ${lastUserText(body)}`)
    const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }

    if (model === 'tools' || model === 'echo-tool') {
      const calls =
        model === 'echo-tool'
          ? [{ id: 'call_e1', name: 'echo', args: JSON.stringify({ text: lastUserText(body) }) }]
          : [
              { id: 'call_a1', name: 'get_weather', args: '{"city":"Paris","unit":"c"}' },
              { id: 'call_b2', name: 'get_time', args: '{"tz":"Europe/Paris"}' },
            ]
      const fragment = model === 'echo-tool' ? 5 : 6
      if (!stream) {
        return json(res, 200, {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: null,
                refusal: null,
                tool_calls: calls.map((c) => ({
                  id: c.id,
                  type: 'function',
                  function: { name: c.name, arguments: c.args },
                })),
              },
              logprobs: null,
              finish_reason: 'tool_calls',
            },
          ],
          usage,
        })
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const send = (delta: unknown, finish: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`,
        )
      send({ role: 'assistant', content: null })
      for (const [index, c] of calls.entries()) {
        send({
          tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }],
        })
        for (let i = 0; i < c.args.length; i += fragment)
          send({ tool_calls: [{ index, function: { arguments: c.args.slice(i, i + fragment) } }] })
      }
      send({}, 'tool_calls')
      if (includeUsage)
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
        )
      res.end('data: [DONE]\n\n')
      return
    }

    if (!stream) {
      return json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
        system_fingerprint: 'fp_fake',
      })
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`
    res.write(chunk({ role: 'assistant', content: '', refusal: null }))
    const words = model === 'echo-chars' ? (answer.match(/[\s\S]{1,3}/g) ?? []) : answer.split(/(?<= )/)
    if (model === 'reset-mid-stream') {
      res.write(chunk({ content: words[0] ?? 'x' }))
      await sleep(20)
      res.socket?.destroy()
      return
    }
    if (model === 'garbage-mid-stream') {
      res.write(chunk({ content: words[0] ?? 'x' }))
      res.write('data: {this is not json\n\n')
      await sleep(50)
      res.end()
      return
    }
    if (model === 'end-early') {
      res.write(chunk({ content: words[0] ?? 'x' }))
      res.end()
      return
    }
    if (model === 'stall-mid-stream') {
      res.write(chunk({ content: words[0] ?? 'x' }))
      return
    }
    if (model === 'error-event') {
      res.write(chunk({ content: words[0] ?? 'x' }))
      res.end(
        `data: ${JSON.stringify({ error: { message: 'The model is overloaded', type: 'server_error', code: 'overloaded' } })}\n\n`,
      )
      return
    }
    const paceStart = performance.now()
    for (const [i, w] of words.entries()) {
      if (res.destroyed) return
      if (opts.tokensPerSecond) {
        const wait = paceStart + (i * 1000) / opts.tokensPerSecond - performance.now()
        if (wait > 0) await sleep(wait)
      }
      res.write(chunk({ content: w }))
      if (opts.chunkDelayMs && !opts.tokensPerSecond) await sleep(opts.chunkDelayMs)
    }
    res.write(chunk({}, 'stop'))
    if (includeUsage)
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
      )
    res.end('data: [DONE]\n\n')
  }

  /** OpenAI's legacy `POST /completions`, in its real wire shape. */
  async function completions(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const model = String(body.model ?? '')
    const failure = /^fail-(\d{3})$/.exec(model)
    if (failure) {
      const status = Number(failure[1])
      return json(
        res,
        status,
        {
          error: {
            message: status === 429 ? 'Rate limit reached for requests' : 'The server had an error',
            type: status === 429 ? 'requests' : 'server_error',
            code: null,
            param: null,
          },
        },
        status === 429 ? { 'retry-after': '7' } : {},
      )
    }
    if (model === 'hang') return
    if (model === 'slow-first-byte') await sleep(opts.slowMs ?? 300)
    const prompt = body.prompt
    const prompts = Array.isArray(prompt)
      ? prompt.every((p) => typeof p === 'string')
        ? (prompt as string[])
        : [JSON.stringify(prompt)]
      : [typeof prompt === 'string' ? prompt : '']
    const suffix = typeof body.suffix === 'string' ? body.suffix : undefined
    const answers = prompts.map(
      (p) =>
        (body.echo === true ? p : '') +
        (suffix !== undefined ? `[between ${p} and ${suffix}]` : `You said: ${p}`),
    )
    const id = 'cmpl-fake123'
    const created = 1_700_000_000
    const usage = { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 }
    if (body.stream !== true) {
      return json(res, 200, {
        id,
        object: 'text_completion',
        created,
        model,
        choices: answers.map((text, index) => ({ text, index, logprobs: null, finish_reason: 'stop' })),
        usage,
      })
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
    const chunk = (index: number, text: string, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'text_completion', created, model, choices: [{ text, index, logprobs: null, finish_reason: finish }] })}\n\n`
    const words = answers.map((a) => a.split(/(?<= )/))
    if (model === 'reset-mid-stream') {
      res.write(chunk(0, words[0]![0]!))
      await sleep(20)
      res.socket?.destroy()
      return
    }
    if (model === 'garbage-mid-stream') {
      res.write(chunk(0, words[0]![0]!))
      res.write('data: {this is not json\n\n')
      await sleep(50)
      res.end()
      return
    }
    if (model === 'end-early') {
      res.write(chunk(0, words[0]![0]!))
      res.end()
      return
    }
    if (model === 'stall-mid-stream') {
      res.write(chunk(0, words[0]![0]!))
      return
    }
    if (model === 'error-event') {
      res.write(chunk(0, words[0]![0]!))
      res.end(
        `data: ${JSON.stringify({ error: { message: 'The model is overloaded', type: 'server_error', code: 'overloaded' } })}\n\n`,
      )
      return
    }
    for (const [index, list] of words.entries()) {
      for (const w of list) {
        if (res.destroyed) return
        res.write(chunk(index, w))
        if (opts.chunkDelayMs) await sleep(opts.chunkDelayMs)
      }
      res.write(chunk(index, '', 'stop'))
    }
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true)
      res.write(
        `data: ${JSON.stringify({ id, object: 'text_completion', created, model, choices: [], usage })}\n\n`,
      )
    res.end('data: [DONE]\n\n')
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    received,
    get aborted() {
      return state.aborted
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}
