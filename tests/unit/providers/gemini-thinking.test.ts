/**
 * Gemini's per-model thinking rules (catalog `thinkingLevels`, `thinkingBudget`, `thinkingConfig`):
 * `reasoning_effort` / OpenRouter's `reasoning` become a level or budget the model takes, with a warning
 * naming the model whenever what is sent differs from what was asked.
 */
import { describe, expect, it } from 'vitest'
import { modelCaps } from '../../../electron/providers/catalog'
import { geminiAdapter } from '../../../electron/providers/gemini'
import { nearestLevel } from '../../../electron/providers/gemini/thinking'
import type { ChatRequest } from '../../../shared/openai'
import { contextFor, fixture } from '../../helpers/provider-fixtures'

const send = (model: string, body: Partial<ChatRequest>, ctx = contextFor('gemini', model)) => {
  const req = geminiAdapter.chatRequest(ctx, {
    model: `gemini/${model}`,
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  })
  const sent = JSON.parse(req.body!) as { generationConfig?: { thinkingConfig?: unknown } }
  return { thinking: sent.generationConfig?.thinkingConfig, warnings: req.warnings, body: sent }
}

describe('Gemini thinking rules as data', () => {
  it('catalog rows and family patterns give each model its levels or budget range', () => {
    expect(modelCaps('gemini', 'gemini-3-pro-preview')?.thinkingLevels).toEqual(['LOW', 'HIGH'])
    expect(modelCaps('gemini', 'gemini-3.1-pro-preview')?.thinkingLevels).toEqual(['LOW', 'MEDIUM', 'HIGH'])
    for (const m of ['gemini-3-flash-preview', 'gemini-3.5-flash', 'gemini-3.1-flash-lite-preview'])
      expect(modelCaps('gemini', m)?.thinkingLevels, m).toEqual(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'])
    expect(modelCaps('gemini', 'gemini-2.5-pro')?.thinkingBudget).toEqual({
      min: 128,
      max: 32768,
      canDisable: false,
    })
    expect(modelCaps('gemini', 'gemini-2.5-pro-preview-06-05')?.thinkingBudget?.min).toBe(128)
    expect(modelCaps('gemini', 'gemini-2.5-flash-preview-09-2025')?.thinkingBudget?.max).toBe(24576)
    expect(modelCaps('gemini', 'gemini-2.5-flash-lite-preview-09-2025')?.thinkingBudget?.min).toBe(512)
    expect(modelCaps('gemini', 'gemini-2.0-flash-001')?.thinkingConfig).toBe(false)
    expect(modelCaps('gemini', 'gemini-2.0-flash-lite')?.thinkingConfig).toBe(false)
    // Variants and ids with no stated rule keep the general behaviour.
    for (const m of ['gemini-3-pro-image-preview', 'gemini-2.0-flash-thinking-exp', 'my-tuned-model'])
      expect(modelCaps('gemini', m), m).toBeUndefined()
    expect(modelCaps('openai', 'gemini-2.5-pro')).toBeUndefined()
  })

  it('picks the nearest level the model takes, preferring more thinking on a tie', () => {
    expect(nearestLevel(['LOW', 'HIGH'], 'MEDIUM')).toBe('HIGH')
    expect(nearestLevel(['LOW', 'HIGH'], 'MINIMAL')).toBe('LOW')
    expect(nearestLevel(['LOW', 'MEDIUM', 'HIGH'], 'MINIMAL')).toBe('LOW')
    expect(nearestLevel(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'], 'MEDIUM')).toBe('MEDIUM')
  })
})

describe('Gemini 3+ thinking levels per model', () => {
  it('Gemini 3 Pro: medium becomes HIGH and minimal LOW (param_clamped); low and high pass', () => {
    const medium = send('gemini-3-pro-preview', { reasoning_effort: 'medium' })
    expect(medium.thinking).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true })
    expect(medium.warnings).toEqual([
      {
        code: 'param_clamped',
        param: 'reasoning_effort',
        message: expect.stringContaining('gemini-3-pro-preview takes thinkingLevel LOW, HIGH'),
      },
    ])
    const minimal = send('gemini-3-pro-preview', { reasoning: { effort: 'minimal' } })
    expect(minimal.thinking).toEqual({ thinkingLevel: 'LOW', includeThoughts: true })
    expect(minimal.warnings.map((w) => [w.code, w.param])).toEqual([['param_clamped', 'reasoning']])
    expect(minimal.warnings[0]!.message).toContain(
      "reasoning.effort 'minimal' was sent as thinkingLevel 'LOW'",
    )
    for (const [effort, level] of [
      ['low', 'LOW'],
      ['high', 'HIGH'],
    ]) {
      const r = send('gemini-3-pro-preview', { reasoning_effort: effort })
      expect(r.thinking).toEqual({ thinkingLevel: level, includeThoughts: true })
      expect(r.warnings).toEqual([])
    }
  })

  it("'none' cannot turn a Gemini 3 model's thinking off: its lowest level, thoughts not asked for, a warning", () => {
    const pro = send('gemini-3-pro-preview', { reasoning_effort: 'none' })
    expect(pro.thinking).toEqual({ thinkingLevel: 'LOW', includeThoughts: false })
    expect(pro.warnings.map((w) => w.code)).toEqual(['param_clamped'])
    expect(pro.warnings[0]!.message).toMatch(/^gemini-3-pro-preview cannot turn thinking off.*'LOW'$/)
    const flash = send('gemini-3-flash-preview', { reasoning: { enabled: false } })
    expect(flash.thinking).toEqual({ thinkingLevel: 'MINIMAL', includeThoughts: false })
    expect(flash.warnings.map((w) => [w.code, w.param])).toEqual([['param_clamped', 'reasoning']])
  })

  it('Gemini 3.1 Pro takes MEDIUM but not MINIMAL; Gemini 3 Flash takes all four', () => {
    expect(send('gemini-3.1-pro-preview', { reasoning_effort: 'medium' })).toMatchObject({
      thinking: { thinkingLevel: 'MEDIUM' },
      warnings: [],
    })
    const r = send('gemini-3.1-pro-preview', { reasoning_effort: 'minimal' })
    expect(r.thinking).toEqual({ thinkingLevel: 'LOW', includeThoughts: true })
    expect(r.warnings[0]).toMatchObject({ code: 'param_clamped', param: 'reasoning_effort' })
    expect(r.warnings[0]!.message).toContain('gemini-3.1-pro-preview')
    for (const effort of ['minimal', 'low', 'medium', 'high'])
      expect(send('gemini-3-flash-preview', { reasoning_effort: effort })).toMatchObject({
        thinking: { thinkingLevel: effort.toUpperCase() },
        warnings: [],
      })
  })

  it("xhigh is HIGH (param_mapped: the model's highest level)", () => {
    const r = send('gemini-3-flash-preview', { reasoning_effort: 'xhigh' })
    expect(r.thinking).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true })
    expect(r.warnings.map((w) => w.code)).toEqual(['param_mapped'])
  })

  it('a budget (reasoning.max_tokens) becomes a level (param_mapped); -1 leaves the dynamic default', () => {
    const r = send('gemini-3-pro-preview', { reasoning: { max_tokens: 3000 } })
    expect(r.thinking).toEqual({ thinkingLevel: 'LOW', includeThoughts: true })
    expect(r.warnings).toEqual([
      {
        code: 'param_mapped',
        param: 'reasoning',
        message:
          "gemini-3-pro-preview takes thinkingLevel LOW, HIGH, not a budget: reasoning.max_tokens 3000 was sent as thinkingLevel 'LOW'",
      },
    ])
    expect(send('gemini-3-flash-preview', { reasoning: { max_tokens: 30000 } }).thinking).toEqual({
      thinkingLevel: 'HIGH',
      includeThoughts: true,
    })
    const dynamic = send('gemini-3-pro-preview', { reasoning: { max_tokens: -1, exclude: true } })
    expect(dynamic.thinking).toEqual({ includeThoughts: false })
    expect(dynamic.warnings).toEqual([])
  })
})

