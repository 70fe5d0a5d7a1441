/**
 * One contract over every registered adapter: the same scenarios (tests/fixtures/providers/scenarios)
 * through each provider's recorded wire shapes. Asserts the outgoing request body and warnings, the
 * translated JSON answer and the translated stream, all valid against OpenAI's schema.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATALOG, modelCaps } from '../../electron/providers/catalog'
import { ADAPTERS } from '../../electron/providers/registry'
import type { ChatCompletion, ChatRequest } from '../../shared/openai'
import { assertOpenAI } from '../helpers/openai-schema'
import {
  ADAPTER_CASES,
  contextFor,
  FIXTURES,
  fixture,
  fixtureText,
  runStream,
  type Scenario,
  SCENARIOS,
  sseEvents,
} from '../helpers/provider-fixtures'

it('every dialect with a preset has a registered adapter, and each is in this suite', () => {
  expect(Object.keys(ADAPTERS).sort()).toEqual(['anthropic', 'gemini', 'openai'])
  expect(ADAPTER_CASES.map((c) => c.preset).sort()).toEqual(['anthropic', 'gemini', 'openai'])
})

for (const ac of ADAPTER_CASES) {
  const adapter = ADAPTERS[ac.preset === 'openai' ? 'openai' : ac.preset]!
  const ctx = contextFor(ac.preset, ac.model, ac.baseUrl)

  describe(`${ac.id} adapter`, () => {
    for (const name of SCENARIOS) {
      const sc = fixture<Scenario>('scenarios', `${name}.json`)
      const input: ChatRequest = { ...sc.input, model: `${ac.preset}/${ac.model}` }

      describe(`${name}: ${sc.about}`, () => {
        it('sends the recorded request body, and reports what it could not honour', () => {
          const req = adapter.chatRequest(ctx, input)
          const body: unknown = JSON.parse(req.body!)
          const file = join(FIXTURES, ac.id, `${name}.request.json`)
          // UPDATE_FIXTURES=1 writes the file once; it is then reviewed by hand against the provider's docs.
          if (process.env.UPDATE_FIXTURES === '1' && !existsSync(file))
            writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`)
          expect(body).toEqual(fixture(ac.id, `${name}.request.json`))
          expect(req.warnings.map((w) => w.param).sort()).toEqual([...(sc.warnings[ac.id] ?? [])].sort())
          for (const w of req.warnings) expect(w.message.length).toBeGreaterThan(10)
        })

        it('translates the JSON answer into a valid OpenAI chat.completion', () => {
          const res = adapter.chatResponse(ctx, fixture(ac.id, `${name}.response.json`))
          assertOpenAI('completion', res)
          const choice = res.choices[0]!
          expect(choice.message.content ?? '').toBe(sc.expect.content)
          expect(choice.finish_reason).toBe(sc.expect.finish_reason)
          checkUsage(res.usage, sc)
          checkToolCalls(
            (choice.message.tool_calls ?? []).map((t) => ({
              id: t.id,
              name: t.function.name,
              arguments: t.function.arguments,
            })),
            sc,
          )
          if (sc.expect.reasoning) expect(choice.message.reasoning).toBe(sc.expect.reasoning)
          if (sc.expect.signature) expect(hasSignature(choice.message.reasoning_details)).toBe(true)
        })

        it('translates the SSE transcript into valid OpenAI chunks, in order, then [DONE]', () => {
          const body: ChatRequest = { ...input, stream: true }
          const f = runStream(adapter, ctx, body, sseEvents(fixtureText(ac.id, `${name}.chunks.txt`)))
          expect(f.last).toEqual({ kind: 'done' })
          for (const c of f.chunks) assertOpenAI('chunk', c)
          expect(f.chunks[0]!.choices[0]!.delta.role).toBe('assistant')
          expect(f.content).toBe(sc.expect.content)
          expect(f.finish).toBe(sc.expect.finish_reason)
          // The finish chunk comes after every delta; a usage chunk (no choices) only when asked for.
          const finishAt = f.chunks.findIndex((c) => c.choices[0]?.finish_reason)
          const lastDelta = f.chunks.findLastIndex((c) => c.choices.length && !c.choices[0]!.finish_reason)
          expect(finishAt).toBeGreaterThan(lastDelta)
          if (input.stream_options?.include_usage) {
            expect(f.chunks[f.chunks.length - 1]!.choices).toEqual([])
            checkUsage(f.usage, sc)
          }
          checkToolCalls(f.toolCalls, sc)
          const ids = new Set(f.chunks.map((c) => c.id))
          expect(ids.size).toBe(1)
          if (sc.expect.reasoning) expect(f.reasoning).toBe(sc.expect.reasoning)
          if (sc.expect.signature) expect(hasSignature(f.reasoningDetails)).toBe(true)
        })

        it('reports a stream cut short as an error, never as a clean end', () => {
          const events = sseEvents(fixtureText(ac.id, `${name}.chunks.txt`))
          // Everything before the event that says the answer is finished (finish_reason / stop_reason / finishReason).
          const finishing = events.findIndex((e) =>
            /"(finish_reason|stop_reason|finishReason)":"/.test(e.data),
          )
          expect(finishing).toBeGreaterThanOrEqual(0)
          const cut = events.slice(0, finishing)
          const f = runStream(adapter, ctx, { ...input, stream: true }, cut)
          expect(f.last?.kind).toBe('error')
          for (const c of f.chunks) assertOpenAI('chunk', c)
        })
      })
    }

    it('turns an upstream error event mid-stream into a stream error', () => {
      const t = adapter.streamTranslator(ctx, { ...input0(ac.preset, ac.model), stream: true })
      const errorEvent =
        ac.id === 'anthropic'
          ? {
              event: 'error',
              data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
            }
          : ac.id === 'gemini'
            ? { data: '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}' }
            : {
                data: '{"error":{"message":"The model is overloaded","type":"server_error","code":"overloaded"}}',
              }
      const outs = t.push(errorEvent)
      const err = outs.find((o) => o.kind === 'error')
      expect(err?.kind).toBe('error')
      if (err?.kind === 'error') expect(err.error.message).toMatch(/overloaded/i)
      expect(t.end()).toEqual([])
    })

    it('maps upstream HTTP errors to OpenAI errors with the upstream status and message', () => {
      const cases: Record<string, { headers: Record<string, string>; body: unknown }> =
        ac.id === 'openai-compatible'
          ? {
              '429': {
                headers: { 'retry-after': '7' },
                body: { error: { message: 'Rate limit reached', type: 'requests', code: null } },
              },
            }
          : fixture(ac.id, 'errors.json')
      for (const [status, c] of Object.entries(cases)) {
        const e = adapter.mapError(ctx.provider, Number(status), JSON.stringify(c.body), c.headers)
        expect(e.status).toBe(Number(status))
        expect(e.message.length).toBeGreaterThan(3)
        const body = e.toBody()
        expect(typeof body.error.type).toBe('string')
        if (status === '429') expect(e.headers['retry-after']).toBe('7')
      }
    })
  })
}

/**
 * The per-model rules (catalog `caps`): for every Anthropic model with rules, every scenario and a
 * request that sets everything a client reasonably sends, the outgoing body holds nothing the model
 * rejects, and each setting left out or changed is reported with the model's name.
 */
