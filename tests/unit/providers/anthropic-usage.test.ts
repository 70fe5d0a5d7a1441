/**
 * Anthropic's current `usage` (@anthropic-ai/sdk `Usage`, anthropic-sdk-typescript
 * src/resources/messages/messages.ts, 2026-08: `cache_creation` with `ephemeral_5m_input_tokens` /
 * `ephemeral_1h_input_tokens`, `service_tier` 'standard' | 'priority' | 'batch', `inference_geo`) and the
 * request's `service_tier` ('auto' | 'standard_only', `MessageCreateParamsBase`;
 * https://platform.claude.com/docs/en/api/service-tiers), over
 * tests/fixtures/providers/anthropic/cache-usage.*.
 */
import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import type { ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('anthropic', 'claude-sonnet-4-5')
const send = (body: Partial<ChatRequest>) => {
  const req = anthropicAdapter.chatRequest(ctx, {
    model: 'anthropic/claude-sonnet-4-5',
    messages: [{ role: 'user', content: 'hi' }],
    ...body,
  } as ChatRequest)
  return { body: JSON.parse(req.body!) as Record<string, unknown>, warnings: req.warnings }
}

const USAGE = {
  prompt_tokens: 3520,
  completion_tokens: 12,
  total_tokens: 3532,
  prompt_tokens_details: { cached_tokens: 500, cache_write_tokens: 3000 },
  completion_tokens_details: { reasoning_tokens: 0 },
  cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
}

describe('Anthropic usage: cache writes by TTL', () => {
  it('non-streamed: prompt_tokens include cached input; the cache_creation breakdown is kept; service_tier mapped', () => {
    const res = anthropicAdapter.chatResponse(ctx, fixture('anthropic', 'cache-usage.response.json'))
    assertOpenAI('completion', res)
    expect(res.usage).toEqual(USAGE)
    expect(res.service_tier).toBe('priority')
  })

  it("streamed: message_start's cache_creation survives message_delta's update (which has none)", () => {
    const f = runStream(
      anthropicAdapter,
      ctx,
      {
        model: 'anthropic/claude-sonnet-4-5',
        messages: [],
        stream: true,
        stream_options: { include_usage: true },
      },
      sseEvents(fixtureText('anthropic', 'cache-usage.chunks.txt')),
    )
    expect(f.last).toEqual({ kind: 'done' })
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe("The contract's term is 24 months.")
    expect(f.usage).toEqual(USAGE)
  })

  it("streamed: message_start's usage.service_tier is on every chunk, as OpenAI streams it", () => {
    const f = runStream(
      anthropicAdapter,
      ctx,
      {
        model: 'anthropic/claude-sonnet-4-5',
        messages: [],
        stream: true,
        stream_options: { include_usage: true },
      },
      sseEvents(fixtureText('anthropic', 'cache-usage.chunks.txt')),
    )
    expect(f.chunks.length).toBeGreaterThan(3)
    for (const c of f.chunks) {
      assertOpenAI('chunk', c)
      expect(c.service_tier).toBe('priority')
    }
    // Where OpenAI puts it: after model, before choices (fold checks raw is exactly this JSON).
    expect(JSON.stringify(f.chunks[0])).toMatch(/"model":"[^"]+","service_tier":"priority","choices":/)
  })

  it('streamed: no service_tier on chunks when Anthropic names none (or one OpenAI has no value for)', () => {
    const text = fixtureText('anthropic', 'cache-usage.chunks.txt').replace(
      '"service_tier":"priority"',
      '"service_tier":"batch"',
    )
    const f = runStream(
      anthropicAdapter,
      ctx,
      { model: 'anthropic/claude-sonnet-4-5', messages: [], stream: true },
      sseEvents(text),
    )
    for (const c of f.chunks) expect(JSON.stringify(c)).not.toContain('service_tier')
  })

  it("maps Anthropic's usage.service_tier to OpenAI's values: standard -> default, priority -> priority", () => {
    const raw = fixture<{ usage: Record<string, unknown> }>('anthropic', 'cache-usage.response.json')
    const tier = (t: unknown) =>
      anthropicAdapter.chatResponse(ctx, { ...raw, usage: { ...raw.usage, service_tier: t } }).service_tier
    expect(tier('standard')).toBe('default')
    expect(tier('priority')).toBe('priority')
    expect(tier('batch')).toBeUndefined()
    expect(tier(null)).toBeUndefined()
  })
})

describe('Anthropic request: service_tier', () => {
  it("sends OpenAI's auto as auto and default as standard_only, silently", () => {
    expect(send({ service_tier: 'auto' })).toMatchObject({ body: { service_tier: 'auto' }, warnings: [] })
    expect(send({ service_tier: 'default' })).toMatchObject({
      body: { service_tier: 'standard_only' },
      warnings: [],
    })
  })

  it('sends priority as auto (priority capacity where the organisation has it) and says so', () => {
    const r = send({ service_tier: 'priority' })
    expect(r.body.service_tier).toBe('auto')
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'param_mapped', param: 'service_tier' })])
  })

  it('reports the tiers Anthropic has no equivalent for, and sends none', () => {
    for (const t of ['flex', 'scale']) {
      const r = send({ service_tier: t })
      expect(r.body).not.toHaveProperty('service_tier')
      expect(r.warnings).toEqual([
        expect.objectContaining({ code: 'unsupported_param', param: 'service_tier' }),
      ])
    }
  })
})