describe('Gemini 2.5 thinking budgets per model', () => {
  it("Gemini 2.5 Pro: 'none' is its least budget, 128, with a warning (0 is a 400 there)", () => {
    const r = send('gemini-2.5-pro', { reasoning_effort: 'none' })
    expect(r.thinking).toEqual({ thinkingBudget: 128, includeThoughts: false })
    expect(r.warnings).toEqual([
      {
        code: 'param_clamped',
        param: 'reasoning_effort',
        message:
          'gemini-2.5-pro cannot turn thinking off (Gemini rejects thinkingBudget 0 for it with a 400); it was sent with its lowest budget, 128',
      },
    ])
    expect(send('gemini-2.5-pro', { reasoning_effort: 'xhigh' })).toMatchObject({
      thinking: { thinkingBudget: 32768 },
      warnings: [],
    })
    const small = send('gemini-2.5-pro', { reasoning: { max_tokens: 50 } })
    expect(small.thinking).toEqual({ thinkingBudget: 128, includeThoughts: true })
    expect(small.warnings[0]!.message).toBe(
      'gemini-2.5-pro takes a thinkingBudget of 128 to 32768 tokens; reasoning.max_tokens 50 was sent as 128',
    )
    expect(send('gemini-2.5-pro', { reasoning: { max_tokens: -1 } })).toMatchObject({
      thinking: { thinkingBudget: -1 },
      warnings: [],
    })
  })

  it('Gemini 2.5 Flash: none is 0 (off), xhigh and large budgets are clamped to 24576', () => {
    expect(send('gemini-2.5-flash', { reasoning_effort: 'none' })).toMatchObject({
      thinking: { thinkingBudget: 0, includeThoughts: false },
      warnings: [],
    })
    const x = send('gemini-2.5-flash', { reasoning_effort: 'xhigh' })
    expect(x.thinking).toEqual({ thinkingBudget: 24576, includeThoughts: true })
    expect(x.warnings).toEqual([
      {
        code: 'param_clamped',
        param: 'reasoning_effort',
        message:
          "gemini-2.5-flash takes a thinkingBudget of 1 to 24576 tokens (or 0, off); reasoning_effort 'xhigh' (a budget of 32768) was sent as 24576",
      },
    ])
    expect(send('gemini-2.5-flash', { reasoning: { max_tokens: 100_000 } }).thinking).toEqual({
      thinkingBudget: 24576,
      includeThoughts: true,
    })
  })

  it('Gemini 2.5 Flash-Lite: budgets below 512 are raised to 512; 0 still turns thinking off', () => {
    const r = send('gemini-2.5-flash-lite', { reasoning: { max_tokens: 100 } })
    expect(r.thinking).toEqual({ thinkingBudget: 512, includeThoughts: true })
    expect(r.warnings.map((w) => [w.code, w.param])).toEqual([['param_clamped', 'reasoning']])
    expect(r.warnings[0]!.message).toContain('gemini-2.5-flash-lite')
    expect(send('gemini-2.5-flash-lite', { reasoning_effort: 'none' })).toMatchObject({
      thinking: { thinkingBudget: 0 },
      warnings: [],
    })
    expect(send('gemini-2.5-flash-lite', { reasoning_effort: 'minimal' })).toMatchObject({
      thinking: { thinkingBudget: 512 },
      warnings: [],
    })
  })

  it('the request body: the recorded thinking request, with the budget the model takes', () => {
    const sc = fixture<{ input: ChatRequest }>('scenarios', 'thinking.json').input
    const expected = fixture<Record<string, unknown>>('gemini', 'thinking.request.json')
    // The recorded body (gemini-2.5-flash, medium) is valid on 2.5 Pro as it is ...
    expect(send('gemini-2.5-pro', { ...sc, stream: false }).body).toEqual(expected)
    // ... and with effort none it differs only in the budget: Pro's least, not 0.
    expect(send('gemini-2.5-pro', { ...sc, reasoning_effort: 'none' }).body).toEqual({
      ...expected,
      generationConfig: { thinkingConfig: { thinkingBudget: 128, includeThoughts: false } },
    })
  })
})

