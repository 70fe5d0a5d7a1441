import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import { mapFinishReason } from '../../../electron/providers/gemini/map-finish-reason'
import { parseGeminiModels } from '../../../electron/providers/gemini/models'
import type { ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const send = (body: Partial<ChatRequest>, model = 'gemini-2.5-flash') => {
  const req = geminiAdapter.chatRequest(contextFor('gemini', model), {
    model: `gemini/${model}`,
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  })
  return { body: JSON.parse(req.body!) as Record<string, unknown>, warnings: req.warnings, req }
}
const ctx = contextFor('gemini', 'gemini-2.5-flash')

describe('Gemini request', () => {
  it('maps finish reasons', () => {
    expect(mapFinishReason('STOP', false)).toBe('stop')
    expect(mapFinishReason('STOP', true)).toBe('tool_calls')
    expect(mapFinishReason('MAX_TOKENS', false)).toBe('length')
    for (const r of ['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'SPII', 'BLOCKLIST'])
      expect(mapFinishReason(r, false)).toBe('content_filter')
  })

  it('renames generation settings one to one', () => {
    const r = send({
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      seed: 7,
      max_completion_tokens: 99,
      stop: 'X',
      n: 2,
    })
    expect(r.body.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      seed: 7,
      maxOutputTokens: 99,
      stopSequences: ['X'],
      candidateCount: 2,
    })
    expect(r.warnings).toEqual([])
  })

  it('leaves out presence / frequency penalties where Gemini rejects them, and reports each', () => {
    // "Penalty is not enabled for models/gemini-2.5-flash" (400 INVALID_ARGUMENT): vercel/ai#8943,
    // BerriAI/litellm#26108, google-gemini/cookbook#1290 ("on every tested model"; a Google team member on
    // discuss.ai.google.dev/t/94446: only gemini-2.0-flash takes them). 0 asks for nothing and is not sent.
    for (const model of [
      'gemini-2.5-flash',
      'gemini-3-flash-preview',
      'gemini-3.1-pro-preview',
      'gemini-next',
    ]) {
      const req = geminiAdapter.chatRequest(contextFor('gemini', model), {
        model: `gemini/${model}`,
        messages: [{ role: 'user', content: 'hi' }],
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
        temperature: 0.5,
      })
      const body = JSON.parse(req.body!) as { generationConfig: Record<string, unknown> }
      expect(body.generationConfig).toEqual({ temperature: 0.5 })
      expect(req.warnings.map((w) => [w.code, w.param])).toEqual([
        ['unsupported_param', 'presence_penalty'],
        ['unsupported_param', 'frequency_penalty'],
      ])
      expect(req.warnings[0]!.message).toContain(model)
    }
    const zero = send({ presence_penalty: 0, frequency_penalty: 0 })
    expect(zero.body).not.toHaveProperty('generationConfig')
    expect(zero.warnings).toEqual([])
  })

  it('asks Gemini 3 models for one candidate only, and reports n (more is a 400 there)', () => {
    // "Multiple candidates is not enabled for this model": googleapis/js-genai#1609, python-genai#1723.
    for (const model of ['gemini-3-flash-preview', 'gemini-3.1-pro-preview', 'gemini-3.1-flash-lite']) {
      const req = geminiAdapter.chatRequest(contextFor('gemini', model), {
        model: `gemini/${model}`,
        messages: [{ role: 'user', content: 'hi' }],
        n: 3,
      })
      expect(JSON.parse(req.body!)).not.toHaveProperty('generationConfig')
      expect(req.warnings.map((w) => [w.code, w.param])).toEqual([['unsupported_param', 'n']])
      expect(req.warnings[0]!.message).toContain(model)
    }
    // Gemini 2.5 and ids without rules: as asked.
    expect((send({ n: 3 }).body.generationConfig as Record<string, unknown>).candidateCount).toBe(3)
  })

  it('sends the penalties to the models that take them (Gemini 2.0)', () => {
    const req = geminiAdapter.chatRequest(contextFor('gemini', 'gemini-2.0-flash'), {
      model: 'gemini/gemini-2.0-flash',
      messages: [{ role: 'user', content: 'hi' }],
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
    })
    expect(JSON.parse(req.body!).generationConfig).toEqual({ presencePenalty: 0.1, frequencyPenalty: 0.2 })
    expect(req.warnings).toEqual([])
  })

  it('uses a thinking budget on Gemini 2.x and a thinking level after', () => {
    expect(
      (send({ reasoning_effort: 'low' }).body.generationConfig as Record<string, unknown>).thinkingConfig,
    ).toEqual({
      thinkingBudget: 1024,
      includeThoughts: true,
    })
    expect(
      (
        send({ reasoning_effort: 'high' }, 'gemini-3-pro-preview').body.generationConfig as Record<
          string,
          unknown
        >
      ).thinkingConfig,
    ).toEqual({
      thinkingLevel: 'HIGH',
      includeThoughts: true,
    })
    expect(
      (send({ reasoning_effort: 'none' }).body.generationConfig as Record<string, unknown>).thinkingConfig,
    ).toEqual({
      thinkingBudget: 0,
      includeThoughts: false,
    })
  })

  it('maps tool_choice to functionCallingConfig, and reports what has no equivalent', () => {
    const tools: ChatRequest['tools'] = [{ type: 'function', function: { name: 'f', strict: true } }]
    expect(
      send({ tools, tool_choice: { type: 'function', function: { name: 'f' } } }).body.toolConfig,
    ).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] },
    })
    expect(send({ tools, tool_choice: 'required' }).body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY' },
    })
    const r = send({ tools, parallel_tool_calls: false, user: 'u1' })
    expect(r.warnings.map((w) => w.param).sort()).toEqual([
      'parallel_tool_calls',
      'tools[0].function.strict',
      'user',
    ])
    expect(r.body.tools).toEqual([{ functionDeclarations: [{ name: 'f', description: '' }] }])
  })

  it('does not send ids we made up, matches results to calls by id, and reports an unmatched result', () => {
    const r = send({
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_lrABC', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'call_lrABC', content: '[1,2]' },
        { role: 'tool', tool_call_id: 'nope', content: 'x' },
      ],
    })
    expect(r.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'go' }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: [1, 2] } } }] },
    ])
    expect(r.warnings.map((w) => w.param)).toEqual(['messages[3]'])
  })

  it("sends Google's placeholder signature on a Gemini 3 tool call that lost its thought signature, and says so", () => {
    const calls = [
      { id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{}' } },
      { id: 'c2', type: 'function' as const, function: { name: 'g', arguments: '{}' } },
    ]
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'go' },
      // A client that drops reasoning_details (LibreChat, Roo Code, history from another model).
      { role: 'assistant', content: null, tool_calls: calls },
      { role: 'tool', tool_call_id: 'c1', content: '1' },
      { role: 'tool', tool_call_id: 'c2', content: '2' },
    ]
    const g3 = send({ messages }, 'gemini-3-flash-preview')
    const model = (g3.body.contents as Array<{ parts: Array<Record<string, unknown>> }>)[1]!
    // Only the first call of a step carries a signature (ai.google.dev/gemini-api/docs/thought-signatures).
    expect(model.parts.map((p) => p.thoughtSignature)).toEqual([
      'skip_thought_signature_validator',
      undefined,
    ])
    expect(g3.warnings.map((w) => [w.code, w.param])).toEqual([['param_mapped', 'messages']])
    expect(g3.warnings[0]!.message).toMatch(/messages\[1\].*gemini-3-flash-preview/)
    // A real signature sent back is kept, with nothing to report.
    const signed = send(
      {
        messages: [
          messages[0]!,
          {
            ...messages[1]!,
            reasoning_details: [
              {
                type: 'reasoning.encrypted',
                data: 'CiQBreal',
                id: 'c1',
                format: 'google-gemini-v1',
                index: 0,
              },
            ],
          } as ChatRequest['messages'][number],
          ...messages.slice(2),
        ],
      },
      'gemini-3-flash-preview',
    )
    const parts = (signed.body.contents as Array<{ parts: Array<Record<string, unknown>> }>)[1]!.parts
    expect(parts[0]!.thoughtSignature).toBe('CiQBreal')
    expect(signed.warnings).toEqual([])
    // Gemini 2.x does not require signatures: sent as is.
    const g25 = send({ messages })
    expect(JSON.stringify(g25.body)).not.toContain('thoughtSignature')
    expect(g25.warnings).toEqual([])
  })

  it("reads a signature back from Google's OpenAI-compatible shape, tool_calls[].extra_content.google.thought_signature", () => {
    // What Google's own endpoint (generativelanguage.googleapis.com/v1beta/openai) returns and clients
    // such as Codex keep on each tool call, without reasoning_details.
    const calls = [
      {
        id: 'c1',
        type: 'function' as const,
        function: { name: 'f', arguments: '{}' },
        extra_content: { google: { thought_signature: 'CiQBfromextra' } },
      },
      { id: 'c2', type: 'function' as const, function: { name: 'g', arguments: '{}' } },
    ]
    const r = send(
      {
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: calls },
          { role: 'tool', tool_call_id: 'c1', content: '1' },
          { role: 'tool', tool_call_id: 'c2', content: '2' },
        ] as ChatRequest['messages'],
      },
      'gemini-3-flash-preview',
    )
    const parts = (r.body.contents as Array<{ parts: Array<Record<string, unknown>> }>)[1]!.parts
    expect(parts.map((p) => p.thoughtSignature)).toEqual(['CiQBfromextra', undefined])
    expect(r.warnings).toEqual([])
    expect(JSON.stringify(r.body)).not.toContain('extra_content')
  })

  it('returns each function call signature on its tool call in that shape too, streamed and not', () => {
    const g3 = contextFor('gemini', 'gemini-3-pro-preview')
    const body = { model: 'gemini/gemini-3-pro-preview', messages: [], stream: true }
    const SIG = 'CiQB0e2Kb7Qm+gemini-signature-for-call-1'
    const out = geminiAdapter.chatResponse(g3, fixture('gemini', 'tools.response.json'))
    assertOpenAI('completion', out)
    const tc = out.choices[0]!.message.tool_calls!
    expect((tc[0] as { extra_content?: unknown }).extra_content).toEqual({
      google: { thought_signature: SIG },
    })
    expect((tc[1] as { extra_content?: unknown }).extra_content).toBeUndefined()
    const f = runStream(geminiAdapter, g3, body, sseEvents(fixtureText('gemini', 'tools.chunks.txt')))
    const first = f.chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])[0] as {
      extra_content?: unknown
    }
    expect(first.extra_content).toEqual({ google: { thought_signature: SIG } })
  })

  it('sends audio as inlineData and strips models/ from the model path', () => {
    const r = send(
      {
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } }] },
        ],
      },
      'models/gemini-2.5-pro',
    )
    expect(r.req.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent',
    )
    expect((r.body.contents as Array<{ parts: unknown[] }>)[0]!.parts).toEqual([
      { inlineData: { mimeType: 'audio/wav', data: 'UklG' } },
    ])
  })
})

