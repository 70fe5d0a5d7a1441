/**
 * Gemini response content with no plain OpenAI field (grounding, citations, URL context, safety ratings
 * of a filtered answer, a blocked prompt) is kept and reported, never dropped: non-streamed and
 * streamed, over recorded fixtures (tests/fixtures/providers/gemini/grounding.*, url-context.*,
 * prompt-blocked.*, content-filter.*, malformed-function-call.*).
 */
import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ChatCompletionChunk } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('gemini', 'gemini-2.5-flash')
const body = { model: 'gemini/gemini-2.5-flash', messages: [], stream: true }

const S1 = 'Spain won Euro 2024, defeating England 2-1 in the final.'
const S2 = "This victory marks Spain's record fourth European Championship title."
const TEXT = `${S1} ${S2}`
const ALJAZEERA = 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/aljazeera'
const UEFA = 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/uefa'
const cite = (url: string, title: string, start: number, end: number) => ({
  type: 'url_citation',
  url_citation: { url, title, start_index: start, end_index: end },
})
const GROUNDING_ANNOTATIONS = [
  cite(ALJAZEERA, 'aljazeera.com', 0, S1.length),
  cite(ALJAZEERA, 'aljazeera.com', S1.length + 1, TEXT.length),
  cite(UEFA, 'uefa.com', S1.length + 1, TEXT.length),
]

/** Every field of the streamed chunks' deltas and warnings, gathered. */
function gather(chunks: ChatCompletionChunk[], field: string) {
  return chunks.flatMap((c) => c.choices.map((ch) => ch.delta[field]).filter((v) => v !== undefined))
}
const warnings = (chunks: ChatCompletionChunk[]) =>
  chunks.flatMap((c) => (c.localrouter_warnings as Array<{ type: string }> | undefined) ?? [])

describe('Gemini grounding with Google Search', () => {
  const raw = fixture<{ candidates: Array<{ groundingMetadata: unknown }> }>(
    'gemini',
    'grounding.response.json',
  )

  it('non-streamed: web sources become url_citation annotations over the text they support; the metadata is kept and reported', () => {
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message
    expect(m.content).toBe(TEXT)
    expect(m.annotations).toEqual(GROUNDING_ANNOTATIONS)
    expect(m.gemini_grounding_metadata).toEqual(raw.candidates[0]!.groundingMetadata)
    const w = res.localrouter_warnings as Array<{ type: string; message: string }>
    expect(w.map((x) => x.type)).toEqual(['groundingMetadata'])
    expect(w[0]!.message).toMatch(/gemini_grounding_metadata/)
  })

  it('streamed: the same annotations and metadata on a chunk before the finish, with the warning', () => {
    const f = runStream(geminiAdapter, ctx, body, sseEvents(fixtureText('gemini', 'grounding.chunks.txt')))
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe(TEXT)
    expect(gather(f.chunks, 'annotations')).toEqual([GROUNDING_ANNOTATIONS])
    expect(gather(f.chunks, 'gemini_grounding_metadata')).toEqual([raw.candidates[0]!.groundingMetadata])
    const at = f.chunks.findIndex((c) => c.choices[0]?.delta.annotations)
    const finishAt = f.chunks.findIndex((c) => c.choices[0]?.finish_reason)
    expect(at).toBeGreaterThan(-1)
    expect(finishAt).toBeGreaterThan(at)
    expect(f.chunks[at]!.localrouter_warnings).toEqual([
      expect.objectContaining({ type: 'groundingMetadata' }),
    ])
    expect(f.finish).toBe('stop')
  })

  it('places a segment by byte offsets when its text is not given (UTF-8 bytes to UTF-16 offsets)', () => {
    const text = 'Café au lait. Crème brûlée.'
    const second = 'Crème brûlée.'
    const bytes = (s: string) => Buffer.byteLength(s)
    const res = geminiAdapter.chatResponse(ctx, {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Café au lait. ' }, { text: second }] },
          finishReason: 'STOP',
          groundingMetadata: {
            groundingChunks: [{ web: { uri: 'https://example.com/a', title: 'a' } }],
            groundingSupports: [
              {
                segment: { partIndex: 1, startIndex: 0, endIndex: bytes(second) },
                groundingChunkIndices: [0],
              },
            ],
          },
        },
      ],
    })
    expect(res.choices[0]!.message.content).toBe(text)
    expect(res.choices[0]!.message.annotations).toEqual([
      cite('https://example.com/a', 'a', text.indexOf(second), text.length),
    ])
  })
})

