/**
 * response_format json_schema on Claude models without structured outputs (catalog cap
 * `structuredOutput: false`): the schema goes out as one forced tool, and its tool_use input comes back as
 * the message content, streamed and not (electron/providers/anthropic/answer-tool.ts).
 * Fixtures: anthropic/structured-tool.* (sources in tests/fixtures/providers/README.md).
 */
import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import { modelCaps } from '../../../electron/providers/catalog'
import type { ChatRequest } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import {
  contextFor,
  fixture,
  fixtureText,
  runStream,
  type Scenario,
  sseEvents,
} from '../../helpers/provider-fixtures'

const MODEL = 'claude-sonnet-4-20250514'
const scenario = fixture<Scenario>('scenarios', 'structured.json')
const input = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  ...scenario.input,
  model: `anthropic/${MODEL}`,
  ...extra,
})
const weather = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
}

describe('catalog: which Claude models lack structured outputs', () => {
  it('marks Claude 3.x, Sonnet 4, Opus 4 and 4.1 (also dated and unlisted ids), not 4.5 and later', () => {
    for (const m of [
      'claude-sonnet-4',
      'claude-sonnet-4-20250514',
      'claude-opus-4-0',
      'claude-opus-4-1-20250805',
      'claude-3-7-sonnet-20250219',
      'claude-3-5-haiku-latest',
      'claude-3-opus-20240229',
      'claude-3-5-sonnet-20241022',
    ])
      expect(modelCaps('anthropic', m)?.structuredOutput, m).toBe(false)
    for (const m of [
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-opus-4-6',
      'claude-opus-4-7',
      'claude-opus-5',
    ])
      expect(modelCaps('anthropic', m)?.structuredOutput, m).not.toBe(false)
  })
})

describe('Anthropic structured output as a forced tool', () => {
  it('sends the schema as one tool that tool_choice forces, and no output_config, and says so', () => {
    const ctx = contextFor('anthropic', MODEL)
    const req = anthropicAdapter.chatRequest(ctx, input())
    expect(JSON.parse(req.body!)).toEqual(fixture('anthropic', 'structured-tool.request.json'))
    expect(req.warnings).toEqual([
      expect.objectContaining({ code: 'param_mapped', param: 'response_format' }),
    ])
    expect(req.warnings[0]!.message).toContain("forced tool 'person'")
    // A model with structured outputs keeps output_config.format, and the context carries no answer tool.
    const newer = contextFor('anthropic', 'claude-sonnet-4-5')
    const plain = JSON.parse(anthropicAdapter.chatRequest(newer, input({ model: 'x' })).body!)
    expect(plain.output_config.format.type).toBe('json_schema')
    expect(plain.tools).toBeUndefined()
    expect(newer.answerTool).toBeUndefined()
  })

  it('names the tool json_answer when the schema name is not a valid tool name; keeps its description', () => {
    const rf = scenario.input.response_format as { json_schema: Record<string, unknown> }
    const body = JSON.parse(
      anthropicAdapter.chatRequest(
        contextFor('anthropic', MODEL),
        input({
          response_format: {
            type: 'json_schema',
            json_schema: { ...rf.json_schema, name: 'a person!', description: 'The person named' },
          },
        }),
      ).body!,
    )
    expect(body.tools[0]).toMatchObject({ name: 'json_answer', description: 'The person named' })
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_answer' })
  })

  it('returns the tool input as the JSON content with finish_reason stop and no tool_calls', () => {
    const ctx = contextFor('anthropic', MODEL)
    anthropicAdapter.chatRequest(ctx, input())
    const out = anthropicAdapter.chatResponse(ctx, fixture('anthropic', 'structured-tool.response.json'))
    assertOpenAI('completion', out)
    const choice = out.choices[0]!
    expect(JSON.parse(choice.message.content!)).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(choice.message.tool_calls).toBeUndefined()
    expect(choice.finish_reason).toBe('stop')
    expect(out.localrouter_warnings).toBeUndefined()
    // Without the forced tool (another request on the same adapter), the same body is a tool call.
    const other = contextFor('anthropic', MODEL)
    anthropicAdapter.chatRequest(other, input({ tools: [weather] }))
    const asCall = anthropicAdapter.chatResponse(other, fixture('anthropic', 'structured-tool.response.json'))
    expect(asCall.choices[0]!.finish_reason).toBe('tool_calls')
    expect(asCall.choices[0]!.message.tool_calls?.[0]?.function.name).toBe('person')
  })

  it('keeps text sent next to the answer under anthropic_blocks, so the content stays JSON', () => {
    const ctx = contextFor('anthropic', MODEL)
    anthropicAdapter.chatRequest(ctx, input())
    const raw = fixture<{ content: unknown[] }>('anthropic', 'structured-tool.response.json')
    raw.content.unshift({ type: 'text', text: 'Here it is:' })
    const out = anthropicAdapter.chatResponse(ctx, raw)
    expect(JSON.parse(out.choices[0]!.message.content!)).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(out.choices[0]!.message.anthropic_blocks).toEqual([
      { index: 0, block: { type: 'text', text: 'Here it is:' } },
    ])
    expect(out.localrouter_warnings).toEqual([expect.objectContaining({ type: 'text' })])
  })

  it('streams the input_json_delta fragments as content deltas, then finish_reason stop', () => {
    const ctx = contextFor('anthropic', MODEL)
    const body = input({ stream: true, stream_options: { include_usage: true } })
    const f = runStream(
      anthropicAdapter,
      ctx,
      body,
      sseEvents(fixtureText('anthropic', 'structured-tool.chunks.txt')),
    )
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.toolCalls).toEqual([])
    expect(JSON.parse(f.content)).toEqual({ name: 'Ada Lovelace', age: 36 })
    expect(
      f.chunks.filter((c) => c.choices[0]?.delta.content).map((c) => c.choices[0]!.delta.content),
    ).toEqual(['{"name": "Ada Lo', 'velace", "age": 36}'])
    expect(f.finish).toBe('stop')
    expect(f.usage).toMatchObject({ prompt_tokens: 412, completion_tokens: 38 })
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('thinking asked for with the forced answer tool: the tool wins, thinking is left out and reported', () => {
    const req = anthropicAdapter.chatRequest(
      contextFor('anthropic', MODEL),
      input({ reasoning_effort: 'high' }),
    )
    const body = JSON.parse(req.body!)
    expect(body.thinking).toBeUndefined()
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'person' })
    expect(req.warnings.map((w) => w.param)).toEqual(['reasoning_effort', 'response_format'])
    expect(req.warnings[0]!.message).toContain('response_format is sent as a forced tool')
  })

  it("with the client's own tools: keeps them, forces nothing, puts the schema in the system prompt, and says so", () => {
    const ctx = contextFor('anthropic', MODEL)
    const req = anthropicAdapter.chatRequest(
      ctx,
      input({
        tools: [weather],
        messages: [{ role: 'system', content: 'Be brief.' }, ...scenario.input.messages],
      }),
    )
    const body = JSON.parse(req.body!)
    expect(body.tools.map((t: { name: string }) => t.name)).toEqual(['get_weather'])
    expect(body.tool_choice).toBeUndefined()
    expect(body.output_config).toBeUndefined()
    expect(body.system).toMatch(
      /^Be brief\.\n\nWhen you give your final answer \(not a tool call\), respond with a single JSON object/,
    )
    expect(body.system).toContain('"required":["name","age"]')
    expect(ctx.answerTool).toBeUndefined()
    expect(req.warnings).toEqual([
      expect.objectContaining({ code: 'param_mapped', param: 'response_format' }),
    ])
  })
})