describe('Gemini models without thinking, and models without rules', () => {
  it('Gemini 2.0 Flash: no thinkingConfig is sent (a 400 there), with a warning; none needs none', () => {
    const r = send('gemini-2.0-flash', { reasoning_effort: 'high' })
    expect(r.thinking).toBeUndefined()
    expect(r.warnings).toEqual([
      {
        code: 'unsupported_param',
        param: 'reasoning_effort',
        message:
          'gemini-2.0-flash has no thinking (Gemini rejects a thinkingConfig for it with a 400); reasoning_effort was not sent',
      },
    ])
    expect(send('gemini-2.0-flash-lite-001', { reasoning: { max_tokens: 2000 } }).warnings).toHaveLength(1)
    expect(send('gemini-2.0-flash', { reasoning_effort: 'none' })).toMatchObject({
      thinking: undefined,
      warnings: [],
    })
  })

  it('a model neither the catalog nor a family knows is sent as before, without warnings', () => {
    expect(send('gemini-2.5-computer-use-preview', { reasoning_effort: 'xhigh' })).toMatchObject({
      thinking: { thinkingBudget: 32768 },
      warnings: [],
    })
    expect(send('gemini-exp-next', { reasoning_effort: 'none' })).toMatchObject({
      thinking: { thinkingLevel: 'MINIMAL', includeThoughts: false },
      warnings: [],
    })
  })

  it('a provider of its own with the gemini preset gets the same rules', () => {
    const base = contextFor('gemini', 'gemini-3-pro-preview')
    const ctx = { ...base, provider: { ...base.provider, id: 'work-gemini' } }
    expect(send('gemini-3-pro-preview', { reasoning_effort: 'medium' }, ctx).thinking).toEqual({
      thinkingLevel: 'HIGH',
      includeThoughts: true,
    })
  })
})
