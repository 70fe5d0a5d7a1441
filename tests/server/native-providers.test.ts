/**
 * Anthropic and Gemini end to end: the official openai SDK -> the running gateway -> fake upstreams on
 * loopback that speak Anthropic's and Gemini's real protocols (JSON, SSE, errors).
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_ANTHROPIC_KEY } from '../helpers/fake-anthropic'
import { FAKE_GEMINI_KEY, fakeEmbedding } from '../helpers/fake-gemini'
import type { FakeServer } from '../helpers/fake-upstream'
import { sseData, type TestGateway } from '../helpers/gateway'
import { type NativeGateway, startNativeGateway } from '../helpers/native-gateway'
import { assertOpenAI } from '../helpers/openai-schema'
import { fixture } from '../helpers/provider-fixtures'

let anthropic: FakeServer
let gemini: FakeServer
let gw: TestGateway
let client: OpenAI

let native: NativeGateway

beforeAll(async () => {
  native = await startNativeGateway()
  ;({ anthropic, gemini, gw } = native)
  client = gw.client()
})

afterAll(async () => {
  await native?.close()
})

const lastOf = (fake: FakeServer) => fake.received[fake.received.length - 1]!

const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } },
  },
]

/** Streams through the SDK, validating every chunk against OpenAI's schema, and folds the answer. */
async function streamed(params: OpenAI.ChatCompletionCreateParamsStreaming) {
  const stream = await client.chat.completions.create(params)
  let text = ''
  let finish: string | null = null
  let usage: OpenAI.CompletionUsage | undefined
  let chunks = 0
  const calls: Record<number, { id?: string; name?: string; args: string }> = {}
  const details: Array<Record<string, unknown>> = []
  for await (const chunk of stream) {
    assertOpenAI('chunk', chunk)
    chunks++
    if (chunk.usage) usage = chunk.usage
    const c = chunk.choices[0]
    if (!c) continue
    text += c.delta.content ?? ''
    finish = c.finish_reason ?? finish
    const rd = (c.delta as { reasoning_details?: Array<Record<string, unknown>> }).reasoning_details
    if (rd) details.push(...rd)
    for (const tc of c.delta.tool_calls ?? []) {
      const call = (calls[tc.index] ??= { args: '' })
      if (tc.id) call.id = tc.id
      if (tc.function?.name) call.name = tc.function.name
      call.args += tc.function?.arguments ?? ''
    }
  }
  return { text, finish, usage, calls, details, chunks }
}