describe('Anthropic stop_reason values', () => {
  // StopReason in anthropic-sdk-typescript src/resources/messages/messages.ts (2026-08): end_turn,
  // max_tokens, stop_sequence, tool_use, pause_turn, refusal, model_context_window_exceeded.
  const raw = fixture<Record<string, unknown>>('anthropic', 'text.response.json')
  const finish = (reason: string) => anthropicAdapter.chatResponse(ctx, { ...raw, stop_reason: reason })
  it('maps every documented value without a warning (pause_turn has its own, tested elsewhere)', () => {
    expect(finish('end_turn').choices[0]!.finish_reason).toBe('stop')
    expect(finish('stop_sequence').choices[0]!.finish_reason).toBe('stop')
    expect(finish('max_tokens').choices[0]!.finish_reason).toBe('length')
    expect(finish('model_context_window_exceeded').choices[0]!.finish_reason).toBe('length')
    expect(finish('tool_use').choices[0]!.finish_reason).toBe('tool_calls')
    expect(finish('refusal').choices[0]!.finish_reason).toBe('content_filter')
    for (const r of ['end_turn', 'stop_sequence', 'max_tokens', 'model_context_window_exceeded', 'tool_use'])
      expect(finish(r)).not.toHaveProperty('localrouter_warnings')
  })

  it('a value newer than this code ends with stop, is kept as anthropic_stop_reason and reported', () => {
    const res = finish('compaction_needed')
    assertOpenAI('completion', res)
    expect(res.choices[0]!.finish_reason).toBe('stop')
    expect(res.choices[0]!.message.anthropic_stop_reason).toBe('compaction_needed')
    expect(res.localrouter_warnings).toEqual([
      expect.objectContaining({ code: 'unmapped_content', type: 'stop_reason' }),
    ])
  })

  it('streamed: the same, on a chunk before the finish', () => {
    const text = fixtureText('anthropic', 'text.chunks.txt').replace(
      '"stop_reason":"end_turn"',
      '"stop_reason":"compaction_needed"',
    )
    expect(text).toContain('compaction_needed')
    const f = runStream(
      anthropicAdapter,
      ctx,
      { model: 'anthropic/claude-sonnet-4-5', messages: [], stream: true },
      sseEvents(text),
    )
    expect(f.last).toEqual({ kind: 'done' })
    const at = f.chunks.findIndex((c) => c.choices[0]?.delta.anthropic_stop_reason === 'compaction_needed')
    expect(at).toBeGreaterThan(-1)
    expect(f.chunks[at]!.localrouter_warnings).toEqual([expect.objectContaining({ type: 'stop_reason' })])
    expect(f.finish).toBe('stop')
  })
})
