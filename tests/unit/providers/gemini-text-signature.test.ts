/**
 * Thought signatures on Gemini text parts, in the shape clients written for Google's own
 * OpenAI-compatible endpoint keep: `extra_content.google.thought_signature` on the message (and on the
 * streamed delta that carries it), as that endpoint sends it on a content delta
 * (discuss.ai.google.dev/t/109823, a captured `delta: {content, extra_content: {google:
 * {thought_signature}}}`; https://ai.google.dev/gemini-api/docs/openai, thought signatures). Google's rule
 * (https://ai.google.dev/gemini-api/docs/thought-signatures): "if you receive a thought signature in a model
 * response, you should pass it back exactly as received", on text parts as on function calls. Over
 * tests/fixtures/providers/gemini/thinking.* (a text part with `thoughtSignature`).
 */
import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ChatMessage, ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const SIG = 'Cs0CAdHtim9x-gemini-thought-signature'
const GOOGLE = { google: { thought_signature: SIG } }
const ctx = contextFor('gemini', 'gemini-3-flash-preview')

describe('Gemini text-part thought signatures in Google extra_content shape', () => {
  it('non-streamed: the text signature is on message.extra_content (and still in reasoning_details)', () => {
    const res = geminiAdapter.chatResponse(ctx, fixture('gemini', 'thinking.response.json'))
    assertOpenAI('completion', res)
    const m = res.choices[0]!.message
    expect(m.extra_content).toEqual(GOOGLE)
    expect(m.reasoning_details).toEqual([expect.objectContaining({ data: SIG })])
  })

  it('streamed: the delta that carries the signature has it under extra_content too', () => {
    const f = runStream(
      geminiAdapter,
      ctx,
      { model: 'gemini/gemini-3-flash-preview', messages: [], stream: true },
      sseEvents(fixtureText('gemini', 'thinking.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    const carrying = f.chunks.filter((c) => c.choices[0]?.delta.extra_content)
    expect(carrying.map((c) => c.choices[0]!.delta.extra_content)).toEqual([GOOGLE])
    expect(carrying[0]!.choices[0]!.delta.content).toBe('12231')
  })

  it('a message sent back with only extra_content has the signature on its text part', () => {
    const messages = [
      { role: 'user', content: 'What is 27 * 453?' },
      { role: 'assistant', content: '12231', extra_content: GOOGLE },
      { role: 'user', content: 'And times 2?' },
    ] as ChatMessage[]
    const req = geminiAdapter.chatRequest(ctx, {
      model: 'gemini/gemini-3-flash-preview',
      messages,
    } as ChatRequest)
    const body = JSON.parse(req.body!) as { contents: Array<{ role: string; parts: unknown[] }> }
    expect(body.contents[1]).toEqual({ role: 'model', parts: [{ text: '12231', thoughtSignature: SIG }] })
    expect(req.warnings).toEqual([])
  })

  it('reasoning_details wins over extra_content when both are sent', () => {
    const messages = [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: 'a',
        extra_content: { google: { thought_signature: 'other' } },
        reasoning_details: [{ type: 'reasoning.encrypted', data: SIG, format: 'google-gemini-v1', index: 0 }],
      },
    ] as ChatMessage[]
    const req = geminiAdapter.chatRequest(ctx, {
      model: 'gemini/gemini-3-flash-preview',
      messages,
    } as ChatRequest)
    const body = JSON.parse(req.body!) as { contents: Array<{ parts: Array<Record<string, unknown>> }> }
    expect(body.contents[1]!.parts[0]!.thoughtSignature).toBe(SIG)
  })
})
