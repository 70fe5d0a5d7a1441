/**
 * The chat UI's own client (renderer/src/lib/chat.ts) against the running gateway and fake Anthropic and
 * Gemini upstreams on loopback that speak their real protocols: what a person sees of thinking, of an answer
 * cut off or filtered, and of a rate limit, and what the next turn sends back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, Message } from '../../../shared/history'
import type { ChatMessage, ModelEntry, ModelsList } from '../../../shared/openai'
import { type ChatOutcome, retryAfterSeconds, streamChat } from '../../../renderer/src/lib/chat'
import { humanError, waitWords } from '../../../renderer/src/lib/errors'
import { costOf } from '../../../renderer/src/lib/format'
import { answerImages, wireMessages } from '../../../renderer/src/store/app'
import type { FakeServer } from '../../helpers/fake-upstream'
import type { TestGateway } from '../../helpers/gateway'
import { type NativeGateway, startNativeGateway } from '../../helpers/native-gateway'
import { fixture } from '../../helpers/provider-fixtures'

let anthropic: FakeServer
let gemini: FakeServer
let gw: TestGateway

let native: NativeGateway

beforeAll(async () => {
  native = await startNativeGateway()
  ;({ anthropic, gemini, gw } = native)
})

afterAll(async () => {
  await native?.close()
})

async function chat(
  model: string,
  messages: ChatMessage[] = [{ role: 'user', content: 'What is 27 * 453?' }],
): Promise<ChatOutcome & { text: string; thoughts: string }> {
  let text = ''
  let thoughts = ''
  const outcome = await streamChat({
    baseUrl: gw.baseURL,
    token: gw.token,
    model,
    messages,
    params: {},
    redaction: 'off',
    signal: new AbortController().signal,
    onText: (t) => (text += t),
    onReasoning: (t) => (thoughts += t),
  })
  return { ...outcome, text, thoughts }
}

describe('thinking reaches the chat apart from the answer, signatures kept', () => {
  it('Anthropic: thinking streams as reasoning; its details merge into one block with the signature', async () => {
    const o = await chat('anthropic/fixture-thinking')
    expect(o.status).toBe('done')
    expect(o.text).toBe('12231')
    expect(o.thoughts).toContain('27 * 453 = 27 * 400 + 27 * 53')
    expect(o.reasoning).toBe(o.thoughts)
    expect(o.text).not.toContain('27 * 400')
    const text = o.reasoningDetails!.filter((d) => d.type === 'reasoning.text')
    expect(text).toHaveLength(1)
    expect(text[0]!.text).toBe(o.reasoning)
    expect(typeof text[0]!.signature).toBe('string')
    expect(String(text[0]!.signature).length).toBeGreaterThan(10)
    expect(o.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0)
  })

  it('Gemini: thought parts stream as reasoning; the thought signature is kept', async () => {
    const o = await chat('gemini/fixture-thinking')
    expect(o.text).toBe('12231')
    expect(o.thoughts).toContain('27 * 453 = 27 * 400 + 27 * 53')
    expect(
      o.reasoningDetails!.some((d) => d.type === 'reasoning.encrypted' && typeof d.data === 'string'),
    ).toBe(true)
  })

  it('the same model gets its reasoning back (Anthropic accepts the signed thinking block); another gets none', async () => {
    const first = await chat('anthropic/fixture-thinking')
    const conv: Conversation = {
      id: 'c1',
      title: 't',
      createdAt: 0,
      updatedAt: 0,
      model: 'anthropic/claude-sonnet-4-5-20250929',
      systemPrompt: '',
      params: {},
      redaction: 'off',
      messages: [],
      currentLeafId: null,
      sentTo: [],
    }
    const path: Message[] = [
      { id: 'u1', parentId: null, role: 'user', content: 'What is 27 * 453?', createdAt: 1 },
      {
        id: 'a1',
        parentId: 'u1',
        role: 'assistant',
        content: first.text,
        model: 'anthropic/fixture-thinking',
        reasoning: first.reasoning!,
        reasoningDetails: first.reasoningDetails!,
        createdAt: 2,
        status: 'done',
      },
      // A filtered answer with no text, then a question: the empty turn is not sent.
      { id: 'u2', parentId: 'a1', role: 'user', content: 'And a bad one', createdAt: 3 },
      {
        id: 'a2',
        parentId: 'u2',
        role: 'assistant',
        content: '',
        model: 'anthropic/fixture-content-filter',
        createdAt: 4,
        status: 'done',
      },
      { id: 'u3', parentId: 'a2', role: 'user', content: 'Again?', createdAt: 5 },
    ]
    const same = wireMessages(conv, path, 'anthropic/fixture-thinking')
    expect(same.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'user'])
    expect(same[1]!.reasoning_details).toEqual(first.reasoningDetails)
    const again = await chat('anthropic/claude-sonnet-4-5-20250929', same)
    expect(again.status).toBe('done')
    const sent = anthropic.received.at(-1)!.body as { messages: Array<{ role: string; content: unknown }> }
    expect(sent.messages[1]!.content).toEqual([
      { type: 'thinking', thinking: first.reasoning, signature: first.reasoningDetails![0]!.signature },
      { type: 'text', text: '12231' },
    ])
    // Another model, here another provider: plain text only, so nothing is dropped with a warning.
    const other = wireMessages(conv, path, 'gemini/gemini-2.5-flash')
    expect(other[1]).toEqual({ role: 'assistant', content: '12231' })
    const g = await chat('gemini/gemini-2.5-flash', other)
    expect(g.status).toBe('done')
    expect(g.warnings).toEqual([])
  })
})

describe('the cost of an answer with prompt-cache reads and writes', () => {
  /** The pricing `/v1/models` gives for a catalog model of that provider (the fixtures' own ids have none). */
  async function pricingOf(id: string): Promise<NonNullable<ModelEntry['pricing']>> {
    const list = (await gw.fetch('/v1/models').then((r) => r.json())) as ModelsList
    return list.data.find((m) => m.id === id)!.pricing!
  }

  it('Anthropic: reads at the cache-read price, writes at the cache-write price, the rest at the input price', async () => {
    const o = await chat('anthropic/fixture-text')
    // The recorded usage: 20 input, 10 written to the cache, 100 read from it, 6 out.
    expect(o.usage?.prompt_tokens).toBe(130)
    const pricing = await pricingOf('anthropic/claude-sonnet-4-5-20250929')
    expect(pricing.input_cache_read).toBe('0.0000003')
    expect(costOf(o.usage, pricing)).toBeCloseTo((20 * 3 + 10 * 3.75 + 100 * 0.3 + 6 * 15) / 1e6, 12)
  })

  it('Anthropic: writes kept for an hour at the 1-hour write price (2x input), the others at the 5-minute one', async () => {
    const pricing = await pricingOf('anthropic/claude-sonnet-4-5-20250929')
    expect(pricing.input_cache_write).toBe('0.00000375')
    expect(pricing.input_cache_write_1h).toBe('0.000006')
    // As convertUsage reports Anthropic's usage: 40 written to the cache, 30 of them for an hour.
    const usage = {
      prompt_tokens: 60,
      completion_tokens: 6,
      total_tokens: 66,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 40 },
      cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 30 },
    }
    expect(costOf(usage, pricing)).toBeCloseTo((20 * 3 + 10 * 3.75 + 30 * 6 + 6 * 15) / 1e6, 12)
    // A model list without the 1-hour price (an older gateway, OpenRouter's fields): the 5-minute price.
    const { input_cache_write_1h: _, ...older } = pricing
    expect(costOf(usage, older)).toBeCloseTo((20 * 3 + 40 * 3.75 + 6 * 15) / 1e6, 12)
  })

  it('Gemini Pro: a prompt over 200k tokens puts the whole answer at the long-context prices', () => {
    // As /v1/models gives it for gemini/gemini-2.5-pro (catalog-pricing.test.ts; the Gemini fixture lists no
    // Pro model).
    const pricing = {
      prompt: '0.00000125',
      completion: '0.00001',
      input_cache_read: '0.000000125',
      long_context_threshold: '200000',
      prompt_long_context: '0.0000025',
      completion_long_context: '0.000015',
      input_cache_read_long_context: '0.00000025',
    }
    const usage = (prompt: number) => ({
      prompt_tokens: prompt,
      completion_tokens: 1000,
      total_tokens: prompt + 1000,
      prompt_tokens_details: { cached_tokens: 100_000 },
    })
    expect(costOf(usage(200_000), pricing)).toBeCloseTo(
      (100_000 * 1.25 + 100_000 * 0.125 + 1000 * 10) / 1e6,
      12,
    )
    expect(costOf(usage(200_001), pricing)).toBeCloseTo(
      (100_001 * 2.5 + 100_000 * 0.25 + 1000 * 15) / 1e6,
      12,
    )
  })

  it('Gemini: cached content at the cache-read price; no write price', async () => {
    const o = await chat('gemini/fixture-text')
    expect(o.usage?.prompt_tokens_details?.cached_tokens).toBe(100)
    const pricing = await pricingOf('gemini/gemini-2.5-flash')
    expect(pricing.input_cache_write).toBeUndefined()
    expect(costOf(o.usage, pricing)).toBeCloseTo((30 * 0.3 + 100 * 0.03 + 6 * 2.5) / 1e6, 12)
  })
})

