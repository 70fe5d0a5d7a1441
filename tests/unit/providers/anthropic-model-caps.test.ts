/**
 * Per-model request rules (catalog `caps`) in the Anthropic adapter: what a model rejects with a 400 is
 * left out and reported with the model's name; a documented equivalent is sent instead where one exists.
 */
import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import { modelCaps, modelFacts } from '../../../electron/providers/catalog'
import type { ChatRequest } from '../../../shared/openai'
import { contextFor } from '../../helpers/provider-fixtures'

const send = (model: string, body: Partial<ChatRequest>) => {
  const req = anthropicAdapter.chatRequest(contextFor('anthropic', model), {
    model: `anthropic/${model}`,
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  })
  return { body: JSON.parse(req.body!) as Record<string, unknown>, warnings: req.warnings }
}
const tool = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } }

describe('catalog: current Claude models and their rules', () => {
  it('knows the models in @anthropic-ai/sdk 1.14 with their limits and prices', () => {
    expect(modelFacts('anthropic', 'claude-opus-5-5')).toMatchObject({
      context_length: 1_000_000,
      max_output: 128_000,
      price: { input: 4, output: 20 },
    })
    // The 5-minute cache write; no cache read (cut on 2026-10-07, not confirmed).
    expect(modelFacts('anthropic', 'claude-sonnet-5-5')?.price).toEqual({
      input: 2,
      output: 10,
      cacheWrite: 2.5,
    })
    expect(modelFacts('anthropic', 'claude-fable-5-2')?.price).toEqual({ input: 8, output: 40 })
    // The access-gated Mythos models share Fable's limits, price and rules.
    for (const [mythos, fable] of [
      ['claude-mythos-5', 'claude-fable-5'],
      ['claude-mythos-5-1', 'claude-fable-5-1'],
    ] as const)
      expect(modelFacts('anthropic', mythos)).toEqual(modelFacts('anthropic', fable))
    for (const m of [
      'claude-opus-4-7',
      'claude-opus-4-8',
      'claude-opus-5',
      'claude-haiku-5-5',
      'claude-fable-5-1',
    ])
      expect(modelFacts('anthropic', m)?.max_output).toBe(128_000)
  })

  it('matches a Claude 4.7-or-later id the catalog does not list by its family, and nothing older', () => {
    expect(modelCaps('anthropic', 'claude-sonnet-5-7')?.thinking).toBe('adaptive')
    expect(modelCaps('anthropic', 'claude-opus-4-9-20270101')?.rejects).toHaveProperty('top_k')
    expect(modelCaps('anthropic', 'claude-haiku-6')?.thinking).toBe('adaptive')
    expect(modelCaps('anthropic', 'claude-3-7-sonnet')?.thinking).toBe('budget')
    expect(modelCaps('anthropic', 'claude-next-9')).toBeUndefined()
    expect(modelCaps('openai', 'claude-opus-5-5')).toBeUndefined()
    expect(modelCaps('anthropic', 'claude-opus-4-6')?.thinking).toBe('both')
  })
})

describe('Anthropic: models released after Claude Opus 4.6 take no sampling parameters', () => {
  it('leaves out temperature, top_p and top_k and names the model in each warning', () => {
    const r = send('claude-opus-4-7', { temperature: 0.2, top_p: 0.9, top_k: 40 } as Partial<ChatRequest>)
    expect(r.body).not.toHaveProperty('temperature')
    expect(r.body).not.toHaveProperty('top_p')
    expect(r.body).not.toHaveProperty('top_k')
    expect(r.warnings.map((w) => [w.code, w.param])).toEqual([
      ['unsupported_param', 'temperature'],
      ['unsupported_param', 'top_p'],
      ['unsupported_param', 'top_k'],
    ])
    for (const w of r.warnings) expect(w.message).toContain('claude-opus-4-7')
    expect(r.warnings[0]!.message).toContain('only 1 is accepted')
  })

  it('keeps the values Anthropic still accepts (temperature 1, top_p >= 0.99), silently', () => {
    const r = send('claude-sonnet-5-5', { temperature: 1, top_p: 0.995 })
    expect(r.body).toMatchObject({ temperature: 1, top_p: 0.995 })
    expect(r.warnings).toEqual([])
  })

  it('applies to dated snapshots and to family members the catalog does not list', () => {
    expect(send('claude-opus-5-5-20260922', { temperature: 0 }).body).not.toHaveProperty('temperature')
    expect(send('claude-sonnet-5-9', { top_p: 0.5 }).warnings[0]).toMatchObject({
      code: 'unsupported_param',
      param: 'top_p',
    })
  })

  it('leaves older and unknown models as before', () => {
    expect(send('claude-3-7-sonnet', { temperature: 0.2, top_p: 0.9 }).body).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
    })
    expect(send('claude-haiku-4-5', { top_k: 5 } as Partial<ChatRequest>).body.top_k).toBe(5)
    const unknown = send('claude-next-9', { temperature: 0.3, top_p: 0.5 })
    expect(unknown.body).toMatchObject({ temperature: 0.3, top_p: 0.5 })
    expect(unknown.warnings).toEqual([])
  })
})

