/**
 * Gemini's per-model thinking rules end to end: the official openai SDK -> the running gateway -> a fake
 * Gemini on loopback that answers a thinking level or budget the model rejects with Gemini's 400, as the
 * real API does. A client's reasoning_effort gets an answer and a warning, never that 400.
 */
import type OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_GEMINI_KEY, startFakeGemini } from '../helpers/fake-gemini'
import type { FakeServer } from '../helpers/fake-upstream'
import { startTestGateway, type TestGateway } from '../helpers/gateway'
import { assertOpenAI } from '../helpers/openai-schema'

let gemini: FakeServer
let gw: TestGateway
let client: OpenAI

beforeAll(async () => {
  gemini = await startFakeGemini()
  gw = await startTestGateway({
    providers: { gemini: { baseUrl: `${gemini.url}/v1beta`, apiKey: FAKE_GEMINI_KEY } },
  })
  client = gw.client()
})

afterAll(async () => {
  await gw?.stop()
  await gemini?.close()
})

const lastBody = () => gemini.received[gemini.received.length - 1]!.body as Record<string, unknown>
const thinkingSent = () =>
  (lastBody().generationConfig as { thinkingConfig?: unknown } | undefined)?.thinkingConfig
const warningsOf = (h: Headers) =>
  JSON.parse(h.get('x-localrouter-warnings') ?? '[]') as Array<{
    code: string
    param: string
    message: string
  }>

describe('Gemini thinking per model, against a fake that rejects what the real API rejects', () => {
  it("the fake answers each rejected thinkingConfig with Gemini's 400", async () => {
    for (const [model, thinkingConfig] of [
      ['gemini-3-pro-preview', { thinkingLevel: 'MEDIUM' }],
      ['gemini-3-pro-preview', { thinkingLevel: 'MINIMAL' }],
      ['gemini-3.1-pro-preview', { thinkingLevel: 'MINIMAL' }],
      ['gemini-2.5-pro', { thinkingBudget: 0 }],
      ['gemini-2.5-flash', { thinkingBudget: 32768 }],
      ['gemini-2.5-flash', { thinkingLevel: 'LOW' }],
      ['gemini-2.0-flash', { thinkingBudget: 1024 }],
    ] as const) {
      const res = await fetch(`${gemini.url}/v1beta/models/${model}:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': FAKE_GEMINI_KEY },
        body: JSON.stringify({
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          generationConfig: { thinkingConfig },
        }),
      })
      expect(res.status, `${model} ${JSON.stringify(thinkingConfig)}`).toBe(400)
      expect(((await res.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT')
    }
  })

  it('Gemini 3 Pro with reasoning_effort medium: an answer, thinkingLevel HIGH, a param_clamped warning', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'gemini/gemini-3-pro-preview',
        messages: [{ role: 'user', content: 'hi' }],
        reasoning_effort: 'medium',
      })
      .withResponse()
    assertOpenAI('completion', data)
    expect(data.choices[0]!.message.content).toBe('You said: hi')
    expect(thinkingSent()).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true })
    const warnings = warningsOf(response.headers)
    expect(warnings.map((w) => [w.code, w.param])).toEqual([['param_clamped', 'reasoning_effort']])
    expect(warnings[0]!.message).toContain('gemini-3-pro-preview')
    expect(
      gw.logs.some((l) => l.includes('request settings not honoured') && l.includes('reasoning_effort')),
    ).toBe(true)
  })

  it('Gemini 2.5 Pro with reasoning_effort none, streamed: an answer, its least budget, a warning', async () => {
    const stream = await client.chat.completions
      .create({
        model: 'gemini/gemini-2.5-pro',
        messages: [{ role: 'user', content: 'hello there' }],
        reasoning_effort: 'none',
        stream: true,
      })
      .withResponse()
    let text = ''
    for await (const chunk of stream.data) {
      assertOpenAI('chunk', chunk)
      text += chunk.choices[0]?.delta.content ?? ''
    }
    expect(text).toBe('You said: hello there')
    expect(thinkingSent()).toEqual({ thinkingBudget: 128, includeThoughts: false })
    expect(warningsOf(stream.response.headers)).toEqual([
      expect.objectContaining({ code: 'param_clamped', param: 'reasoning_effort' }),
    ])
  })

  it('Gemini 2.5 Flash with an over-large budget, and Gemini 2.0 Flash with any: answers, not 400s', async () => {
    const flash = await client.chat.completions
      .create({
        model: 'gemini/gemini-2.5-flash',
        messages: [{ role: 'user', content: 'hi' }],
        reasoning: { max_tokens: 40000 },
      } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse()
    expect(flash.data.choices[0]!.message.content).toBe('You said: hi')
    expect(thinkingSent()).toEqual({ thinkingBudget: 24576, includeThoughts: true })
    expect(warningsOf(flash.response.headers).map((w) => w.code)).toEqual(['param_clamped'])

    const old = await client.chat.completions
      .create({
        model: 'gemini/gemini-2.0-flash',
        messages: [{ role: 'user', content: 'hi' }],
        reasoning_effort: 'high',
      })
      .withResponse()
    expect(old.data.choices[0]!.message.content).toBe('You said: hi')
    expect(thinkingSent()).toBeUndefined()
    expect(warningsOf(old.response.headers)).toEqual([
      expect.objectContaining({ code: 'unsupported_param', param: 'reasoning_effort' }),
    ])
  })
})