describe('time to first token, and when the answer itself began', () => {
  /** A clock that moves one step per reading: the order of the readings, not wall time. */
  async function timed(model: string): Promise<ChatOutcome & { order: string[] }> {
    let tick = 0
    const order: string[] = []
    const outcome = await streamChat({
      baseUrl: gw.baseURL,
      token: gw.token,
      model,
      messages: [{ role: 'user', content: 'What is 27 * 453?' }],
      params: {},
      redaction: 'off',
      signal: new AbortController().signal,
      now: () => ++tick,
      onText: () => order.push('text'),
      onReasoning: () => order.push('thought'),
    })
    return { ...outcome, order }
  }

  it.each(['anthropic/fixture-thinking', 'gemini/fixture-thinking'])(
    '%s: TTFT is the first thought; the answer start is later and reported apart',
    async (model) => {
      const o = await timed(model)
      expect(o.status).toBe('done')
      expect(o.order[0]).toBe('thought')
      expect(o.order).toContain('text')
      expect(o.ttftMs).toBeGreaterThan(0)
      expect(o.answerMs).toBeGreaterThan(o.ttftMs!)
      expect(o.totalMs).toBeGreaterThanOrEqual(o.answerMs!)
    },
  )

  it('an answer without thinking has one time to first token and no separate answer start', async () => {
    const o = await timed('anthropic/fixture-text')
    expect(o.order[0]).toBe('text')
    expect(o.ttftMs).toBeGreaterThan(0)
    expect(o.answerMs).toBeUndefined()
  })
})

