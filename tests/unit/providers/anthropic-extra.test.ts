/**
 * Anthropic content with no plain OpenAI field (citations, server-tool blocks, unknown blocks, deltas
 * and events) is kept and reported, never dropped: non-streamed and streamed, over recorded fixtures
 * (tests/fixtures/providers/anthropic/web-search.*, citations.*).
 */
import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import type { ChatCompletionChunk } from '../../../shared/openai'
import { assertOpenAI } from '../../helpers/openai-schema'
import { contextFor, fixture, fixtureText, runStream, sseEvents } from '../../helpers/provider-fixtures'

const ctx = contextFor('anthropic', 'claude-sonnet-4-5')
type Raw = { content: Array<Record<string, unknown> & { citations?: unknown[] }> }
const body = { model: 'anthropic/claude-sonnet-4-5', messages: [], stream: true }

const SHANNON = 'Claude Shannon was born on April 30, 1916, in Petoskey, Michigan'
const WEB_TEXT = `I'll search for when Claude Shannon was born.Based on the search results, ${SHANNON}.`
const WEB_START = WEB_TEXT.indexOf(SHANNON)
const WEB_ANNOTATION = {
  type: 'url_citation',
  url_citation: {
    url: 'https://en.wikipedia.org/wiki/Claude_Shannon',
    title: 'Claude Shannon - Wikipedia',
    start_index: WEB_START,
    end_index: WEB_START + SHANNON.length,
  },
}

/** Every field of the streamed chunks' deltas and warnings, gathered. */
function gather(chunks: ChatCompletionChunk[]) {
  const all = (k: string) =>
    chunks.flatMap((c) => c.choices.flatMap((ch) => (ch.delta[k] as unknown[] | undefined) ?? []))
  return {
    annotations: all('annotations'),
    citations: all('anthropic_citations'),
    blocks: all('anthropic_blocks'),
    events: all('anthropic_events'),
    warnings: chunks.flatMap((c) => (c.localrouter_warnings as unknown[] | undefined) ?? []),
  }
}

describe('Anthropic web search (server tools and web citations)', () => {
  const raw = fixture<Raw>('anthropic', 'web-search.response.json')

  it('non-streamed: web citations become url_citation annotations; server-tool blocks are kept and reported', () => {
    const out = anthropicAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', out)
    const m = out.choices[0]!.message
    expect(m.content).toBe(WEB_TEXT)
    expect(m.annotations).toEqual([WEB_ANNOTATION])
    expect(m.anthropic_citations).toEqual([
      {
        start_index: WEB_START,
        end_index: WEB_START + SHANNON.length,
        citation: raw.content[4]!.citations![0],
      },
    ])
    expect(m.anthropic_blocks).toEqual([
      { index: 1, block: raw.content[1] },
      { index: 2, block: raw.content[2] },
    ])
    expect(out.localrouter_warnings).toEqual([
      expect.objectContaining({ code: 'unmapped_content', type: 'server_tool_use' }),
      expect.objectContaining({ code: 'unmapped_content', type: 'web_search_tool_result' }),
    ])
    expect(out.choices[0]!.finish_reason).toBe('stop')
    expect(out.usage?.server_tool_use).toEqual({ web_search_requests: 1 })
  })

  it('streamed: the same annotations, kept blocks (input from its JSON fragments) and warnings', () => {
    const f = runStream(
      anthropicAdapter,
      ctx,
      body,
      sseEvents(fixtureText('anthropic', 'web-search.chunks.txt')),
    )
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe(WEB_TEXT)
    expect(f.last).toEqual({ kind: 'done' })
    const g = gather(f.chunks)
    expect(g.annotations).toEqual([WEB_ANNOTATION])
    expect(g.citations).toEqual([
      {
        start_index: WEB_START,
        end_index: WEB_START + SHANNON.length,
        citation: raw.content[4]!.citations![0],
      },
    ])
    // The streamed blocks end up as the non-streamed ones: the server tool's input parsed from its fragments.
    expect(g.blocks).toEqual([
      { index: 1, block: raw.content[1] },
      { index: 2, block: raw.content[2] },
    ])
    expect(g.warnings.map((w) => (w as { type: string }).type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
    ])
    expect(g.events).toEqual([])
    const withUsage = runStream(
      anthropicAdapter,
      ctx,
      { ...body, stream_options: { include_usage: true } },
      sseEvents(fixtureText('anthropic', 'web-search.chunks.txt')),
    )
    expect(withUsage.usage?.server_tool_use).toEqual({ web_search_requests: 1 })
  })
})

describe('Sending kept blocks back', () => {
  it("puts an assistant message's anthropic_blocks back into its turn, in order, and reports malformed ones", () => {
    const raw = fixture<Raw>('anthropic', 'web-search.response.json')
    const answer = anthropicAdapter.chatResponse(ctx, raw).choices[0]!.message
    const req = anthropicAdapter.chatRequest(ctx, {
      model: 'anthropic/claude-sonnet-4-5',
      messages: [
        { role: 'user', content: 'When was Claude Shannon born?' },
        { ...answer, anthropic_blocks: [...(answer.anthropic_blocks as unknown[])].reverse() },
        { role: 'user', content: 'And where did he die?' },
        { role: 'assistant', content: 'Medford.', anthropic_blocks: [{ block: 'not a block' }] },
      ],
    })
    const sent = JSON.parse(req.body!) as { messages: Array<{ role: string; content: unknown[] }> }
    expect(sent.messages[1]!.content).toEqual([
      raw.content[1],
      raw.content[2],
      { type: 'text', text: WEB_TEXT },
    ])
    expect(sent.messages[3]!.content).toEqual([{ type: 'text', text: 'Medford.' }])
    expect(req.warnings).toEqual([expect.objectContaining({ param: 'messages[3].anthropic_blocks' })])
  })
})

