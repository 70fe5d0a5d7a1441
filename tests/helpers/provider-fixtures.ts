/**
 * Loading the recorded provider fixtures (tests/fixtures/providers) and driving an adapter over them:
 * a JSON body through `chatResponse`, an SSE transcript through `streamTranslator` with the same
 * eventsource-parser the router uses, and the OpenAI chunks folded back into one answer.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createParser } from 'eventsource-parser'
import type { ChatCompletionChunk, ChatRequest, Usage } from '../../shared/openai'
import { PRESETS } from '../../electron/providers/presets'
import type { AdapterContext, ProviderAdapter, SseEvent, StreamOut } from '../../electron/providers/types'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'providers')

export function fixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(FIXTURES, ...parts), 'utf8')) as T
}

export function fixtureText(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8')
}

export interface Scenario {
  about: string
  input: ChatRequest
  expect: {
    content: string
    finish_reason: string
    reasoning?: string
    signature?: boolean
    tool_calls?: Array<{ name: string; arguments: Record<string, unknown> }>
    usage: {
      prompt_tokens: number
      completion_tokens: number
      total_tokens: number
      cached_tokens?: number
      reasoning_tokens?: number
    }
  }
  warnings: Record<string, string[]>
}

export const SCENARIOS = [
  'text',
  'tools',
  'tool-result',
  'thinking',
  'structured',
  'max-tokens',
  'content-filter',
]

/** The provider id, the model id the scenarios use, and where a test upstream would be. */
export const ADAPTER_CASES = [
  { id: 'openai-compatible', preset: 'openai', model: 'gpt-4o-mini', baseUrl: 'https://api.openai.com/v1' },
  { id: 'anthropic', preset: 'anthropic', model: 'claude-sonnet-4-5', baseUrl: 'https://api.anthropic.com' },
  {
    id: 'gemini',
    preset: 'gemini',
    model: 'gemini-2.5-flash',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  },
] as const

export function contextFor(
  presetId: string,
  model: string,
  baseUrl?: string,
  apiKey = 'test-key-0123456789',
): AdapterContext {
  const preset = PRESETS.get(presetId)!
  return {
    provider: {
      id: preset.id,
      preset,
      baseUrl: baseUrl ?? preset.baseUrl,
      apiKey,
      headers: {},
      apiVersion: undefined,
      models: undefined,
    },
    model,
    requestedModel: `${preset.id}/${model}`,
  }
}

export function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createParser({ onEvent: (e) => events.push({ event: e.event, data: e.data }) })
  parser.feed(text)
  parser.reset({ consume: true })
  return events
}

export interface Folded {
  role?: string
  content: string
  reasoning: string
  reasoningDetails: Array<Record<string, unknown>>
  toolCalls: Array<{ index: number; id?: string; name?: string; arguments: string }>
  finish: string | null
  usage?: Usage
  chunks: ChatCompletionChunk[]
  /** The last item: done, error, or undefined when the translator produced neither. */
  last: StreamOut | undefined
}

/** Runs a whole transcript through a fresh translator and folds the chunks into one answer. */
export function runStream(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  body: ChatRequest,
  events: SseEvent[],
  end = true,
): Folded {
  const t = adapter.streamTranslator(ctx, body)
  const outs: StreamOut[] = []
  for (const e of events) outs.push(...t.push(e))
  if (end) outs.push(...t.end())
  return fold(outs)
}

export function fold(outs: StreamOut[]): Folded {
  const f: Folded = {
    content: '',
    reasoning: '',
    reasoningDetails: [],
    toolCalls: [],
    finish: null,
    chunks: [],
    last: undefined,
  }
  for (const o of outs) {
    if (o.kind !== 'chunk') {
      f.last = o
      continue
    }
    const c = o.chunk
    // The router writes `raw` as it is: it must always be the chunk's own JSON.
    if (o.raw !== undefined && o.raw !== JSON.stringify(c))
      throw new Error(`raw differs from the chunk's JSON:\n${o.raw}\n${JSON.stringify(c)}`)
    f.chunks.push(c)
    if (c.usage) f.usage = c.usage
    for (const choice of c.choices) {
      const d = choice.delta
      if (d.role) f.role ??= d.role
      if (typeof d.content === 'string') f.content += d.content
      if (typeof d.reasoning === 'string') f.reasoning += d.reasoning
      if (Array.isArray(d.reasoning_details))
        f.reasoningDetails.push(...(d.reasoning_details as Array<Record<string, unknown>>))
      for (const tc of d.tool_calls ?? []) {
        let call = f.toolCalls.find((x) => x.index === tc.index)
        if (!call) f.toolCalls.push((call = { index: tc.index, arguments: '' }))
        if (tc.id) call.id = tc.id
        if (tc.function?.name) call.name = tc.function.name
        if (tc.function?.arguments) call.arguments += tc.function.arguments
      }
      if (choice.finish_reason) f.finish = choice.finish_reason
    }
  }
  return f
}