describe('why an answer ended, and when to retry', () => {
  it('max_tokens and a safety block reach the chat as finish reasons', async () => {
    expect((await chat('anthropic/fixture-max-tokens')).finishReason).toBe('length')
    expect((await chat('gemini/fixture-max-tokens')).finishReason).toBe('length')
    expect((await chat('anthropic/fixture-content-filter')).finishReason).toBe('content_filter')
    expect((await chat('gemini/fixture-content-filter')).finishReason).toBe('content_filter')
    expect((await chat('anthropic/claude-sonnet-4-5-20250929')).finishReason).toBe('stop')
  })

  it("a 429 keeps the provider's retry-after and says it in plain words, one full stop each", async () => {
    for (const model of ['anthropic/fail-429', 'gemini/fail-429']) {
      const o = await chat(model)
      expect(o.status).toBe('error')
      expect(o.error!.retryAfterSec).toBe(7)
      const h = humanError(o.error!, model.split('/')[0])
      expect(h.detail).toContain('asks to wait 7 seconds')
      expect(h.detail).not.toMatch(/\.\./)
    }
  })

  it('retry-after as seconds or an HTTP date, and the wait in words', () => {
    expect(retryAfterSeconds('7')).toBe(7)
    expect(retryAfterSeconds('1.2')).toBe(2)
    expect(retryAfterSeconds(new Date(60_000).toUTCString(), 0)).toBe(60)
    expect(retryAfterSeconds('soon')).toBeUndefined()
    expect(retryAfterSeconds(null)).toBeUndefined()
    expect(waitWords(1)).toBe('1 second')
    expect(waitWords(90)).toBe('2 minutes')
    expect(waitWords(7200)).toBe('about 2 hours')
  })
})