describe('Anthropic per-model rules over every scenario', () => {
  const adapter = ADAPTERS.anthropic!
  const ruled = Object.keys(CATALOG)
    .filter((k) => k.startsWith('anthropic/') && CATALOG[k]!.caps)
    .map((k) => k.slice('anthropic/'.length))
  const everything: Omit<ChatRequest, 'model'> = {
    messages: [{ role: 'user', content: 'hi' }],
    temperature: 0.3,
    top_p: 0.8,
    top_k: 20,
    reasoning_effort: 'xhigh',
    tools: [{ type: 'function', function: { name: 'ping', parameters: { type: 'object' } } }],
    tool_choice: 'required',
  }
  it('covers the models released after Claude Opus 4.6 and the older ones', () => {
    expect(ruled).toEqual(expect.arrayContaining(['claude-opus-4-7', 'claude-opus-5-5', 'claude-sonnet-4-5']))
  })
  for (const model of ruled) {
    const caps = modelCaps('anthropic', model)!
    const ctx = contextFor('anthropic', model)
    const inputs: Array<[string, Omit<ChatRequest, 'model'>]> = [
      ...SCENARIOS.map((n): [string, Omit<ChatRequest, 'model'>] => [
        n,
        fixture<Scenario>('scenarios', `${n}.json`).input,
      ]),
      ['every sampling and thinking setting, forced tool choice', everything],
    ]
    for (const [name, input] of inputs) {
      it(`${model}: ${name}`, () => {
        const req = adapter.chatRequest(ctx, { ...input, model: `anthropic/${model}` } as ChatRequest)
        const body = JSON.parse(req.body!) as Record<string, unknown>
        const warned = new Set(req.warnings.map((w) => w.param))
        for (const [field, range] of Object.entries(caps.rejects ?? {})) {
          const v = body[field]
          if (v !== undefined) {
            expect(range).not.toBeNull()
            expect(v).toBeGreaterThanOrEqual(range!.min ?? -Infinity)
            expect(v).toBeLessThanOrEqual(range!.max ?? Infinity)
          }
          const asked = (input as Record<string, unknown>)[field]
          if (typeof asked === 'number' && v === undefined) expect(warned.has(field)).toBe(true)
        }
        const type = (body.thinking as { type?: string } | undefined)?.type
        if (type) expect(caps.rejectsThinking ?? []).not.toContain(type)
        if (caps.thinking === 'adaptive') expect(body.thinking ?? {}).not.toHaveProperty('budget_tokens')
        const tc = (body.tool_choice as { type?: string } | undefined)?.type
        if (caps.forcedToolChoice === false) {
          expect(['any', 'tool']).not.toContain(tc)
          if (input.tool_choice === 'required') expect(warned.has('tool_choice')).toBe(true)
        }
        if (caps.temperatureOrTopP)
          expect(body.temperature === undefined || body.top_p === undefined).toBe(true)
        if (['enabled', 'adaptive'].includes(type ?? '')) {
          expect(body).not.toHaveProperty('top_k')
          if (body.top_p !== undefined) expect(body.top_p).toBeGreaterThanOrEqual(0.95)
        }
        for (const w of req.warnings.filter((w) => w.code === 'unsupported_param' && w.param === 'top_k'))
          expect(w.message).toContain(model)
      })
    }
  }
})