describe.each([
  { id: 'anthropic', fake: () => anthropic },
  { id: 'gemini', fake: () => gemini },
])('$id through the official openai SDK', ({ id, fake }) => {
  it('answers a plain request with a valid chat.completion', async () => {
    const res = await client.chat.completions.create({
      model: `${id}/echo-model`,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello there' },
      ],
    })
    assertOpenAI('completion', res)
    expect(res.choices[0]!.message.content).toBe('You said: hello there')
    expect(res.choices[0]!.finish_reason).toBe('stop')
    expect(res.usage?.total_tokens).toBe(18)
  })

  it('streams text, the finish chunk and the usage chunk', async () => {
    const r = await streamed({
      model: `${id}/echo-model`,
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(r.text).toBe('You said: stream me please')
    expect(r.finish).toBe('stop')
    expect(r.usage?.completion_tokens).toBe(7)
    expect(r.chunks).toBeGreaterThan(4)
  })

  it('streams two parallel tool calls apart, with stable ids and whole JSON arguments', async () => {
    const r = await streamed({
      model: `${id}/fixture-tools`,
      messages: [{ role: 'user', content: 'Weather in Paris and time in Tokyo?' }],
      tools,
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(r.finish).toBe('tool_calls')
    expect(Object.keys(r.calls)).toEqual(['0', '1'])
    expect(r.calls[0]!.name).toBe('get_weather')
    expect(JSON.parse(r.calls[0]!.args)).toEqual({ city: 'Paris', unit: 'celsius' })
    expect(r.calls[1]!.name).toBe('get_time')
    expect(JSON.parse(r.calls[1]!.args)).toEqual({ tz: 'Asia/Tokyo' })
    expect(r.calls[0]!.id).not.toBe(r.calls[1]!.id)
    expect(r.usage?.total_tokens).toBe(370)
  })

  it('returns thinking as reasoning with its signature, and sends the signature back in a tool loop', async () => {
    const first = await client.chat.completions.create({
      model: `${id}/fixture-${id === 'gemini' ? 'tools' : 'thinking'}`,
      messages: [{ role: 'user', content: 'Think, then use tools.' }],
      tools,
      reasoning_effort: 'medium',
    })
    assertOpenAI('completion', first)
    const msg = first.choices[0]!.message as OpenAI.ChatCompletionMessage & {
      reasoning_details?: Array<Record<string, unknown>>
    }
    expect(msg.reasoning_details?.length).toBeGreaterThan(0)
    // The client sends the whole assistant message back, as OpenAI clients do in a tool loop.
    const followUp: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Think, then use tools.' },
      msg as OpenAI.ChatCompletionAssistantMessageParam,
      ...(msg.tool_calls ?? []).map((c) => ({
        role: 'tool' as const,
        tool_call_id: c.id,
        content: '{"ok":true}',
      })),
      ...(msg.tool_calls?.length ? [] : [{ role: 'user' as const, content: 'And then?' }]),
    ]
    await client.chat.completions.create({ model: `${id}/fixture-tool-result`, messages: followUp, tools })
    const sent = lastOf(fake()).body as Record<string, unknown>
    const text = JSON.stringify(sent)
    if (id === 'anthropic') {
      const assistant = (
        sent.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>
      )[1]!
      expect(assistant.content[0]).toMatchObject({
        type: 'thinking',
        signature: expect.stringMatching(/^EqQB/),
      })
    } else {
      expect(text).toContain('"thoughtSignature":"CiQB0e2Kb7Qm+gemini-signature-for-call-1"')
      expect(text).toContain('"functionResponse":{"name":"get_weather"')
    }
  })

  it('sends structured output as the provider’s own JSON-schema mode', async () => {
    const res = await client.chat.completions.create({
      model: `${id}/fixture-structured`,
      messages: [{ role: 'user', content: 'Extract: Ada Lovelace, 36.' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', schema: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    })
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual({ name: 'Ada Lovelace', age: 36 })
    const sent = lastOf(fake()).body as Record<string, unknown>
    if (id === 'anthropic') expect(sent.output_config).toMatchObject({ format: { type: 'json_schema' } })
    else
      expect(sent.generationConfig).toMatchObject({
        responseMimeType: 'application/json',
        responseJsonSchema: {},
      })
  })

  it('reports settings the provider cannot honour in x-localrouter-warnings', async () => {
    const { response } = await client.chat.completions
      .create({
        model: `${id}/echo-model`,
        messages: [{ role: 'user', content: 'hi' }],
        logit_bias: { '50256': -100 },
      })
      .withResponse()
    const warnings = JSON.parse(response.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
      param: string
    }>
    expect(warnings.map((w) => w.param)).toContain('logit_bias')
    expect(gw.logs.some((l) => l.includes('logit_bias'))).toBe(true)
  })

  it('reports a system image and message names in the header, and not modalities ["text"]', async () => {
    const { response } = await client.chat.completions
      .create({
        model: `${id}/echo-model`,
        modalities: ['text'],
        messages: [
          {
            role: 'system',
            content: [{ type: 'text', text: 'Be brief.' }],
            name: 'policy',
          },
          {
            role: 'developer',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          } as unknown as OpenAI.ChatCompletionMessageParam,
          { role: 'user', content: 'hi', name: 'alice' },
        ],
      })
      .withResponse()
    const warnings = JSON.parse(response.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
      param: string
    }>
    expect(warnings.map((w) => w.param).sort()).toEqual(['messages[1].content', 'messages[].name'])
  })

  it('maps every recorded upstream error to an OpenAI error with its status and message', async () => {
    const errors = fixture<Record<string, { body: { error: { message: string } } }>>(id, 'errors.json')
    for (const [status, e] of Object.entries(errors)) {
      const err = await client.chat.completions
        .create({ model: `${id}/fail-${status}`, messages: [{ role: 'user', content: 'x' }] })
        .then(
          () => null,
          (x: unknown) => x,
        )
      expect(err).toBeInstanceOf(OpenAI.APIError)
      const apiErr = err as InstanceType<typeof OpenAI.APIError>
      expect(apiErr.status).toBe(Number(status))
      expect(apiErr.message).toContain(e.body.error.message.slice(0, 20))
      if (status === '429') expect(apiErr.headers?.get('retry-after')).toBe('7')
    }
  })

  it('ends a stream cut short upstream with an error event and no [DONE]', async () => {
    for (const model of ['end-early', 'error-event']) {
      const res = await gw.fetch('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: `${id}/${model}`,
          stream: true,
          messages: [{ role: 'user', content: 'a b c' }],
        }),
      })
      const data = await sseData(res)
      expect(data).not.toContain('[DONE]')
      const last = JSON.parse(data[data.length - 1]!) as { error?: { message: string } }
      expect(last.error?.message).toBeTruthy()
      for (const d of data.slice(0, -1)) assertOpenAI('chunk', JSON.parse(d))
    }
  })
})

describe('requests as the providers want them', () => {
  it('sends Anthropic x-api-key, anthropic-version and a max_tokens default from the catalog', async () => {
    await client.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hi' }],
    })
    const r = lastOf(anthropic)
    expect(r.url).toBe('/v1/messages')
    expect(r.headers['x-api-key']).toBe(FAKE_ANTHROPIC_KEY)
    expect(r.headers['anthropic-version']).toBe('2023-06-01')
    expect(r.headers.authorization).toBeUndefined()
    expect(r.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 64000 })
  })

  it('sends Gemini x-goog-api-key to :generateContent and :streamGenerateContent?alt=sse', async () => {
    await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(lastOf(gemini).url).toBe('/v1beta/models/gemini-2.5-flash:generateContent')
    expect(lastOf(gemini).headers['x-goog-api-key']).toBe(FAKE_GEMINI_KEY)
    await streamed({
      model: 'gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    expect(lastOf(gemini).url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse')
  })
})

describe('Anthropic thinking with a forced tool (a 400 at Anthropic)', () => {
  it('a client sending reasoning_effort with tool_choice required gets an answer and a warning, not a 400', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'hi' }],
        tools,
        tool_choice: 'required',
        reasoning_effort: 'medium',
      })
      .withResponse()
    expect(data.choices[0]!.message.content).toBe('You said: hi')
    const sent = lastOf(anthropic).body as Record<string, unknown>
    expect(sent).not.toHaveProperty('thinking')
    expect(sent.tool_choice).toEqual({ type: 'any' })
    const warnings = JSON.parse(response.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
      param: string
    }>
    expect(warnings.map((w) => w.param)).toEqual(['reasoning_effort'])
  })
})