describe('a Gemini image answer in the chat (multi-turn image editing)', () => {
  it('keeps the image with the answer and sends it back in the model turn with its signature', async () => {
    const first = await chat('gemini/fixture-image-edit', [
      { role: 'user', content: 'Create an infographic explaining photosynthesis.' },
    ])
    expect(first.status).toBe('done')
    const fields = answerImages(first)
    expect(fields.images).toEqual([expect.stringMatching(/^data:image\/png;base64,/)])
    const conv: Conversation = {
      id: 'c1',
      title: 't',
      createdAt: 0,
      updatedAt: 0,
      model: 'gemini/fixture-image-edit',
      systemPrompt: '',
      params: {},
      redaction: 'off',
      messages: [],
      currentLeafId: null,
      sentTo: [],
    }
    const path: Message[] = [
      {
        id: 'u1',
        parentId: null,
        role: 'user',
        content: 'Create an infographic explaining photosynthesis.',
        createdAt: 1,
      },
      {
        id: 'a1',
        parentId: 'u1',
        role: 'assistant',
        content: first.text,
        ...fields,
        reasoningDetails: first.reasoningDetails!,
        model: 'gemini/fixture-image-edit',
        createdAt: 2,
        status: 'done',
      },
      {
        id: 'u2',
        parentId: 'a1',
        role: 'user',
        content: 'Update this infographic to be in Spanish.',
        createdAt: 3,
      },
    ]
    const again = await chat('gemini/fixture-image-edit', wireMessages(conv, path))
    expect(again.status).toBe('done')
    expect(again.warnings).toEqual([])
    const sent = gemini.received.at(-1)!.body as { contents: unknown[] }
    expect(sent.contents).toEqual(
      fixture<{ contents: unknown[] }>('gemini', 'image-edit.request.json').contents,
    )
    // Another model gets the text only (an image in an assistant turn is not OpenAI's format).
    expect(wireMessages(conv, path, 'gemini/gemini-2.5-flash')[1]).toEqual({
      role: 'assistant',
      content: first.text,
    })
  })

  it('an answer that is only an image is not left out of the next turn', () => {
    const conv = { systemPrompt: '', model: 'gemini/x' } as Conversation
    const path = [
      { id: 'u1', parentId: null, role: 'user', content: 'Draw', createdAt: 1 },
      {
        id: 'a1',
        parentId: 'u1',
        role: 'assistant',
        content: '',
        images: ['data:image/png;base64,AA=='],
        imagePlaces: [{ index: 0, content_offset: 0 }],
        model: 'gemini/x',
        createdAt: 2,
        status: 'done',
      },
    ] as Message[]
    expect(wireMessages(conv, path)[1]).toEqual({
      role: 'assistant',
      content: '',
      images: [
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' }, index: 0, content_offset: 0 },
      ],
    })
  })
})