describe('Anthropic: adaptive thinking with an effort level on the models that take only that', () => {
  it('maps reasoning_effort to thinking adaptive + output_config.effort, never a budget', () => {
    const r = send('claude-opus-4-8', { reasoning_effort: 'high' })
    expect(r.body.thinking).toEqual({ type: 'adaptive' })
    expect(r.body.output_config).toEqual({ effort: 'high' })
    expect(r.warnings).toEqual([])
    expect(send('claude-opus-5-5', { reasoning_effort: 'xhigh' }).body.output_config).toEqual({
      effort: 'xhigh',
    })
  })

  it("maps 'minimal' to 'low' and says so; keeps structured output next to the effort", () => {
    const r = send('claude-sonnet-5', {
      reasoning_effort: 'minimal',
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
    })
    expect(r.body.output_config).toEqual({
      effort: 'low',
      format: { type: 'json_schema', schema: { type: 'object' } },
    })
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'param_mapped', param: 'reasoning_effort' })])
  })

  it('turns a thinking budget (OpenRouter reasoning.max_tokens) into adaptive thinking and says so', () => {
    const r = send('claude-opus-4-7', { reasoning: { max_tokens: 4000 } })
    expect(r.body.thinking).toEqual({ type: 'adaptive' })
    expect(r.warnings[0]).toMatchObject({ code: 'param_mapped', param: 'reasoning' })
    expect(r.warnings[0]!.message).toContain('claude-opus-4-7')
  })

  it('turns thinking off where the model allows it, else says it cannot', () => {
    expect(send('claude-haiku-5-5', { reasoning_effort: 'none' }).body.thinking).toEqual({ type: 'disabled' })
    const sonnet = send('claude-sonnet-5-5', { reasoning_effort: 'none' })
    expect(sonnet.body.thinking).toEqual({ type: 'between_tools' })
    expect(sonnet.warnings[0]).toMatchObject({ code: 'param_mapped', param: 'reasoning_effort' })
    const opus = send('claude-opus-5-5', { reasoning_effort: 'none' })
    expect(opus.body.thinking).toBeUndefined()
    expect(opus.body.output_config).toEqual({ effort: 'low' })
    expect(opus.warnings[0]).toMatchObject({ code: 'unsupported_param', param: 'reasoning_effort' })
  })

  it("maps a native thinking budget to adaptive and leaves out 'disabled' where it is rejected", () => {
    const enabled = send('claude-fable-5-2', {
      thinking: { type: 'enabled', budget_tokens: 5000 },
    } as Partial<ChatRequest>)
    expect(enabled.body.thinking).toEqual({ type: 'adaptive' })
    expect(enabled.warnings[0]).toMatchObject({ code: 'param_mapped', param: 'thinking' })
    const disabled = send('claude-fable-5-1', { thinking: { type: 'disabled' } } as Partial<ChatRequest>)
    expect(disabled.body.thinking).toBeUndefined()
    expect(disabled.warnings[0]).toMatchObject({ code: 'unsupported_param', param: 'thinking' })
    const adaptiveOnOld = send('claude-sonnet-4-5', {
      thinking: { type: 'adaptive' },
    } as Partial<ChatRequest>)
    expect(adaptiveOnOld.body.thinking).toBeUndefined()
    expect(adaptiveOnOld.warnings[0]).toMatchObject({ code: 'unsupported_param', param: 'thinking' })
  })

  it('keeps budgets on the models that take them (4.6 and earlier)', () => {
    expect(send('claude-opus-4-6', { reasoning_effort: 'low' }).body.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 2048,
    })
  })
})

