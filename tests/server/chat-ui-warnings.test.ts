/**
 * The chat UI's stream client (renderer/src/lib/chat.ts) against the running gateway and the fake
 * Anthropic on loopback: the warnings it collects for the answer's footer are the gateway's real ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { streamChat, type ChatCall } from '../../renderer/src/lib/chat'
import { FAKE_ANTHROPIC_KEY, startFakeAnthropic } from '../helpers/fake-anthropic'
import type { FakeServer } from '../helpers/fake-upstream'
import { startTestGateway, type TestGateway } from '../helpers/gateway'

let anthropic: FakeServer
let gw: TestGateway

beforeAll(async () => {
  anthropic = await startFakeAnthropic()
  gw = await startTestGateway({
    providers: { anthropic: { baseUrl: anthropic.url, apiKey: FAKE_ANTHROPIC_KEY } },
  })
})

afterAll(async () => {
  await gw?.stop()
  await anthropic?.close()
})

function call(model: string, params: ChatCall['params'] = {}): { call: ChatCall; text: () => string } {
  let text = ''
  return {
    call: {
      baseUrl: gw.baseURL,
      token: gw.token,
      model,
      messages: [{ role: 'user', content: 'What happened in quantum computing?' }],
      params,
      redaction: 'off',
      signal: new AbortController().signal,
      onText: (t) => {
        text += t
      },
    },
    text: () => text,
  }
}

describe('streamChat collects the warnings the footer shows', () => {
  it('a clamped setting, from the x-localrouter-warnings header', async () => {
    const c = call('anthropic/claude-sonnet-4-5-20250929', { temperature: 1.5 })
    const out = await streamChat(c.call)
    expect(out.status).toBe('done')
    expect(c.text()).toContain('You said')
    expect(anthropic.received.at(-1)!.body).toMatchObject({ temperature: 1 })
    expect(out.warnings).toEqual([
      expect.objectContaining({ kind: 'setting', code: 'param_clamped', param: 'temperature' }),
    ])
    expect(out.warnings[0]!.message).toContain('1.5 was sent as 1')
  })

  it('none when every setting was honoured', async () => {
    const out = await streamChat(call('anthropic/claude-sonnet-4-5-20250929', { temperature: 0.5 }).call)
    expect(out.status).toBe('done')
    expect(out.warnings).toEqual([])
  })

  it('answer content kept in vendor fields, from localrouter_warnings on the stream, each once', async () => {
    const c = call('anthropic/fixture-web-search')
    const out = await streamChat(c.call)
    expect(out.status).toBe('done')
    expect(c.text().length).toBeGreaterThan(0)
    const notes = out.warnings.filter((w) => w.kind === 'answer')
    expect(notes.length).toBeGreaterThan(0)
    expect(notes.map((w) => w.type)).toEqual(expect.arrayContaining(['web_search_tool_result']))
    expect(notes.find((w) => w.type === 'web_search_tool_result')!.message).toBe(
      'The answer included web search results this chat does not show.',
    )
    expect(new Set(notes.map((w) => `${w.type}|${w.message}`)).size).toBe(notes.length)
  })

  it('a paused turn says the answer is not finished', async () => {
    const out = await streamChat(call('anthropic/fixture-pause-turn').call)
    expect(out.status).toBe('done')
    const pause = out.warnings.find((w) => w.type === 'stop_reason')
    expect(pause?.message).toMatch(/^Anthropic paused a long-running turn: this answer is not finished/)
  })
})
