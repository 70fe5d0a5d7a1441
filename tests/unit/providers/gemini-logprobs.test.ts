/**
 * Log probabilities through Gemini (on the models that return them, per the catalog; Gemini 2.0): OpenAI's `logprobs` / `top_logprobs` are Gemini's
 * `generationConfig.responseLogprobs` / `logprobs` (@google/genai `GenerateContentConfig`, the v1beta
 * proto `GenerationConfig.response_logprobs` / `logprobs`), and the candidate's `logprobsResult`
 * (`chosenCandidates[]`, `topCandidates[].candidates[]`, each `{token, tokenId, logProbability}`:
 * @google/genai `LogprobsResult`, https://ai.google.dev/api/generate-content#LogprobsResult) becomes the
 * choice's OpenAI `logprobs.content[]` (`{token, logprob, bytes, top_logprobs}`), streamed and not, over
 * tests/fixtures/providers/gemini/logprobs.*.
 */
import { describe, expect, it } from 'vitest'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('gemini', 'gemini-2.5-flash')
const send = (body: Partial<ChatRequest>, model = 'gemini-2.0-flash') => {
  const req = geminiAdapter.chatRequest(contextFor('gemini', model), {
    model: `gemini/${model}`,
    messages: [{ role: 'user', content: '¿El cielo es azul? Responde sí o no.' }],
    ...body,
  })
  return { body: JSON.parse(req.body!) as Record<string, Record<string, unknown>>, warnings: req.warnings }
}

const bytes = (s: string) => [...Buffer.from(s, 'utf8')]
const tok = (token: string, logprob: number) => ({ token, logprob, bytes: bytes(token) })
const SI = { ...tok('Sí', -0.0001), top_logprobs: [tok('Sí', -0.0001), tok('No', -9.2103)] }
const DOT = { ...tok('.', -0.0405), top_logprobs: [tok('.', -0.0405), tok('\n', -3.2298)] }

describe('Gemini logprobs', () => {
  it('sends logprobs as responseLogprobs and top_logprobs as logprobs, with no warning', () => {
    const r = send({ logprobs: true, top_logprobs: 2 })
    expect(r.body.generationConfig).toEqual({ responseLogprobs: true, logprobs: 2 })
    expect(r.warnings).toEqual([])
    expect(send({ logprobs: true }).body.generationConfig).toEqual({ responseLogprobs: true })
    expect(send({ logprobs: false }).warnings).toEqual([])
    expect(send({ logprobs: false }).body).not.toHaveProperty('generationConfig')
  })

  it('leaves logprobs out, and reports it, for the models that answer it with a 400 (every one after Gemini 2.0)', () => {
    // "Logprobs is not enabled for models/gemini-2.5-flash" (googleapis/python-genai#1921 and the others
    // cited in electron/providers/catalog.ts); a model the catalog does not know is treated the same.
    for (const model of ['gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-next']) {
      const r = send({ logprobs: true, top_logprobs: 2 }, model)
      expect(r.body).not.toHaveProperty('generationConfig')
      expect(r.warnings.map((w) => [w.code, w.param])).toEqual([['unsupported_param', 'logprobs']])
      expect(r.warnings[0]!.message).toContain(model)
    }
  })

  it('reports top_logprobs without logprobs (OpenAI requires logprobs: true for it) instead of sending it', () => {
    const r = send({ top_logprobs: 3 })
    expect(r.body).not.toHaveProperty('generationConfig')
    expect(r.warnings.map((w) => w.param)).toEqual(['top_logprobs'])
  })

  it('non-streamed: logprobsResult becomes the choice logprobs (UTF-8 bytes, top candidates)', () => {
    const res = geminiAdapter.chatResponse(ctx, fixture('gemini', 'logprobs.response.json'))
    assertOpenAI('completion', res)
    expect(res.choices[0]!.message.content).toBe('Sí.')
    expect(res.choices[0]!.logprobs).toEqual({ content: [SI, DOT], refusal: null })
    expect(res).not.toHaveProperty('localrouter_warnings')
  })

  it('non-streamed: a candidate without logprobsResult keeps logprobs null', () => {
    const res = geminiAdapter.chatResponse(ctx, fixture('gemini', 'text.response.json'))
    expect(res.choices[0]!.logprobs).toBeNull()
  })

  it('streamed: each event carries the logprobs of its own tokens on the chunk with its text', () => {
    const body = {
      model: 'gemini/gemini-2.5-flash',
      messages: [],
      stream: true,
      logprobs: true,
      top_logprobs: 2,
    }
    const f = runStream(geminiAdapter, ctx, body, sseEvents(fixtureText('gemini', 'logprobs.chunks.txt')))
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe('Sí.')
    const withLogprobs = f.chunks.filter((c) => c.choices[0]?.logprobs)
    expect(withLogprobs.map((c) => c.choices[0]!.delta.content)).toEqual(['Sí', '.'])
    expect(withLogprobs.map((c) => c.choices[0]!.logprobs)).toEqual([
      { content: [SI], refusal: null },
      { content: [DOT], refusal: null },
    ])
  })
})