describe('Anthropic structured output on a model without structured outputs (Claude Sonnet 4)', () => {
  const person = {
    type: 'json_schema' as const,
    json_schema: {
      name: 'person',
      strict: true,
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer' } },
        required: ['name', 'age'],
        additionalProperties: false,
      },
    },
  }
  const messages = [{ role: 'user' as const, content: 'Extract: Ada Lovelace, 36.' }]
  const warningsOf = (h: Headers) =>
    JSON.parse(h.get('x-localrouter-warnings') ?? '[]') as Array<{ param: string; message: string }>

  it('the fake answers output_config.format with a 400, as Anthropic does for this model', async () => {
    const res = await fetch(`${anthropic.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': FAKE_ANTHROPIC_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'claude-sonnet-4-20250514',
        max_tokens: 100,
        messages,
        output_config: { format: { type: 'json_schema', schema: person.json_schema.schema } },
      }),
    })
    expect(res.status).toBe(400)
  })

  it('the client gets the JSON answer as content with finish_reason stop, non-streamed and streamed', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'anthropic/claude-sonnet-4-20250514', messages, response_format: person })
      .withResponse()
    assertOpenAI('completion', data)
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(data.choices[0]!.finish_reason).toBe('stop')
    expect(data.choices[0]!.message.tool_calls).toBeUndefined()
    const sent = lastOf(anthropic).body as Record<string, unknown>
    expect(sent).not.toHaveProperty('output_config')
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'person' })
    expect(warningsOf(response.headers).map((w) => w.param)).toEqual(['response_format'])

    const s = await streamed({
      model: 'anthropic/claude-sonnet-4-20250514',
      messages,
      response_format: person,
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(JSON.parse(s.text)).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(s.finish).toBe('stop')
    expect(s.calls).toEqual({})
    expect(s.usage?.completion_tokens).toBe(38)
  })

  it("with the client's own tools nothing is forced: its tools are kept and the schema is an instruction", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'anthropic/claude-sonnet-4-20250514', messages, tools, response_format: person })
      .withResponse()
    expect(data.choices[0]!.message.content).toContain('You said:')
    const sent = lastOf(anthropic).body as Record<string, unknown>
    expect((sent.tools as Array<{ name: string }>).map((t) => t.name)).toEqual(['get_weather', 'get_time'])
    expect(sent).not.toHaveProperty('tool_choice')
    expect(String(sent.system)).toContain('valid against this JSON Schema')
    expect(warningsOf(response.headers)[0]!.message).toContain('not guaranteed')
  })
})

describe("Gemini thought signatures in Google's OpenAI-compatible shape", () => {
  it('a client that keeps only tool_calls (extra_content) sends the real signature back, not the placeholder', async () => {
    const first = await client.chat.completions.create({
      model: 'gemini/fixture-tools',
      messages: [{ role: 'user', content: 'Weather in Paris and the time in Tokyo?' }],
      tools,
    })
    const calls = first.choices[0]!.message.tool_calls!
    const sig = (calls[0] as { extra_content?: { google?: { thought_signature?: string } } }).extra_content
      ?.google?.thought_signature
    expect(sig).toBe('CiQB0e2Kb7Qm+gemini-signature-for-call-1')
    // Like clients written for Google's endpoint: the tool calls as received, no reasoning_details.
    const { response } = await client.chat.completions
      .create({
        model: 'gemini/gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'Weather in Paris and the time in Tokyo?' },
          { role: 'assistant', content: null, tool_calls: calls },
          ...calls.map((c) => ({ role: 'tool' as const, tool_call_id: c.id, content: '{"ok":true}' })),
        ],
        tools,
      })
      .withResponse()
    const sent = JSON.stringify(lastOf(gemini).body)
    expect(sent).toContain(`"thoughtSignature":"${sig}"`)
    expect(sent).not.toContain('skip_thought_signature_validator')
    expect(sent).not.toContain('extra_content')
    expect(response.headers.get('x-localrouter-warnings')).toBeNull()
  })
})

describe('Claude models released after Opus 4.6, against a fake that rejects what the real API rejects', () => {
  const warningsOf = (h: Headers) =>
    JSON.parse(h.get('x-localrouter-warnings') ?? '[]') as Array<{
      code: string
      param: string
      message: string
    }>

  it("the fake answers sampling parameters and a thinking budget with Anthropic's 400", async () => {
    for (const extra of [
      { temperature: 0.2 },
      { top_p: 0.5 },
      { top_k: 5 },
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
    ]) {
      const res = await fetch(`${anthropic.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': FAKE_ANTHROPIC_KEY,
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          model: 'claude-opus-4-7',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          ...extra,
        }),
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error')
    }
  })

  it('a client sending temperature, top_p and reasoning_effort gets an answer and the warnings, not a 400', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'anthropic/claude-opus-4-7',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.2,
        top_p: 0.5,
        reasoning_effort: 'high',
      })
      .withResponse()
    expect(data.choices[0]!.message.content).toBe('You said: hi')
    const sent = lastOf(anthropic).body
    expect(sent).not.toHaveProperty('temperature')
    expect(sent).not.toHaveProperty('top_p')
    expect(sent).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } })
    const warnings = warningsOf(response.headers)
    expect(warnings.map((w) => w.param).sort()).toEqual(['temperature', 'top_p'])
    for (const w of warnings) {
      expect(w.code).toBe('unsupported_param')
      expect(w.message).toContain('claude-opus-4-7')
    }
    expect(gw.logs.some((l) => l.includes('top_p'))).toBe(true)
  })

  it('streams too, with a native top_k and a thinking budget mapped to adaptive thinking', async () => {
    const stream = await client.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-5-5',
        messages: [{ role: 'user', content: 'hello there' }],
        stream: true,
        temperature: 0.7,
        top_k: 40,
        reasoning: { max_tokens: 3000 },
      } as OpenAI.ChatCompletionCreateParamsStreaming)
      .withResponse()
    let text = ''
    for await (const chunk of stream.data) {
      assertOpenAI('chunk', chunk)
      text += chunk.choices[0]?.delta.content ?? ''
    }
    expect(text).toBe('You said: hello there')
    const sent = lastOf(anthropic).body
    expect(sent).not.toHaveProperty('temperature')
    expect(sent).not.toHaveProperty('top_k')
    expect((sent as { thinking?: unknown }).thinking).toEqual({ type: 'adaptive' })
    expect(warningsOf(stream.response.headers).map((w) => [w.code, w.param])).toEqual(
      expect.arrayContaining([
        ['unsupported_param', 'top_k'],
        ['param_mapped', 'reasoning'],
      ]),
    )
  })
})

