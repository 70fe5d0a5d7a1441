import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import { convertUsage } from '../../../electron/providers/anthropic/convert-usage'
import { mapStopReason } from '../../../electron/providers/anthropic/map-stop-reason'
import { parseAnthropicModels } from '../../../electron/providers/anthropic/models'
import type { ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('anthropic', 'claude-haiku-4-5')
const send = (body: Partial<ChatRequest>) => {
  const req = anthropicAdapter.chatRequest(ctx, {
    model: 'anthropic/claude-haiku-4-5',
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  })
  return { body: JSON.parse(req.body!) as Record<string, unknown>, warnings: req.warnings, req }
}

describe('Anthropic request', () => {
  it('maps stop reasons', () => {
    expect(mapStopReason('end_turn')).toBe('stop')
    expect(mapStopReason('stop_sequence')).toBe('stop')
    expect(mapStopReason('max_tokens')).toBe('length')
    expect(mapStopReason('model_context_window_exceeded')).toBe('length')
    expect(mapStopReason('tool_use')).toBe('tool_calls')
    expect(mapStopReason('refusal')).toBe('content_filter')
  })

  it('defaults max_tokens from the catalog, else a safe fallback; max_completion_tokens wins', () => {
    expect(send({}).body.max_tokens).toBe(64000)
    expect(send({ max_tokens: 100, max_completion_tokens: 200 }).body.max_tokens).toBe(200)
    const unknown = anthropicAdapter.chatRequest(contextFor('anthropic', 'claude-next-9'), {
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(JSON.parse(unknown.body!).max_tokens).toBe(8192)
  })

  it('clamps temperature to 1 and says so; drops it while thinking and says so', () => {
    const hot = send({ temperature: 1.5 })
    expect(hot.body.temperature).toBe(1)
    expect(hot.warnings[0]).toMatchObject({ code: 'param_clamped', param: 'temperature' })
    const thinking = send({ temperature: 0.5, reasoning_effort: 'high' })
    expect(thinking.body.temperature).toBeUndefined()
    expect(thinking.body.thinking).toEqual({ type: 'enabled', budget_tokens: 16384 })
    expect(thinking.warnings.map((w) => w.param)).toEqual(['temperature'])
  })

  it('keeps the thinking budget below max_tokens, or does not think when there is no room', () => {
    const tight = send({ max_tokens: 4000, reasoning_effort: 'high' })
    expect(tight.body.thinking).toEqual({ type: 'enabled', budget_tokens: 3999 })
    expect(tight.warnings[0]!.code).toBe('param_clamped')
    const none = send({ max_tokens: 500, reasoning_effort: 'low' })
    expect(none.body.thinking).toBeUndefined()
    expect(none.warnings[0]!.param).toBe('reasoning_effort')
    expect(send({ reasoning: { max_tokens: 3000 } }).body.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 3000,
    })
  })

  it('maps tool_choice and parallel_tool_calls', () => {
    const tools: ChatRequest['tools'] = [{ type: 'function', function: { name: 'f' } }]
    expect(send({ tools, tool_choice: 'required' }).body.tool_choice).toEqual({ type: 'any' })
    expect(send({ tools, tool_choice: 'none' }).body.tool_choice).toEqual({ type: 'none' })
    expect(
      send({ tools, tool_choice: { type: 'function', function: { name: 'f' } } }).body.tool_choice,
    ).toEqual({
      type: 'tool',
      name: 'f',
    })
    expect(send({ tools, parallel_tool_calls: false }).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    })
    expect((send({ tools }).body.tools as unknown[])[0]).toEqual({
      name: 'f',
      input_schema: { type: 'object', properties: {} },
    })
  })

  it('leaves thinking out when tool_choice forces a tool (a 400 at Anthropic), keeps the forced tool, says so', () => {
    const tools: ChatRequest['tools'] = [{ type: 'function', function: { name: 'f' } }]
    const effort = send({ tools, tool_choice: 'required', reasoning_effort: 'high', temperature: 0.3 })
    expect(effort.body.thinking).toBeUndefined()
    expect(effort.body.tool_choice).toEqual({ type: 'any' })
    // Without thinking, temperature is sent again.
    expect(effort.body.temperature).toBe(0.3)
    expect(effort.warnings.map((w) => [w.code, w.param])).toEqual([['unsupported_param', 'reasoning_effort']])
    const named = { type: 'function', function: { name: 'f' } }
    const native = send({ tools, tool_choice: named, thinking: { type: 'enabled', budget_tokens: 2048 } })
    expect(native.body.thinking).toBeUndefined()
    expect(native.body.tool_choice).toEqual({ type: 'tool', name: 'f' })
    expect(native.warnings.map((w) => w.param)).toEqual(['thinking'])
    expect(send({ tools, tool_choice: 'required', reasoning: { max_tokens: 3000 } }).warnings[0]!.param).toBe(
      'reasoning',
    )
    // auto / none keep thinking.
    expect(send({ tools, tool_choice: 'auto', reasoning_effort: 'low' }).body.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 2048,
    })
    // Adaptive-only models likewise.
    const opus = anthropicAdapter.chatRequest(contextFor('anthropic', 'claude-opus-4-7'), {
      model: 'anthropic/claude-opus-4-7',
      messages: [{ role: 'user', content: 'hi' }],
      tools,
      tool_choice: 'required',
      reasoning_effort: 'high',
    })
    expect(JSON.parse(opus.body!)).not.toHaveProperty('thinking')
    expect(opus.warnings.map((w) => w.param)).toEqual(['reasoning_effort'])
  })

  it('reports every parameter it cannot honour, and not the ones left at their defaults', () => {
    const r = send({
      logprobs: true,
      seed: 1,
      presence_penalty: 0,
      n: 1,
      frequency_penalty: 0.5,
      store: false,
    })
    expect(r.warnings.map((w) => w.param).sort()).toEqual(['frequency_penalty', 'logprobs', 'seed'])
    expect(send({ n: 3 }).warnings.map((w) => w.param)).toEqual(['n'])
    expect(send({ top_k: 5 }).body.top_k).toBe(5)
  })

  it('adds a JSON instruction for json_object and says so', () => {
    const r = send({
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'hi' },
      ],
      response_format: { type: 'json_object' },
    })
    expect(r.body.system).toBe('Be kind.\n\nRespond with a single valid JSON object and nothing else.')
    expect(r.warnings[0]!.code).toBe('param_mapped')
  })

  it('merges consecutive turns, puts tool results first, hoists late system messages', () => {
    const r = send({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'text', text: 'b', cache_control: { type: 'ephemeral' } }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '' } }],
        },
        { role: 'system', content: 'late rule' },
        { role: 'tool', tool_call_id: 't1', content: [{ type: 'text', text: 'r' }] },
        { role: 'user', content: 'c' },
      ],
    })
    expect(r.body.system).toBe('late rule')
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', cache_control: { type: 'ephemeral' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'r' }] },
          { type: 'text', text: 'c' },
        ],
      },
    ])
    expect(r.warnings.map((w) => w.code)).toEqual(['param_mapped'])
  })

  it('sends a PDF file part as a document and reports audio it cannot take', () => {
    const r = send({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          ],
        },
      ],
    })
    expect((r.body.messages as Array<{ content: unknown[] }>)[0]!.content).toEqual([
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
        title: 'a.pdf',
      },
    ])
    expect(r.warnings[0]!.param).toBe('messages[0].content')
  })

  it('uses the configured anthropic-version and extra headers, the key only in x-api-key', () => {
    const custom = contextFor('anthropic', 'claude-haiku-4-5')
    custom.provider.headers = { 'anthropic-beta': 'context-1m-2025-08-07' }
    const req = anthropicAdapter.chatRequest(custom, {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    })
    expect(req.headers).toMatchObject({
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'context-1m-2025-08-07',
      'x-api-key': 'test-key-0123456789',
      accept: 'text/event-stream',
    })
    expect(JSON.parse(req.body!).stream).toBe(true)
  })
})

