/**
 * An assistant answer sent back to Gemini gets its turn back as Gemini gave it: images (OpenRouter's
 * `message.images`) as `inlineData` parts of the model turn with their thought signatures, kept parts
 * (`gemini_parts`) and text in their original order.
 *
 * Sources: multi-turn image editing sends the model's own image back in its turn
 * (https://ai.google.dev/gemini-api/docs/image-generation, "Multi-turn image editing"); thought signatures
 * can be on any part, including `inlineData` image parts, and must be returned as received
 * (https://ai.google.dev/gemini-api/docs/thought-signatures; Vertex AI's "Thought signatures": Gemini 3 Pro
 * Image does not answer a missing signature with a 400 but needs them to keep its context). The part shape
 * (`inlineData: {mimeType, data}` beside `thoughtSignature` on one part) as @langchain/google-common types
 * it (`GeminiPartInlineData`), the same members as @google/genai's `Part` the adapter already reads.
 * Over tests/fixtures/providers/gemini/image-edit.*, code-execution.*.
 */
import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ChatCompletionChunk, ChatMessage, ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

type Parts = Array<Record<string, unknown>>
type Raw = { candidates: Array<{ content: { parts: Parts } }> }
const ctx = contextFor('gemini', 'gemini-3-pro-image-preview')
const MODEL = 'gemini/gemini-3-pro-image-preview'

/** The request body's contents for a conversation. */
function sent(messages: ChatMessage[], model = MODEL) {
  const req = geminiAdapter.chatRequest(contextFor('gemini', model.slice(7)), {
    model,
    messages,
  } as ChatRequest)
  const body = JSON.parse(req.body!) as { contents: Array<{ role: string; parts: Parts }> }
  return { contents: body.contents, warnings: req.warnings }
}

/** The assistant message a client builds from a stream: text joined, lists concatenated (as the OpenAI SDK helpers and OpenRouter clients do). */
function messageOf(chunks: ChatCompletionChunk[]): ChatMessage {
  const m: Record<string, unknown> = { role: 'assistant', content: '' }
  for (const c of chunks)
    for (const ch of c.choices) {
      const d = ch.delta as Record<string, unknown>
      if (typeof d.content === 'string') m.content = (m.content as string) + d.content
      for (const k of ['images', 'reasoning_details', 'gemini_parts'])
        if (Array.isArray(d[k])) m[k] = [...((m[k] as unknown[]) ?? []), ...(d[k] as unknown[])]
    }
  return m as unknown as ChatMessage
}

/** Every part of a response as its own stream event (how Gemini streams text, then the image). */
function eventsOf(raw: Raw): Array<{ data: string }> {
  const parts = raw.candidates[0]!.content.parts
  return parts.map((part, i) => ({
    data: JSON.stringify({
      candidates: [
        {
          index: 0,
          content: { role: 'model', parts: [part] },
          ...(i === parts.length - 1 ? { finishReason: 'STOP' } : {}),
        },
      ],
    }),
  }))
}