describe('Anthropic content with no plain OpenAI field', () => {
  const url = 'https://en.wikipedia.org/wiki/Claude_Shannon'

  it('reaches the SDK non-streamed: annotations, kept server-tool blocks, warnings (and a log line)', async () => {
    const before = gw.logs.length
    const out = (await client.chat.completions.create({
      model: 'anthropic/fixture-web-search',
      messages: [{ role: 'user', content: 'When was Claude Shannon born?' }],
    })) as OpenAI.ChatCompletion & { localrouter_warnings?: Array<{ type: string }> }
    assertOpenAI('completion', out)
    const m = out.choices[0]!.message as OpenAI.ChatCompletionMessage & { anthropic_blocks?: unknown[] }
    expect(m.annotations?.map((a) => a.url_citation.url)).toEqual([url])
    expect(m.anthropic_blocks).toHaveLength(2)
    expect(out.localrouter_warnings?.map((w) => w.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
    ])
    const logged = gw.logs.slice(before).filter((l) => l.includes('response content not mapped'))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('web_search_tool_result')
  })

  it('reaches the SDK streamed: the chunks carry the same annotations, blocks and warnings', async () => {
    const stream = await client.chat.completions.create({
      model: 'anthropic/fixture-web-search',
      messages: [{ role: 'user', content: 'When was Claude Shannon born?' }],
      stream: true,
    })
    const annotations: unknown[] = []
    const blocks: unknown[] = []
    const warnings: string[] = []
    for await (const chunk of stream) {
      assertOpenAI('chunk', chunk)
      const d = (chunk.choices[0]?.delta ?? {}) as Record<string, unknown[] | undefined>
      annotations.push(...(d.annotations ?? []))
      blocks.push(...(d.anthropic_blocks ?? []))
      for (const w of (chunk as { localrouter_warnings?: Array<{ type: string }> }).localrouter_warnings ??
        [])
        warnings.push(w.type)
    }
    expect(annotations).toEqual([
      expect.objectContaining({ type: 'url_citation', url_citation: expect.objectContaining({ url }) }),
    ])
    expect(blocks).toHaveLength(2)
    expect(warnings).toEqual(['server_tool_use', 'web_search_tool_result'])
  })
})

