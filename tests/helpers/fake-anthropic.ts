/**
 * A fake Anthropic Messages API on loopback that speaks the real protocol (docs.anthropic.com/en/api):
 * `POST /v1/messages` (JSON or SSE), `GET /v1/models`, `x-api-key` and `anthropic-version` required.
 * The model name picks the behaviour:
 *   fixture-<case>   replays tests/fixtures/providers/anthropic/<case>.{response.json,chunks.txt}
 *   sse-<case>       replays <case>.chunks.txt as SSE also to a request that asked for no stream
 *   fail-<status>    answers with the recorded error body for 400/401/403/404/429 (retry-after)/529
 *   end-early        streams message_start and one delta, then ends without message_stop
 *   error-event      streams one delta, then an `event: error` (overloaded_error)
 *   anything else    echoes "You said: <last user text>" (or `fixedAnswer`), streamed word by word
 * Models released after Claude Opus 4.6 (Opus 4.7+, any Claude 5) get Anthropic's documented 400s, as
 * the real API sends them: `temperature` other than 1, `top_p` below 0.99, any `top_k` (@anthropic-ai/sdk
 * 0.137.0 MessageCreateParamsBase docs), and `thinking.type: "enabled"` (platform.claude.com
 * build-with-claude/extended-thinking: "Claude 4.7 and later models ... reject requests that use it").
 * Every model: thinking together with a tool_choice that forces a tool (`any` / `tool`) is a 400.
 * Models without structured outputs (Claude 3.x, Sonnet 4, Opus 4 / 4.1; platform.claude.com
 * build-with-claude/structured-outputs lists the ones that have it) answer `output_config.format` with a
 * 400 (our wording: the docs give no message). An echo model asked to call one named tool
 * (`tool_choice: {type: "tool"}`) calls it, with the input and the stream of anthropic/structured-tool.*.
 */
import type { ServerResponse } from 'node:http'
import { fixture, fixtureText } from './provider-fixtures'
import { type FakeServer, replaySse, sendJson, startFakeServer } from './fake-upstream'

export const FAKE_ANTHROPIC_KEY = 'sk-ant-fake-0123456789abcdef'

export interface FakeAnthropicOptions {
  fixedAnswer?: string
  record?: boolean
  chunkDelayMs?: number
  /** More model ids listed by `GET /v1/models` after the recorded ones (e.g. `fixture-thinking`, so a picker offers them). */
  extraModels?: string[]
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
    if (req.method === 'GET' && path === '/v1/models') {
      const list = fixture<{ data: Array<Record<string, unknown>> }>('anthropic', 'models.response.json')
      for (const id of opts.extraModels ?? [])
        list.data.push({ type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z' })
      return sendJson(res, 200, list)
    }
    if (!(req.method === 'POST' && path === '/v1/messages'))
      return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } })
    if (typeof body.max_tokens !== 'number')
      return sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      })
    const model = String(body.model ?? '')
    const rejected =
      thinkingWithForcedTool(body) ?? newerClaudeRejects(model, body) ?? noStructuredOutputs(model, body)
    if (rejected)
      return sendJson(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: rejected },
        request_id: 'req_fake0123456789',
      })
    const stream = body.stream === true
    const fail = /^fail-(\d{3})$/.exec(model)
    if (fail) {
      const e = errors[fail[1]!]!
      return sendJson(res, Number(fail[1]), e.body, e.headers)
    }
    const sse = /^sse-(.+)$/.exec(model)
    if (sse) return replaySse(res, fixtureText('anthropic', `${sse[1]}.chunks.txt`), opts.chunkDelayMs)
    const fx = /^fixture-(.+)$/.exec(model)
    if (fx) {
      if (stream) return replaySse(res, fixtureText('anthropic', `${fx[1]}.chunks.txt`), opts.chunkDelayMs)
      return sendJson(res, 200, fixture('anthropic', `${fx[1]}.response.json`))
    }
    const forced = body.tool_choice as { type?: unknown; name?: unknown } | undefined
    if (forced?.type === 'tool' && typeof forced.name === 'string') {
      // The recorded tool_use answer, calling the tool that was forced.
      if (!stream) {
        const msg = fixture<{ content: Array<Record<string, unknown>> }>(
          'anthropic',
          'structured-tool.response.json',
        )
        msg.content[0]!.name = forced.name
        return sendJson(res, 200, msg)
      }
      const events = fixtureText('anthropic', 'structured-tool.chunks.txt').replace(
        '"name":"person"',
        `"name":${JSON.stringify(forced.name)}`,
      )
      return replaySse(res, events, opts.chunkDelayMs)
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

/**
 * Every model: thinking with a tool_choice that forces a tool is a 400 (docs.anthropic.com
 * build-with-claude/extended-thinking#extended-thinking-with-tool-use: "Tool use with thinking only supports
 * tool_choice auto or none"; the API's message as clients report it, e.g. run-llama/llama_index#19641).
 */
function thinkingWithForcedTool(body: Record<string, unknown>): string | undefined {
  const thinking = (body.thinking as { type?: unknown } | undefined)?.type
  const choice = (body.tool_choice as { type?: unknown } | undefined)?.type
  if ((thinking === 'enabled' || thinking === 'adaptive') && (choice === 'any' || choice === 'tool'))
    return 'Thinking may not be enabled when tool_choice forces tool use.'
  return undefined
}

/** Claude 3.x, Sonnet 4, Opus 4 and 4.1 (by id): `output_config.format` is a 400. */
function noStructuredOutputs(model: string, body: Record<string, unknown>): string | undefined {
  if (!/^claude-(3-|sonnet-4(-0)?(-\d{8})?$|opus-4(-[01])?(-\d{8})?$)/.test(model)) return undefined
  if ((body.output_config as { format?: unknown } | undefined)?.format !== undefined)
    return `'${model}' does not support structured outputs (output_config.format).`
  return undefined
}

/** Claude 4.7 and later (by id, as the fake knows them): the message of the 400 a request earns, if any. */
function newerClaudeRejects(model: string, body: Record<string, unknown>): string | undefined {
  if (!/^claude-(opus-4-[7-9]|(opus|sonnet|haiku|fable|mythos)-[5-9])/.test(model)) return undefined
  if (body.temperature !== undefined && body.temperature !== 1)
    return '`temperature` is deprecated for this model.'
  if (typeof body.top_p === 'number' && body.top_p < 0.99) return '`top_p` is deprecated for this model.'
  if (body.top_k !== undefined) return '`top_k` is deprecated for this model.'
  if ((body.thinking as { type?: unknown } | undefined)?.type === 'enabled')
    return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.'
  return undefined
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