describe('Anthropic: forced tool choice', () => {
  it('is sent as auto, with a warning, to the models that reject it', () => {
    for (const m of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1', 'claude-mythos-5-1']) {
      const r = send(m, { tools: [tool], tool_choice: 'required', parallel_tool_calls: false })
      expect(r.body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true })
      expect(r.warnings).toEqual([
        expect.objectContaining({ code: 'unsupported_param', param: 'tool_choice' }),
      ])
      expect(r.warnings[0]!.message).toContain(m)
    }
    const named = send('claude-opus-5-5', {
      tools: [tool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    })
    expect(named.body.tool_choice).toEqual({ type: 'auto' })
  })

  it('is kept for the models that take it', () => {
    expect(send('claude-opus-4-8', { tools: [tool], tool_choice: 'required' }).body.tool_choice).toEqual({
      type: 'any',
    })
  })
})

describe('Anthropic: temperature and top_p together', () => {
  // https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4 ("Update sampling
  // parameters ... Use only temperature OR top_p, not both" for Claude Sonnet 4.5: a 400, "`temperature`
  // and `top_p` cannot both be specified for this model. Please use only one."); observed on every Claude
  // 4.x model from Opus 4.1 to the 4.6 models (github.com/AlphaBitCore/nexus-gateway, anthropic codec).
  const both = { temperature: 0.2, top_p: 0.9 }
  it('sends temperature and leaves out top_p, with a warning naming the model, on the models that reject the pair', () => {
    for (const m of [
      'claude-opus-4-1',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-opus-4-5',
      'claude-opus-4-6',
      'claude-sonnet-4-6',
      'claude-sonnet-4-5-20250929',
    ]) {
      const r = send(m, both)
      expect(r.body.temperature).toBe(0.2)
      expect(r.body).not.toHaveProperty('top_p')
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'unsupported_param', param: 'top_p' })])
      expect(r.warnings[0]!.message).toContain(m)
    }
  })

  it('sends either one alone, and both to the models that take the pair', () => {
    expect(send('claude-sonnet-4-5', { top_p: 0.9 })).toMatchObject({ body: { top_p: 0.9 }, warnings: [] })
    expect(send('claude-sonnet-4-5', { temperature: 0.2 })).toMatchObject({
      body: { temperature: 0.2 },
      warnings: [],
    })
    expect(send('claude-3-7-sonnet', both)).toMatchObject({ body: both, warnings: [] })
  })
})

describe('Anthropic: sampling while thinking', () => {
  // https://platform.claude.com/docs/en/build-with-claude/extended-thinking (feature compatibility:
  // "Thinking isn't compatible with temperature or top_k modifications as well as forced tool use. When
  // thinking is enabled, you can set top_p to values between 1 and 0.95."); the Vercel AI SDK's Anthropic
  // provider likewise leaves out topK and topP when thinking is on.
  it('leaves out top_k and reports it', () => {
    const r = send('claude-sonnet-4-5', { reasoning_effort: 'low', top_k: 40 } as Partial<ChatRequest>)
    expect(r.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 })
    expect(r.body).not.toHaveProperty('top_k')
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'unsupported_param', param: 'top_k' })])
  })

  it('raises a top_p below 0.95 to 0.95 and says so; keeps 0.95 to 1 as sent', () => {
    const r = send('claude-opus-4-1', { reasoning_effort: 'low', top_p: 0.5 })
    expect(r.body.top_p).toBe(0.95)
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'param_clamped', param: 'top_p' })])
    expect(send('claude-opus-4-1', { reasoning_effort: 'low', top_p: 0.97 })).toMatchObject({
      body: { top_p: 0.97 },
      warnings: [],
    })
  })

  it("applies to the client's own thinking field and to adaptive thinking too", () => {
    const native = send('claude-sonnet-4-5', {
      thinking: { type: 'enabled', budget_tokens: 2000 },
      top_k: 5,
      top_p: 0.1,
    } as Partial<ChatRequest>)
    expect(native.body).not.toHaveProperty('top_k')
    expect(native.body.top_p).toBe(0.95)
    const adaptive = send('claude-opus-4-6', {
      thinking: { type: 'adaptive' },
      top_k: 5,
    } as Partial<ChatRequest>)
    expect(adaptive.body).not.toHaveProperty('top_k')
  })

  it('leaves sampling alone when thinking is off', () => {
    expect(send('claude-sonnet-4-5', { top_k: 5, top_p: 0.5 } as Partial<ChatRequest>)).toMatchObject({
      body: { top_k: 5, top_p: 0.5 },
      warnings: [],
    })
  })
})