describe('GET /v1/models', () => {
  it('lists Anthropic and Gemini models from their own endpoints, with catalog metadata', async () => {
    const list = await client.models.list()
    const byId = new Map(list.data.map((m) => [m.id, m as OpenAI.Model & Record<string, unknown>]))
    const claude = byId.get('anthropic/claude-sonnet-4-5-20250929')!
    expect(claude.context_length).toBe(200000)
    // Prompt-cache prices as OpenRouter writes them (the read and the 5-minute write) and our 1-hour write, per token.
    expect(claude.pricing).toEqual({
      prompt: '0.000003',
      completion: '0.000015',
      input_cache_read: '0.0000003',
      input_cache_write: '0.00000375',
      input_cache_write_1h: '0.000006',
    })
    expect(claude.name).toBe('Claude Sonnet 4.5')
    const flash = byId.get('gemini/gemini-2.5-flash')!
    expect(flash.context_length).toBe(1048576)
    // Gemini bills cache storage by the hour, not a per-token write: a read price only.
    expect(flash.pricing).toEqual({
      prompt: '0.0000003',
      completion: '0.0000025',
      input_cache_read: '0.00000003',
    })
    // Max output tokens from their own lists (Anthropic max_tokens, Gemini outputTokenLimit).
    expect(claude.top_provider).toEqual({ max_completion_tokens: 64000 })
    expect(flash.top_provider).toEqual({ max_completion_tokens: 65536 })
    // Embedding models are listed (as OpenAI lists its own), marked as such for chat pickers.
    const embedding = byId.get('gemini/gemini-embedding-001')!
    expect(embedding.architecture).toEqual({ input_modalities: ['text'], output_modalities: ['embeddings'] })
    expect(embedding.context_length).toBe(2048)
    expect(embedding.top_provider).toBeUndefined()
    expect(anthropic.received.some((r) => r.url.startsWith('/v1/models'))).toBe(true)
  })
})