describe('Anthropic answers', () => {
  it('counts cache reads and writes into prompt_tokens, thinking into reasoning_tokens', () => {
    expect(
      convertUsage({
        input_tokens: 5,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 20,
        output_tokens: 9,
        output_tokens_details: { thinking_tokens: 4 },
      }),
    ).toEqual({
      prompt_tokens: 125,
      completion_tokens: 9,
      total_tokens: 134,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 20 },
      completion_tokens_details: { reasoning_tokens: 4 },
    })
  })

  it('streams a tool called without input with "{}" arguments, and ignores pings', () => {
    const ev = (data: object) => ({ event: (data as { type: string }).type, data: JSON.stringify(data) })
    const f = runStream(anthropicAdapter, ctx, { model: 'm', messages: [], stream: true }, [
      ev({
        type: 'message_start',
        message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 3, output_tokens: 1 } },
      }),
      ev({ type: 'ping' }),
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'now', input: {} },
      }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 4 } }),
      ev({ type: 'message_stop' }),
    ])
    expect(f.toolCalls).toEqual([{ index: 0, id: 'toolu_1', name: 'now', arguments: '{}' }])
    expect(f.finish).toBe('tool_calls')
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('gives a refusal a refusal text: the stop_details explanation, kept as sent, streamed and not', () => {
    // RefusalStopDetails on Message / MessageDeltaEvent.delta (@anthropic-ai/sdk 1.14.0 resources/messages).
    const details = { type: 'refusal', category: 'cyber', explanation: 'This request could enable malware.' }
    const raw = fixture<Record<string, unknown>>('anthropic', 'content-filter.response.json')
    const res = anthropicAdapter.chatResponse(ctx, { ...raw, stop_details: details })
    assertOpenAI('completion', res)
    expect(res.choices[0]!.finish_reason).toBe('content_filter')
    expect(res.choices[0]!.message.refusal).toBe(details.explanation)
    expect(res.choices[0]!.message.anthropic_stop_details).toEqual(details)
    // Without details (the recorded fixture), the refusal still says what happened.
    const bare = anthropicAdapter.chatResponse(ctx, raw)
    expect(bare.choices[0]!.message.refusal).toMatch(/declined.*refusal/)
    const events = sseEvents(fixtureText('anthropic', 'content-filter.chunks.txt')).map((e) =>
      e.event === 'message_delta'
        ? {
            ...e,
            data: e.data.replace(
              '"stop_sequence":null',
              `"stop_sequence":null,"stop_details":${JSON.stringify(details)}`,
            ),
          }
        : e,
    )
    const f = runStream(anthropicAdapter, ctx, { model: 'x', messages: [], stream: true }, events)
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    const refusals = f.chunks.flatMap((c) => c.choices.map((ch) => ch.delta.refusal).filter(Boolean))
    expect(refusals).toEqual([details.explanation])
    expect(f.finish).toBe('content_filter')
  })

  it('gives an error event the status Anthropic means by its type', () => {
    const t = anthropicAdapter.streamTranslator(ctx, { model: 'm', messages: [] })
    const [out] = t.push({
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    })
    expect(out).toMatchObject({
      kind: 'error',
      error: { status: 529, code: 'overloaded', message: 'Overloaded' },
    })
  })

  it('maps HTTP errors with the upstream status, type, code and retry-after', () => {
    const errors = fixture<Record<string, { headers: Record<string, string>; body: unknown }>>(
      'anthropic',
      'errors.json',
    )
    const e429 = anthropicAdapter.mapError(
      ctx.provider,
      429,
      JSON.stringify(errors['429']!.body),
      errors['429']!.headers,
    )
    expect(e429.toBody().error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      provider: 'anthropic',
    })
    expect(e429.headers['retry-after']).toBe('7')
    const e404 = anthropicAdapter.mapError(ctx.provider, 404, JSON.stringify(errors['404']!.body), {})
    expect(e404.code).toBe('model_not_found')
    const e529 = anthropicAdapter.mapError(ctx.provider, 529, JSON.stringify(errors['529']!.body), {})
    expect([e529.status, e529.type, e529.code, e529.message]).toEqual([
      529,
      'overloaded_error',
      'overloaded',
      'Overloaded',
    ])
  })

  it('lists models with display names, dates, context length and max output tokens', () => {
    const models = parseAnthropicModels(fixture('anthropic', 'models.response.json'))
    expect(models[0]).toEqual({
      id: 'claude-sonnet-4-5-20250929',
      owned_by: 'anthropic',
      name: 'Claude Sonnet 4.5',
      created: 1759104000,
      context_length: 200000,
      max_output_tokens: 64000,
    })
  })
})