describe('Gemini images sent back (multi-turn image editing)', () => {
  const raw = fixture<Raw>('gemini', 'image-edit.response.json')
  const want = fixture<{ contents: Array<{ role: string; parts: Parts }> }>(
    'gemini',
    'image-edit.request.json',
  )
  const first = { role: 'user', content: 'Create an infographic explaining photosynthesis.' } as ChatMessage
  const next = { role: 'user', content: 'Update this infographic to be in Spanish.' } as ChatMessage

  it('non-streamed answer sent back: the image is an inlineData part of the model turn, signatures and order kept', () => {
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message as unknown as ChatMessage
    const { contents, warnings } = sent([first, m, next])
    expect(contents).toEqual(want.contents)
    expect(warnings).toEqual([])
  })

  it('streamed answer sent back: the same turn', () => {
    const f = runStream(geminiAdapter, ctx, { model: MODEL, messages: [], stream: true }, eventsOf(raw))
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    const { contents, warnings } = sent([first, messageOf(f.chunks), next])
    expect(contents).toEqual(want.contents)
    expect(warnings).toEqual([])
  })

  it("the message's text signature (extra_content) is the text part's, never the image's", () => {
    const imageFirst: Raw = {
      candidates: [{ content: { parts: [raw.candidates[0]!.content.parts[1]!, { text: 'Done.' }] } }],
    }
    const res = geminiAdapter.chatResponse(ctx, imageFirst)
    expect(res.choices[0]!.message).not.toHaveProperty('extra_content')
    const f = runStream(
      geminiAdapter,
      ctx,
      { model: MODEL, messages: [], stream: true },
      eventsOf(imageFirst),
    )
    expect(f.chunks.some((c) => c.choices[0]?.delta.extra_content !== undefined)).toBe(false)
    // And back: the signature stays on the image, the text part has none.
    const { contents } = sent([first, res.choices[0]!.message as unknown as ChatMessage, next])
    expect(contents[1]!.parts).toEqual(imageFirst.candidates[0]!.content.parts)
  })

  it("images from a client that knows only OpenRouter's shape (no index) go after the text, as inlineData", () => {
    const png = (raw.candidates[0]!.content.parts[1]!.inlineData as { data: string }).data
    const m = {
      role: 'assistant',
      content: 'Here you go.',
      images: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }],
    } as unknown as ChatMessage
    const { contents, warnings } = sent([first, m, next])
    expect(contents[1]).toEqual({
      role: 'model',
      parts: [{ text: 'Here you go.' }, { inlineData: { mimeType: 'image/png', data: png } }],
    })
    expect(warnings).toEqual([])
  })

  it('an assistant content part image_url goes back as inlineData in its place among the text', () => {
    const png = (raw.candidates[0]!.content.parts[1]!.inlineData as { data: string }).data
    const m = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Before. ' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        { type: 'text', text: 'After.' },
      ],
    } as unknown as ChatMessage
    const { contents, warnings } = sent([first, m, next])
    expect(contents[1]!.parts).toEqual([
      { text: 'Before. ' },
      { inlineData: { mimeType: 'image/png', data: png } },
      { text: 'After.' },
    ])
    expect(warnings).toEqual([])
  })

  it('an image-only answer (no text) is sent back as its image', () => {
    const only: Raw = { candidates: [{ content: { parts: [raw.candidates[0]!.content.parts[1]!] } }] }
    const res = geminiAdapter.chatResponse(ctx, only)
    const { contents } = sent([first, res.choices[0]!.message as unknown as ChatMessage, next])
    expect(contents[1]).toEqual({ role: 'model', parts: only.candidates[0]!.content.parts })
  })
})

describe('Gemini kept parts sent back in their original order', () => {
  const raw = fixture<Raw>('gemini', 'code-execution.response.json')
  const parts = raw.candidates[0]!.content.parts
  const first = { role: 'user', content: 'Sum the first 50 primes.' } as ChatMessage
  const next = { role: 'user', content: 'And the first 60?' } as ChatMessage

  it('text, code, result, text stays text, code, result, text (non-streamed answer)', () => {
    const res = geminiAdapter.chatResponse(contextFor('gemini', 'gemini-2.5-flash'), raw)
    const { contents, warnings } = sent(
      [first, res.choices[0]!.message as unknown as ChatMessage, next],
      'gemini/gemini-2.5-flash',
    )
    expect(contents[1]).toEqual({ role: 'model', parts })
    expect(warnings).toEqual([])
  })

  it('the same from the streamed answer', () => {
    const f = runStream(
      geminiAdapter,
      contextFor('gemini', 'gemini-2.5-flash'),
      { model: 'gemini/gemini-2.5-flash', messages: [], stream: true },
      sseEvents(fixtureText('gemini', 'code-execution.chunks.txt')),
    )
    const { contents } = sent([first, messageOf(f.chunks), next], 'gemini/gemini-2.5-flash')
    expect(contents[1]!.parts.map((p) => Object.keys(p).filter((k) => k !== 'thoughtSignature')[0])).toEqual([
      'text',
      'executableCode',
      'codeExecutionResult',
      'text',
    ])
    expect(contents[1]!.parts.filter((p) => p.text === undefined)).toEqual([parts[1], parts[2]])
  })
})