describe('Gemini embeddings (batchEmbedContents)', () => {
  it('embeds through the SDK: its default base64, and floats with dimensions, in input order', async () => {
    // The openai SDK asks for base64 unless told otherwise, and decodes it to floats (float32).
    const b64 = await client.embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: ['hello', 'world'],
    })
    expect(lastOf(gemini).url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents')
    expect(lastOf(gemini).headers['x-goog-api-key']).toBe(FAKE_GEMINI_KEY)
    expect(lastOf(gemini).body).toEqual({
      requests: ['hello', 'world'].map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
      })),
    })
    expect(b64.data.map((d) => d.index)).toEqual([0, 1])
    b64.data.forEach((d, i) => {
      const want = fakeEmbedding(['hello', 'world'][i]!)
      expect(d.embedding).toHaveLength(want.length)
      d.embedding.forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 6))
    })

    const floats = await client.embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: 'one text',
      dimensions: 3,
      encoding_format: 'float',
    })
    expect(floats).toMatchObject({ object: 'list', model: 'gemini-embedding-001' })
    expect(floats.data).toEqual([{ object: 'embedding', index: 0, embedding: fakeEmbedding('one text', 3) }])
    expect((lastOf(gemini).body as { requests: unknown[] }).requests[0]).toMatchObject({
      outputDimensionality: 3,
    })
  })

  it("passes Gemini's task_type on, reports what it cannot send, and refuses token ids before calling Gemini", async () => {
    const res = await gw.fetch('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini/gemini-embedding-001',
        input: 'q',
        task_type: 'RETRIEVAL_QUERY',
        user: 'u-1',
      }),
    })
    expect(res.status).toBe(200)
    expect((lastOf(gemini).body as { requests: unknown[] }).requests[0]).toMatchObject({
      taskType: 'RETRIEVAL_QUERY',
    })
    expect(
      (lastOf(gemini).body as { requests: Array<Record<string, unknown>> }).requests[0]!.user,
    ).toBeUndefined()
    const warnings = JSON.parse(res.headers.get('x-localrouter-warnings') ?? '[]') as Array<{ param: string }>
    expect(warnings.map((w) => w.param)).toEqual(['user'])

    const before = gemini.received.length
    const ids = await client.embeddings
      .create({ model: 'gemini/gemini-embedding-001', input: [[1, 2, 3]] })
      .catch((e: unknown) => e)
    expect(ids).toBeInstanceOf(OpenAI.BadRequestError)
    expect((ids as Error).message).toMatch(/text only/)
    expect(gemini.received.length).toBe(before)
  })

  it("keeps Gemini's error status (429 with retry-after) on embeddings", async () => {
    const err = await client.embeddings
      .create({ model: 'gemini/fail-429', input: 'x' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.RateLimitError)
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBeTruthy()
  })
})

