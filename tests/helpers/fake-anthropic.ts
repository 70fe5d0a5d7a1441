/**
 * A fake Anthropic Messages API on loopback that speaks the real protocol (docs.anthropic.com/en/api):
 * `POST /v1/messages` (JSON or SSE), `GET /v1/models`, `x-api-key` and `anthropic-version` required.
 * The model name picks the behaviour:
 *   fixture-<case>   replays tests/fixtures/providers/anthropic/<case>.{response.json,chunks.txt}
 *   fail-<status>    answers with the recorded error body for 400/401/403/404/429 (retry-after)/529
 *   end-early        streams message_start and one delta, then ends without message_stop
 *   error-event      streams one delta, then an `event: error` (overloaded_error)
 *   anything else    echoes "You said: <last user text>" (or `fixedAnswer`), streamed word by word
 */
import type { ServerResponse } from 'node:http'
import { fixture, fixtureText } from './provider-fixtures'
import { type FakeServer, replaySse, sendJson, startFakeServer } from './fake-upstream'

export const FAKE_ANTHROPIC_KEY = 'sk-ant-fake-0123456789abcdef'

export interface FakeAnthropicOptions {
  fixedAnswer?: string
  record?: boolean
  chunkDelayMs?: number
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!
    if (m.role !== 'user') continue
    if (typeof m.content === 'string') return m.content
    return (m.content as Array<{ type: string; text?: string }>)
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join(' ')
  }
  return ''
}

const ev = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeServer> {
  const errors = fixture<Record<string, { headers: Record<string, string>; body: unknown }>>(
    'anthropic',
    'errors.json',
  )
  return startFakeServer(async (req, res, body) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.headers['x-api-key'] !== FAKE_ANTHROPIC_KEY) return sendJson(res, 401, errors['401']!.body)
    if (!req.headers['anthropic-version'])
      return sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
      })
    if (req.method === 'GET' && path === '/v1/models')
      return sendJson(res, 200, fixture('anthropic', 'models.response.json'))
    if (!(req.method === 'POST' && path === '/v1/messages'))
      return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } })
    if (typeof body.max_tokens !== 'number')
      return sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      })
    const model = String(body.model ?? '')
    const stream = body.stream === true
    const fail = /^fail-(\d{3})$/.exec(model)
    if (fail) {
      const e = errors[fail[1]!]!
      return sendJson(res, Number(fail[1]), e.body, e.headers)
    }
    const fx = /^fixture-(.+)$/.exec(model)
    if (fx) {
      if (stream) return replaySse(res, fixtureText('anthropic', `${fx[1]}.chunks.txt`), opts.chunkDelayMs)
      return sendJson(res, 200, fixture('anthropic', `${fx[1]}.response.json`))
    }
    const answer = opts.fixedAnswer ?? `You said: ${lastUserText(body)}`
    const usage = {
      input_tokens: 11,
      output_tokens: 7,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    }
    const id = 'msg_fake0123456789'
    if (!stream)
      return sendJson(res, 200, {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: answer }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage,
      })
    await streamEcho(res, model, id, answer, usage, opts.chunkDelayMs ?? 0)
  }, opts)
}

async function streamEcho(
  res: ServerResponse,
  model: string,
  id: string,
  answer: string,
  usage: Record<string, number>,
  delayMs: number,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
  res.write(
    ev('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }) +
      ev('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
  )
  const words = answer.split(/(?<= )/)
  if (model === 'end-early') {
    res.end(
      ev('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: words[0] },
      }),
    )
    return
  }
  if (model === 'error-event') {
    res.write(
      ev('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: words[0] },
      }),
    )
    res.end(ev('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))
    return
  }
  for (const w of words) {
    if (res.destroyed) return
    res.write(
      ev('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: w },
      }),
    )
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
  }
  res.end(
    ev('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      ev('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      }) +
      ev('message_stop', { type: 'message_stop' }),
  )
}
