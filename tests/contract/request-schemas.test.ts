/**
 * An independent check of the request bodies the native adapters send: every body is validated
 * against the provider's own published schema (tests/fixtures/providers/schemas, sources in the
 * README next to them), not against files our adapter wrote. Every object the schema defines fully is
 * closed, so a field the provider does not know fails here.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { describe, expect, it } from 'vitest'
import { ADAPTERS } from '../../electron/providers/registry'
import type { ChatRequest } from '../../shared/openai'
import {
  contextFor,
  FIXTURES,
  fixture,
  fixtureText,
  type Scenario,
  SCENARIOS,
  sseEvents,
} from '../helpers/provider-fixtures'

const ajv = new Ajv({ allErrors: true, strict: false })
const SCHEMAS: Record<'anthropic' | 'gemini', { file: string; ref: string }> = {
  anthropic: { file: 'anthropic-messages-2023-06-01.schema.json', ref: '#' },
  gemini: { file: 'gemini-v1beta.schema.json', ref: '#/$defs/GenerateContentRequest' },
}
const validators = new Map<string, ValidateFunction>()
function validator(id: 'anthropic' | 'gemini'): ValidateFunction {
  let v = validators.get(id)
  if (!v) {
    const { file, ref } = SCHEMAS[id]
    const schema = fixture<Record<string, unknown>>('schemas', file)
    ajv.addSchema(schema, file)
    v = ajv.getSchema(`${file}${ref}`)!
    validators.set(id, v)
  }
  return v
}

function problems(id: 'anthropic' | 'gemini', body: unknown): string[] {
  const v = validator(id)
  if (v(body)) return []
  return (v.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  )
}

const PNG = 'data:image/png;base64,iVBORw0KGgo='
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK'
const TXT = `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`
const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}

/** Requests beyond the contract scenarios: each reaches a branch of the translation the scenarios do not. */
const EXTRA: Record<string, Omit<ChatRequest, 'model'>> = {
  'tool without description or parameters, tool_choice by name, parallel off': {
    messages: [{ role: 'user', content: 'hi' }],
    tools: [{ type: 'function', function: { name: 'ping' } }, weather],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    parallel_tool_calls: false,
  },
  'tool_choice required and none': {
    messages: [{ role: 'user', content: 'hi' }],
    tools: [weather],
    tool_choice: 'required',
  },
  'tool_choice none': { messages: [{ role: 'user', content: 'hi' }], tools: [weather], tool_choice: 'none' },
  'images by URL and data URL, a PDF and a text file': {
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          { type: 'image_url', image_url: { url: PNG } },
          { type: 'file', file: { file_data: PDF, filename: 'a.pdf' } },
          { type: 'file', file: { file_data: TXT } },
        ],
      },
    ],
  },
  'system and developer messages late, stop as a string, user, seed, penalties, n': {
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'developer', content: 'answer in French' },
      { role: 'user', content: 'again' },
    ],
    stop: 'END',
    user: 'user-1',
    seed: 7,
    presence_penalty: 0.5,
    frequency_penalty: 0.2,
    temperature: 1.5,
    top_p: 0.9,
    n: 2,
    max_completion_tokens: 2000,
  },
  'json_object mode': {
    messages: [{ role: 'user', content: 'a JSON object please' }],
    response_format: { type: 'json_object' },
  },
  'reasoning off, and OpenRouter reasoning with max_tokens': {
    messages: [{ role: 'user', content: 'think' }],
    reasoning: { max_tokens: 3000 },
    max_tokens: 9000,
  },
  'reasoning_effort none': { messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'none' },
  'tool result with structured content parts, tool call without arguments': {
    messages: [
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'ping', arguments: '' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '[1,2]' }] },
      { role: 'tool', tool_call_id: 'call_1', content: '' },
    ],
    tools: [{ type: 'function', function: { name: 'ping' } }],
  },
  'sampling, top_k, a thinking budget and a forced tool (what newer Claude models reject)': {
    messages: [{ role: 'user', content: 'hi' }],
    temperature: 0.3,
    top_p: 0.8,
    top_k: 20,
    reasoning: { max_tokens: 3000 },
    max_tokens: 9000,
    tools: [weather],
    tool_choice: 'required',
  } as Omit<ChatRequest, 'model'>,
  'reasoning_effort xhigh with structured output': {
    messages: [{ role: 'user', content: 'hi' }],
    reasoning_effort: 'xhigh',
    response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
  },
  'structured output with tools of its own (no forced answer tool on models without structured outputs)': {
    messages: [{ role: 'user', content: 'hi' }],
    tools: [weather],
    response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
  },
  'an empty user message between turns': {
    messages: [
      { role: 'user', content: '' },
      { role: 'user', content: 'hi' },
    ],
  },
}