describe('wire-format audit end to end (openai SDK -> gateway -> fake upstreams)', () => {
  it("Anthropic: cache writes by TTL in usage, streamed and not; the pair temperature + top_p is not sent to Claude Sonnet 4.5's family", async () => {
    const res = await client.chat.completions.create({
      model: 'anthropic/fixture-cache-usage',
      messages: [{ role: 'user', content: 'How long is the contract?' }],
    })
    assertOpenAI('completion', res)
    expect((res.usage as unknown as Record<string, unknown>).cache_creation).toEqual({
      ephemeral_5m_input_tokens: 1000,
      ephemeral_1h_input_tokens: 2000,
    })
    expect(res.usage?.prompt_tokens).toBe(3520)
    const s = await streamed({
      model: 'anthropic/fixture-cache-usage',
      messages: [{ role: 'user', content: 'How long is the contract?' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    expect((s.usage as unknown as Record<string, unknown>).cache_creation).toEqual({
      ephemeral_5m_input_tokens: 1000,
      ephemeral_1h_input_tokens: 2000,
    })

    const { response } = await client.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.2,
        top_p: 0.9,
      })
      .withResponse()
    expect(lastOf(anthropic).body).toMatchObject({ temperature: 0.2 })
    expect(lastOf(anthropic).body).not.toHaveProperty('top_p')
    const warnings = JSON.parse(response.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
      param: string
    }>
    expect(warnings.map((w) => w.param)).toEqual(['top_p'])
  })

  it('Gemini: an image answer as message.images, code execution parts kept under gemini_parts, streamed and not', async () => {
    const img = await client.chat.completions.create({
      model: 'gemini/fixture-image-output',
      messages: [{ role: 'user', content: 'Draw a tiny banana' }],
    })
    assertOpenAI('completion', img)
    const images = (img.choices[0]!.message as unknown as { images: Array<{ image_url: { url: string } }> })
      .images
    expect(images[0]!.image_url.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)

    const code = await client.chat.completions.create({
      model: 'gemini/fixture-code-execution',
      messages: [{ role: 'user', content: 'Sum the first 50 primes' }],
    })
    const kept = (
      code.choices[0]!.message as unknown as { gemini_parts: Array<{ part: Record<string, unknown> }> }
    ).gemini_parts
    expect(kept.map((k) => Object.keys(k.part)[0])).toEqual(['executableCode', 'codeExecutionResult'])

    const stream = await client.chat.completions.create({
      model: 'gemini/fixture-code-execution',
      messages: [{ role: 'user', content: 'Sum the first 50 primes' }],
      stream: true,
    })
    const parts: unknown[] = []
    let text = ''
    for await (const chunk of stream) {
      assertOpenAI('chunk', chunk)
      const d = chunk.choices[0]?.delta as (Record<string, unknown> & { content?: string }) | undefined
      text += d?.content ?? ''
      parts.push(...((d?.gemini_parts as unknown[] | undefined) ?? []))
    }
    expect(parts).toHaveLength(2)
    expect(text).toContain('5117')
  })

  it('Gemini 3: n and penalties are not sent where they are a 400, and each is reported', async () => {
    const { response } = await client.chat.completions
      .create({
        model: 'gemini/gemini-3-flash-preview',
        messages: [{ role: 'user', content: 'hi' }],
        n: 2,
        presence_penalty: 0.5,
      })
      .withResponse()
    const sent = lastOf(gemini).body as { generationConfig?: Record<string, unknown> }
    expect(sent.generationConfig ?? {}).not.toHaveProperty('candidateCount')
    expect(sent.generationConfig ?? {}).not.toHaveProperty('presencePenalty')
    const warnings = JSON.parse(response.headers.get('x-localrouter-warnings') ?? '[]') as Array<{
      param: string
    }>
    expect(warnings.map((w) => w.param).sort()).toEqual(['n', 'presence_penalty'])
  })
})
