/**
 * A non-stream request that Anthropic or Gemini (or a proxy in front of them) answers with an SSE stream
 * gets the whole answer assembled through the adapter's stream translator (electron/router/assemble.ts):
 * through the running gateway with the official openai SDK, the assembled completion is the one the same
 * answer gives as JSON (tests/fixtures/providers/<id>/<case>.response.json and <case>.chunks.txt record
 * the same answers), usage included although the client asked for no stream options.
 */
import type OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type NativeGateway, startNativeGateway } from '../helpers/native-gateway'
import { assertOpenAI } from '../helpers/openai-schema'

let native: NativeGateway
let client: OpenAI

beforeAll(async () => {
  native = await startNativeGateway()
  client = native.gw.client()
})

afterAll(async () => {
  await native?.close()
})

type Completion = OpenAI.ChatCompletion & Record<string, unknown>

async function create(model: string): Promise<{ res: Completion; warnings: string | null }> {
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .withResponse()
  return { res: data as Completion, warnings: response.headers.get('x-localrouter-warnings') }
}

/**
 * The parts of a completion that do not change between two calls (not its id or time), with what the
 * stream says differently by nature made comparable: tool-call arguments as parsed JSON (Anthropic streams
 * its own spacing), warnings by the fields they name (a stream reports per chunk), and a Gemini signature's
 * part index (a stream counts the parts of every event; both count the same way when sent back).
 */
function answer(c: Completion) {
  const { id: _id, created: _created, localrouter_warnings: w, ...rest } = c
  // Ids we make for calls Gemini sent without one are new on each answer.
  const out = JSON.parse(JSON.stringify(rest).replace(/call_lr[A-Za-z0-9_-]+/g, 'call_lr*')) as Completion
  for (const ch of out.choices) {
    for (const call of ch.message.tool_calls ?? [])
      if (call.type === 'function') call.function.arguments = JSON.parse(call.function.arguments) as string
    for (const d of (ch.message as { reasoning_details?: Array<Record<string, unknown>> })
      .reasoning_details ?? [])
      if (d.format === 'google-gemini-v1') delete d.index
  }
  const types = ((w as Array<{ type: string }> | undefined) ?? []).flatMap((x) => x.type.split(', '))
  return { ...out, warned: [...new Set(types)].sort() }
}

const CASES: Array<[string, string]> = [
  ['anthropic', 'text'],
  ['anthropic', 'thinking'],
  ['anthropic', 'tools'],
  ['anthropic', 'cache-usage'],
  ['anthropic', 'citations'],
  ['gemini', 'text'],
  ['gemini', 'thinking'],
  ['gemini', 'tools'],
  ['gemini', 'code-execution'],
  ['gemini', 'image-output'],
  ['gemini', 'grounding'],
]

describe('a non-stream request Anthropic or Gemini answers with a stream', () => {
  it.each(CASES)('%s %s: the assembled completion is the JSON answer', async (provider, name) => {
    const streamed = await create(`${provider}/sse-${name}`)
    const json = await create(`${provider}/fixture-${name}`)
    assertOpenAI('completion', streamed.res)
    expect(streamed.res.object).toBe('chat.completion')
    expect(streamed.res.usage?.total_tokens).toBeGreaterThan(0)
    expect(answer(streamed.res)).toEqual(answer(json.res))
  })
})