describe('Gemini citations and URL context', () => {
  const raw = fixture<{ candidates: Array<Record<string, unknown>> }>('gemini', 'url-context.response.json')

  it('a cited source with a URI becomes an annotation; citationMetadata and urlContextMetadata are kept and reported', () => {
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message
    const text = m.content as string
    const start = text.indexOf('Café culture')
    expect(m.annotations).toEqual([cite('https://example.com/cafe-history', '', start, text.length)])
    expect(m.gemini_citation_metadata).toEqual(raw.candidates[0]!.citationMetadata)
    expect(m.gemini_url_context_metadata).toEqual(raw.candidates[0]!.urlContextMetadata)
    expect((res.localrouter_warnings as Array<{ type: string }>).map((w) => w.type)).toEqual([
      'citationMetadata',
      'urlContextMetadata',
    ])
  })
})

describe('Gemini blocked answers', () => {
  it('non-streamed: a prompt blocked by promptFeedback is a content_filter refusal that says why, with the feedback kept', () => {
    const raw = fixture<{ promptFeedback: unknown }>('gemini', 'prompt-blocked.response.json')
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const choice = res.choices[0]!
    expect(choice.finish_reason).toBe('content_filter')
    expect(choice.message.content).toBeNull()
    expect(choice.message.refusal).toMatch(/Gemini blocked the prompt \(blockReason SAFETY\)/)
    expect(choice.message.gemini_prompt_feedback).toEqual(raw.promptFeedback)
    expect((res.localrouter_warnings as Array<{ type: string }>).map((w) => w.type)).toEqual([
      'promptFeedback',
    ])
    expect(res.usage?.prompt_tokens).toBe(9)
  })

  it('streamed: role, then the refusal with the feedback and the warning, then content_filter, then [DONE]', () => {
    const raw = fixture<{ promptFeedback: unknown }>('gemini', 'prompt-blocked.response.json')
    const f = runStream(
      geminiAdapter,
      ctx,
      { ...body, stream_options: { include_usage: true } },
      sseEvents(fixtureText('gemini', 'prompt-blocked.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(gather(f.chunks, 'refusal')).toEqual([expect.stringMatching(/blockReason SAFETY/)])
    expect(gather(f.chunks, 'gemini_prompt_feedback')).toEqual([raw.promptFeedback])
    expect(warnings(f.chunks).map((w) => w.type)).toEqual(['promptFeedback'])
    expect(f.finish).toBe('content_filter')
    expect(f.usage?.prompt_tokens).toBe(9)
  })

  it('an answer stopped by a safety filter keeps its safetyRatings, streamed and not', () => {
    const raw = fixture<{ candidates: Array<{ safetyRatings: unknown }> }>(
      'gemini',
      'content-filter.response.json',
    )
    const res = geminiAdapter.chatResponse(ctx, raw)
    expect(res.choices[0]!.finish_reason).toBe('content_filter')
    expect(res.choices[0]!.message.gemini_safety_ratings).toEqual(raw.candidates[0]!.safetyRatings)
    expect((res.localrouter_warnings as Array<{ type: string }>).map((w) => w.type)).toEqual([
      'safetyRatings',
    ])
    const f = runStream(
      geminiAdapter,
      ctx,
      body,
      sseEvents(fixtureText('gemini', 'content-filter.chunks.txt')),
    )
    expect(gather(f.chunks, 'gemini_safety_ratings')).toEqual([raw.candidates[0]!.safetyRatings])
    expect(warnings(f.chunks).map((w) => w.type)).toEqual(['safetyRatings'])
  })

  it('a finish reason OpenAI has no value for (MALFORMED_FUNCTION_CALL) is kept with its finishMessage and reported, streamed and not', () => {
    const raw = fixture<{ candidates: Array<{ finishMessage: string }> }>(
      'gemini',
      'malformed-function-call.response.json',
    )
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message
    expect(res.choices[0]!.finish_reason).toBe('stop')
    expect(m.content).toBe('')
    expect(m.gemini_finish_reason).toBe('MALFORMED_FUNCTION_CALL')
    expect(m.gemini_finish_message).toBe(raw.candidates[0]!.finishMessage)
    const w = res.localrouter_warnings as Array<{ type: string; message: string }>
    expect(w.map((x) => x.type)).toEqual(['finishReason'])
    expect(w[0]!.message).toMatch(/MALFORMED_FUNCTION_CALL/)
    const f = runStream(
      geminiAdapter,
      ctx,
      body,
      sseEvents(fixtureText('gemini', 'malformed-function-call.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(gather(f.chunks, 'gemini_finish_reason')).toEqual(['MALFORMED_FUNCTION_CALL'])
    expect(gather(f.chunks, 'gemini_finish_message')).toEqual([raw.candidates[0]!.finishMessage])
    expect(warnings(f.chunks).map((x) => x.type)).toEqual(['finishReason'])
    expect(f.finish).toBe('stop')
  })

  it('reports nothing for an answer that has nothing unmapped', () => {
    const res = geminiAdapter.chatResponse(ctx, fixture('gemini', 'text.response.json'))
    expect(res.localrouter_warnings).toBeUndefined()
    const f = runStream(geminiAdapter, ctx, body, sseEvents(fixtureText('gemini', 'text.chunks.txt')))
    expect(warnings(f.chunks)).toEqual([])
  })
})