function input0(preset: string, model: string): ChatRequest {
  return { model: `${preset}/${model}`, messages: [{ role: 'user', content: 'hi' }] }
}

function hasSignature(details: unknown): boolean {
  return (
    Array.isArray(details) &&
    details.some(
      (d: Record<string, unknown>) =>
        (typeof d.signature === 'string' && d.signature) || (d.type === 'reasoning.encrypted' && d.data),
    )
  )
}

function checkUsage(usage: ChatCompletion['usage'] | undefined, sc: Scenario): void {
  expect(usage).toBeDefined()
  const u = usage!
  expect(u.prompt_tokens).toBe(sc.expect.usage.prompt_tokens)
  expect(u.completion_tokens).toBe(sc.expect.usage.completion_tokens)
  expect(u.total_tokens).toBe(sc.expect.usage.total_tokens)
  if (sc.expect.usage.cached_tokens !== undefined)
    expect(u.prompt_tokens_details?.cached_tokens).toBe(sc.expect.usage.cached_tokens)
  if (sc.expect.usage.reasoning_tokens !== undefined)
    expect(u.completion_tokens_details?.reasoning_tokens).toBe(sc.expect.usage.reasoning_tokens)
}

function checkToolCalls(calls: Array<{ id?: string; name?: string; arguments: string }>, sc: Scenario): void {
  const want = sc.expect.tool_calls ?? []
  expect(calls.length).toBe(want.length)
  want.forEach((w, i) => {
    expect(calls[i]!.name).toBe(w.name)
    expect(JSON.parse(calls[i]!.arguments)).toEqual(w.arguments)
    expect(calls[i]!.id).toMatch(/^[A-Za-z0-9_-]+$/)
  })
  expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length)
}
