/**
 * Gemini response parts other than text and function calls are never dropped silently (the `Part` data
 * members of @google/genai `Part` and the v1beta proto: `inlineData`, `fileData`, `executableCode`,
 * `codeExecutionResult`, `functionResponse`, ...): an image (`inlineData` with an image MIME type, what
 * Gemini's image models answer with, https://ai.google.dev/gemini-api/docs/image-generation) becomes
 * OpenRouter's `message.images` (`[{type: "image_url", image_url: {url: <data URL>}}]`,
 * https://openrouter.ai/docs/features/multimodal/image-generation); any other part is kept as sent under
 * `gemini_parts` with its position and reported. Code execution parts
 * (https://ai.google.dev/gemini-api/docs/code-execution, `ExecutableCode` / `CodeExecutionResult`) go back
 * to Gemini in their turn. Over tests/fixtures/providers/gemini/code-execution.*, image-output.*.
 */
import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ChatCompletionChunk, ChatMessage, ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('gemini', 'gemini-2.5-flash')
type Raw = { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }> }
const gather = (chunks: ChatCompletionChunk[], k: string) =>
  chunks.flatMap((c) => c.choices.flatMap((ch) => (ch.delta[k] as unknown[] | undefined) ?? []))
const warnings = (chunks: ChatCompletionChunk[]) =>
  chunks.flatMap((c) => (c.localrouter_warnings as Array<{ type: string }> | undefined) ?? [])

describe('Gemini code execution parts', () => {
  const raw = fixture<Raw>('gemini', 'code-execution.response.json')
  const parts = raw.candidates[0]!.content.parts
  const TEXT = `${String(parts[0]!.text)}${String(parts[3]!.text)}`
  // Where each stood: its part index, and the answer text before it.
  const KEPT = [
    { index: 1, content_offset: String(parts[0]!.text).length, part: parts[1] },
    { index: 2, content_offset: String(parts[0]!.text).length, part: parts[2] },
  ]

  it('non-streamed: kept under gemini_parts with their positions, and reported', () => {
    const res = geminiAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message
    expect(m.content).toBe(TEXT)
    expect(m.gemini_parts).toEqual(KEPT)
    const w = res.localrouter_warnings as Array<{ type: string; message: string }>
    expect(w.map((x) => x.type)).toEqual(['executableCode', 'codeExecutionResult'])
    expect(w[0]!.message).toMatch(/gemini_parts/)
    expect(res.usage).toMatchObject({ prompt_tokens: 28 + 162, completion_tokens: 231, total_tokens: 421 })
  })

  it('streamed: each on a chunk of its own with its warning, between the text deltas', () => {
    const f = runStream(
      geminiAdapter,
      ctx,
      { model: 'gemini/gemini-2.5-flash', messages: [], stream: true },
      sseEvents(fixtureText('gemini', 'code-execution.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe(TEXT)
    expect(gather(f.chunks, 'gemini_parts')).toEqual(KEPT)
    expect(warnings(f.chunks).map((w) => w.type)).toEqual(['executableCode', 'codeExecutionResult'])
    expect(f.finish).toBe('stop')
  })

  it('sent back: the kept parts go to Gemini in their turn, in their place among its text', () => {
    const messages = [
      { role: 'user', content: 'Sum the first 50 primes.' },
      { role: 'assistant', content: TEXT, gemini_parts: KEPT },
      { role: 'user', content: 'And the first 60?' },
    ] as ChatMessage[]
    const req = geminiAdapter.chatRequest(ctx, { model: 'gemini/gemini-2.5-flash', messages } as ChatRequest)
    const body = JSON.parse(req.body!) as { contents: Array<{ role: string; parts: unknown[] }> }
    expect(body.contents[1]).toEqual({ role: 'model', parts })
    expect(req.warnings).toEqual([])
  })

  it('sent back: entries not shaped {index, part} are left out with a warning', () => {
    const messages = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a', gemini_parts: [{ nope: 1 }] },
    ] as ChatMessage[]
    const req = geminiAdapter.chatRequest(ctx, { model: 'gemini/gemini-2.5-flash', messages } as ChatRequest)
    const body = JSON.parse(req.body!) as { contents: Array<{ parts: unknown[] }> }
    expect(body.contents[1]!.parts).toEqual([{ text: 'a' }])
    expect(req.warnings.map((w) => w.param)).toEqual(['messages[1].gemini_parts'])
  })
})

describe('Gemini image output', () => {
  const raw = fixture<Raw>('gemini', 'image-output.response.json')
  const blob = raw.candidates[0]!.content.parts[1]!.inlineData as { mimeType: string; data: string }
  const url = `data:${blob.mimeType};base64,${blob.data}`
  // OpenRouter's entry, and where the part stood (part index 1, after the 30-character text).
  const IMAGES = [{ type: 'image_url', image_url: { url }, index: 1, content_offset: 30 }]

  it('non-streamed: the image is in message.images as a data URL', () => {
    const res = geminiAdapter.chatResponse(contextFor('gemini', 'gemini-2.5-flash-image'), raw)
    assertOpenAI('completion', res)
    expect(res.choices[0]!.message.content).toBe('Here is a tiny banana for you.')
    expect(res.choices[0]!.message.images).toEqual(IMAGES)
    expect(res).not.toHaveProperty('localrouter_warnings')
  })

  it('streamed: the image on a delta of its own', () => {
    const f = runStream(
      geminiAdapter,
      contextFor('gemini', 'gemini-2.5-flash-image'),
      { model: 'gemini/gemini-2.5-flash-image', messages: [], stream: true },
      sseEvents(fixtureText('gemini', 'image-output.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(gather(f.chunks, 'images')).toEqual(IMAGES)
    expect(warnings(f.chunks)).toEqual([])
  })

  it('an image part with a thought signature (Gemini 3 image models) keeps both, streamed and not', () => {
    const signed = { inlineData: blob, thoughtSignature: 'img-sig' }
    const event = {
      candidates: [{ index: 0, content: { role: 'model', parts: [signed] }, finishReason: 'STOP' }],
    }
    const gctx = contextFor('gemini', 'gemini-3-pro-image-preview')
    const res = geminiAdapter.chatResponse(gctx, event)
    const ONLY = [{ type: 'image_url', image_url: { url }, index: 0, content_offset: 0 }]
    expect(res.choices[0]!.message.images).toEqual(ONLY)
    expect(res.choices[0]!.message.reasoning_details).toEqual([expect.objectContaining({ data: 'img-sig' })])
    const f = runStream(
      geminiAdapter,
      gctx,
      { model: 'gemini/gemini-3-pro-image-preview', messages: [], stream: true },
      [{ data: JSON.stringify(event) }],
    )
    const d = f.chunks.find((c) => c.choices[0]?.delta.images)!.choices[0]!.delta
    expect(d.images).toEqual(ONLY)
    expect(d.reasoning_details).toEqual([expect.objectContaining({ data: 'img-sig' })])
  })
})