const MODELS = {
  anthropic: [
    'claude-sonnet-4-5',
    'claude-opus-4-6',
    'claude-opus-4-7',
    'claude-opus-5-5',
    'claude-sonnet-5-5',
    'claude-sonnet-4-20250514',
    'claude-unknown-model',
  ],
  gemini: ['gemini-2.5-flash', 'gemini-3-pro-preview'],
} as const

for (const id of ['anthropic', 'gemini'] as const) {
  const adapter = ADAPTERS[id]!
  describe(`${id} request bodies validate against the provider's published schema`, () => {
    for (const model of MODELS[id]) {
      const ctx = contextFor(id, model)
      const cases: Array<[string, ChatRequest]> = [
        ...SCENARIOS.map((name): [string, ChatRequest] => [
          `scenario ${name}`,
          { ...fixture<Scenario>('scenarios', `${name}.json`).input, model: `${id}/${model}` },
        ]),
        ...Object.entries(EXTRA).map(([name, req]): [string, ChatRequest] => [
          name,
          { ...req, model: `${id}/${model}` } as ChatRequest,
        ]),
      ]
      for (const [name, input] of cases) {
        for (const stream of [false, true]) {
          it(`${model}: ${name}${stream ? ' (streaming)' : ''}`, () => {
            const req = adapter.chatRequest(ctx, { ...input, stream })
            expect(problems(id, JSON.parse(req.body!))).toEqual([])
          })
        }
      }
    }

    it('the schema itself rejects a field the provider does not define, at the top and nested', () => {
      const req = adapter.chatRequest(contextFor(id, MODELS[id][0]), {
        model: `${id}/${MODELS[id][0]}`,
        messages: [{ role: 'user', content: 'hi' }],
      })
      const body = JSON.parse(req.body!) as Record<string, unknown>
      expect(problems(id, body)).toEqual([])
      expect(problems(id, { ...body, not_a_field: 1 }).join()).toMatch(/additional properties/)
      const nested = structuredClone(body) as { messages?: unknown[]; contents?: unknown[] }
      const turns = (nested.messages ?? nested.contents)!
      ;(turns[0] as Record<string, unknown>).extra = true
      expect(problems(id, nested).join()).toMatch(/additional properties/)
    })
  })
}

describe("Gemini response fixtures validate against Google's published response schema", () => {
  const dir = join(FIXTURES, 'gemini')
  const v = () => {
    validator('gemini')
    return ajv.getSchema('gemini-v1beta.schema.json#/$defs/GenerateContentResponse')!
  }
  for (const file of readdirSync(dir).filter(
    (f) => /\.(response\.json|chunks\.txt)$/.test(f) && f !== 'models.response.json',
  )) {
    it(file, () => {
      const bodies: unknown[] = file.endsWith('.json')
        ? [fixture('gemini', file)]
        : sseEvents(fixtureText('gemini', file)).map((e) => JSON.parse(e.data) as unknown)
      for (const b of bodies) {
        const ok = v()(b)
        expect(ok ? [] : v().errors).toEqual([])
      }
    })
  }
})