describe('Gemini answers', () => {
  it('answers a blocked prompt (no candidates) with content_filter, also streamed', () => {
    const blocked = {
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 },
    }
    const res = geminiAdapter.chatResponse(ctx, blocked)
    assertOpenAI('completion', res)
    expect(res.choices[0]!.finish_reason).toBe('content_filter')
    const f = runStream(geminiAdapter, ctx, { model: 'm', messages: [], stream: true }, [
      { data: JSON.stringify(blocked) },
    ])
    expect(f.finish).toBe('content_filter')
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('gives each candidate its own choice (n > 1), streamed and not', () => {
    const two = {
      candidates: [
        { content: { role: 'model', parts: [{ text: 'A' }] }, finishReason: 'STOP', index: 0 },
        { content: { role: 'model', parts: [{ text: 'B' }] }, finishReason: 'MAX_TOKENS', index: 1 },
      ],
    }
    const res = geminiAdapter.chatResponse(ctx, two)
    expect(res.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'A', 'stop'],
      [1, 'B', 'length'],
    ])
    const f = runStream(geminiAdapter, ctx, { model: 'm', messages: [], n: 2, stream: true }, [
      { data: JSON.stringify(two) },
    ])
    expect(f.chunks.filter((c) => c.choices[0]?.finish_reason).map((c) => c.choices[0]!.index)).toEqual([
      0, 1,
    ])
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('keeps the ids Gemini gives its function calls', () => {
    const res = geminiAdapter.chatResponse(ctx, {
      candidates: [
        { content: { parts: [{ functionCall: { id: 'fc_9', name: 'f', args: {} } }] }, finishReason: 'STOP' },
      ],
    })
    expect(res.choices[0]!.message.tool_calls).toEqual([
      { id: 'fc_9', type: 'function', function: { name: 'f', arguments: '{}' } },
    ])
    expect(res.choices[0]!.finish_reason).toBe('tool_calls')
  })

  it('maps errors with the upstream status, the Google status as code, and RetryInfo as retry-after', () => {
    const errors = fixture<Record<string, { body: unknown }>>('gemini', 'errors.json')
    const e429 = geminiAdapter.mapError(ctx.provider, 429, JSON.stringify(errors['429']!.body), {})
    expect([e429.status, e429.type, e429.code, e429.headers['retry-after']]).toEqual([
      429,
      'rate_limit_error',
      'resource_exhausted',
      '7',
    ])
    const e400 = geminiAdapter.mapError(ctx.provider, 400, JSON.stringify(errors['400']!.body), {})
    expect(e400.code).toBe('api_key_invalid')
    expect(e400.message).toBe('API key not valid. Please pass a valid API key.')
  })

  it('lists chat models without the models/ prefix, with inputTokenLimit / outputTokenLimit as limits', () => {
    expect(parseGeminiModels(fixture('gemini', 'models.response.json'))).toEqual([
      {
        id: 'gemini-2.5-flash',
        owned_by: 'google',
        name: 'Gemini 2.5 Flash',
        context_length: 1048576,
        max_output_tokens: 65536,
      },
      // An embedding model: listed for /v1/embeddings, its output marked, its outputTokenLimit (1) left out.
      {
        id: 'gemini-embedding-001',
        owned_by: 'google',
        name: 'Gemini Embedding 001',
        context_length: 2048,
        input_modalities: ['text'],
        output_modalities: ['embeddings'],
      },
    ])
  })

  it('leaves out models that neither chat nor embed (image and video generation)', () => {
    const listed = parseGeminiModels({
      models: [
        { name: 'models/imagen-4.0-generate-001', supportedGenerationMethods: ['predict'] },
        { name: 'models/veo-3.0-generate-001', supportedGenerationMethods: ['predictLongRunning'] },
        { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
      ],
    })
    expect(listed.map((m) => m.id)).toEqual(['text-embedding-004'])
  })
})