describe('Anthropic document citations and unknown blocks', () => {
  const raw = fixture<Raw>('anthropic', 'citations.response.json')
  const text = 'According to the document, the grass is green and the sky is blue.'
  const grass = text.indexOf('the grass is green')
  const sky = text.indexOf('the sky is blue')
  const kept = [
    { start_index: grass, end_index: grass + 18, citation: raw.content[1]!.citations![0] },
    { start_index: sky, end_index: sky + 15, citation: raw.content[3]!.citations![0] },
  ]

  it('non-streamed: citations without a URL stay under anthropic_citations and are reported, as is the unknown block', () => {
    const out = anthropicAdapter.chatResponse(ctx, raw)
    assertOpenAI('completion', out)
    const m = out.choices[0]!.message
    expect(m.content).toBe(text)
    expect(m.annotations).toBeUndefined()
    expect(m.anthropic_citations).toEqual(kept)
    expect(m.anthropic_blocks).toEqual([{ index: 4, block: raw.content[4] }])
    expect(out.localrouter_warnings).toEqual([
      expect.objectContaining({ code: 'unmapped_content', type: 'char_location, page_location' }),
      expect.objectContaining({ code: 'unmapped_content', type: 'container_upload' }),
    ])
  })

  it('streamed: the same citations with their ranges, the unknown block whole, and the warnings', () => {
    const f = runStream(
      anthropicAdapter,
      ctx,
      body,
      sseEvents(fixtureText('anthropic', 'citations.chunks.txt')),
    )
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe(text)
    const g = gather(f.chunks)
    expect(g.annotations).toEqual([])
    expect(g.citations).toEqual(kept)
    expect(g.blocks).toEqual([{ index: 4, block: raw.content[4] }])
    expect(g.warnings.map((w) => (w as { type: string }).type)).toEqual([
      'char_location',
      'page_location',
      'container_upload',
    ])
  })

  it('passes on delta and event types newer than the adapter, with a warning, instead of dropping them', () => {
    const ev = (data: object) => ({ event: (data as { type: string }).type, data: JSON.stringify(data) })
    const f = runStream(anthropicAdapter, ctx, body, [
      ev({ type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 3 } } }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'sparkle_delta', sparkle: 3 } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'message_annotation', note: 'new' }),
      ev({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      ev({ type: 'message_stop' }),
    ])
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.content).toBe('Hi')
    const g = gather(f.chunks)
    expect(g.events).toEqual([
      { index: 0, delta: { type: 'sparkle_delta', sparkle: 3 } },
      { type: 'message_annotation', note: 'new' },
    ])
    expect(g.warnings.map((w) => (w as { type: string }).type)).toEqual([
      'sparkle_delta',
      'message_annotation',
    ])
    expect(f.finish).toBe('stop')
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('reports nothing for an answer that has nothing unmapped', () => {
    const out = anthropicAdapter.chatResponse(ctx, fixture('anthropic', 'text.response.json'))
    expect(out.localrouter_warnings).toBeUndefined()
    expect(out.choices[0]!.message.anthropic_blocks).toBeUndefined()
  })
})

describe('stop_reason pause_turn (a server tool paused a long turn)', () => {
  const PAUSED = 'Anthropic paused a long-running turn'

  it('non-streamed: finish stop, anthropic_stop_reason kept, a warning saying how to continue', () => {
    const out = anthropicAdapter.chatResponse(ctx, fixture('anthropic', 'pause-turn.response.json'))
    assertOpenAI('completion', out)
    const choice = out.choices[0]!
    expect(choice.finish_reason).toBe('stop')
    expect(choice.message.anthropic_stop_reason).toBe('pause_turn')
    expect(choice.message.anthropic_blocks).toHaveLength(1)
    const warnings = (out.localrouter_warnings ?? []) as Array<{ type?: string; message: string }>
    const paused = warnings.find((w) => w.type === 'stop_reason')
    expect(paused?.message).toContain(PAUSED)
    expect(paused?.message).toContain('Send the conversation back')
  })

  it('streamed: the same field and warning on a chunk before the finish', () => {
    const f = runStream(
      anthropicAdapter,
      ctx,
      body,
      sseEvents(fixtureText('anthropic', 'pause-turn.chunks.txt')),
    )
    for (const c of f.chunks) assertOpenAI('chunk', c)
    expect(f.finish).toBe('stop')
    const i = f.chunks.findIndex((c) => c.choices[0]?.delta.anthropic_stop_reason === 'pause_turn')
    expect(i).toBeGreaterThan(0)
    expect(f.chunks[i]!.localrouter_warnings).toEqual([expect.objectContaining({ type: 'stop_reason' })])
    expect(f.chunks.findIndex((c) => c.choices[0]?.finish_reason)).toBeGreaterThan(i)
    expect(f.last).toEqual({ kind: 'done' })
  })

  it('an ordinary end_turn carries neither', () => {
    const out = anthropicAdapter.chatResponse(ctx, fixture('anthropic', 'text.response.json'))
    expect(out.choices[0]!.message.anthropic_stop_reason).toBeUndefined()
    expect(out.localrouter_warnings).toBeUndefined()
  })
})
