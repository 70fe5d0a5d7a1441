import { describe, expect, it } from 'vitest'
import { parseChunk } from '../../../renderer/src/lib/streaming'
import {
  parseChunkWarnings,
  parseWarningsHeader,
  plainAnswerWarning,
  WarningList,
  warningsLabel,
} from '../../../renderer/src/lib/warnings'

describe('parseWarningsHeader', () => {
  it('reads the gateway header as settings, keeping its messages as they are', () => {
    const header = JSON.stringify([
      {
        code: 'param_clamped',
        param: 'temperature',
        message: "Anthropic's temperature goes up to 1; 1.5 was sent as 1",
      },
      {
        code: 'stream_not_honoured',
        message: 'The provider did not stream; the whole answer is returned at once',
      },
    ])
    expect(parseWarningsHeader(header)).toEqual([
      {
        kind: 'setting',
        code: 'param_clamped',
        param: 'temperature',
        message: "Anthropic's temperature goes up to 1; 1.5 was sent as 1",
      },
      {
        kind: 'setting',
        code: 'stream_not_honoured',
        message: 'The provider did not stream; the whole answer is returned at once',
      },
    ])
  })

  it('decodes the \\u escapes the gateway uses to keep the header ASCII', () => {
    const [w] = parseWarningsHeader(
      '[{"code":"param_mapped","param":"reasoning_effort","message":"Gemini 3 Pro \\u2014 high"}]',
    )
    expect(w!.message).toBe('Gemini 3 Pro — high')
  })

  it('gives no warnings for an absent, empty or garbled header, never an exception', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'not json',
      '[{"code":',
      '{}',
      '"a string"',
      '42',
      'null',
      '[null, 1, "x", [], {}]',
      '[{"code":"param_clamped","param":"temperature"}]',
      '[{"message":"   "}]',
      '[{"message":{"nested":true}}]',
    ])
      expect(parseWarningsHeader(bad)).toEqual([])
  })

  it('keeps entries with a message even when code or param are missing or odd, and caps the list', () => {
    expect(parseWarningsHeader('[{"message":"m","param":7}]')).toEqual([
      { kind: 'setting', code: 'warning', message: 'm' },
    ])
    const many = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ code: 'x', message: `m${i}` })))
    expect(parseWarningsHeader(many)).toHaveLength(20)
    const long = parseWarningsHeader(JSON.stringify([{ code: 'x', message: 'a'.repeat(5000) }]))
    expect(long[0]!.message.length).toBeLessThanOrEqual(600)
  })
})

describe('chunk-level localrouter_warnings', () => {
  it('parseChunk carries them, reworded plainly, with the gateway wording kept as detail', () => {
    const ev = parseChunk(
      JSON.stringify({
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'claude-sonnet-4-5',
        choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
        localrouter_warnings: [
          {
            code: 'unmapped_content',
            type: 'web_search_tool_result',
            message:
              "Anthropic sent 'web_search_tool_result' content that OpenAI's format has no field for; it is in anthropic_blocks",
          },
        ],
      }),
    )!
    expect(ev.text).toBe('Hi')
    expect(ev.warnings).toEqual([
      {
        kind: 'answer',
        code: 'unmapped_content',
        type: 'web_search_tool_result',
        message: 'The answer included web search results this chat does not show.',
        detail:
          "Anthropic sent 'web_search_tool_result' content that OpenAI's format has no field for; it is in anthropic_blocks",
      },
    ])
  })

  it('a chunk without them, or with junk in their place, has none', () => {
    expect(
      parseChunk('{"choices":[{"delta":{"content":"x"},"finish_reason":null}]}')!.warnings,
    ).toBeUndefined()
    for (const junk of ['null', '"x"', '{}', '[1]', '[null, "x", {}]'])
      expect(parseChunk(`{"choices":[],"localrouter_warnings":${junk}}`)!.warnings).toBeUndefined()
    // A chunk that is valid JSON but not an object is skipped, not a crash.
    expect(parseChunk('null')).toBeNull()
    expect(parseChunk('7')).toBeNull()
  })

  it('words each kind of kept content for a chat reader', () => {
    const pause = parseChunkWarnings([
      {
        code: 'unmapped_content',
        type: 'stop_reason',
        message:
          'Anthropic paused a long-running turn (stop_reason pause_turn, kept in anthropic_stop_reason): …',
      },
    ])
    expect(pause[0]!.message).toMatch(/^Anthropic paused a long-running turn: this answer is not finished/)
    expect(
      plainAnswerWarning('char_location, page_location', "Anthropic cited sources OpenAI's format…"),
    ).toBe('Anthropic sent source citations with this answer that this chat does not show.')
    expect(plainAnswerWarning('groundingMetadata', 'Gemini sent groundingMetadata, which …')).toBe(
      'Gemini sent source citations with this answer that this chat does not show.',
    )
    expect(
      plainAnswerWarning(
        'finishReason',
        'Gemini ended the answer with finishReason MALFORMED_FUNCTION_CALL, which OpenAI…',
      ),
    ).toBe('Gemini ended the answer for a reason this chat has no name for (MALFORMED_FUNCTION_CALL).')
    expect(plainAnswerWarning('safetyRatings', 'Gemini sent safetyRatings, …')).toMatch(
      /^Gemini sent safety details/,
    )
    expect(plainAnswerWarning('server_tool_use', "Anthropic sent 'server_tool_use' …")).toMatch(
      /^Anthropic ran one of its own tools/,
    )
    expect(plainAnswerWarning('brand_new_block', undefined)).toBe(
      'The answer included brand new block content this chat does not show.',
    )
    expect(plainAnswerWarning(undefined, 'Something odd')).toBe('Something odd')
  })
})

describe('WarningList and the footer label', () => {
  it('keeps each warning once across a stream', () => {
    const list = new WarningList()
    const header = parseWarningsHeader('[{"code":"param_clamped","param":"temperature","message":"clamped"}]')
    const citation = parseChunkWarnings([
      { code: 'unmapped_content', type: 'char_location', message: 'Anthropic …' },
    ])
    list.add(header)
    list.add(citation)
    list.add(citation)
    expect(list.items.map((w) => w.kind)).toEqual(['setting', 'answer'])
  })

  it('says how many settings were adjusted and how many notes there are', () => {
    const s = parseWarningsHeader('[{"code":"a","message":"one"},{"code":"b","message":"two"}]')
    const n = parseChunkWarnings([{ code: 'unmapped_content', type: 'char_location', message: 'x' }])
    expect(warningsLabel(s)).toBe('2 settings adjusted')
    expect(warningsLabel(s.slice(0, 1))).toBe('1 setting adjusted')
    expect(warningsLabel(n)).toBe('1 note on the answer')
    expect(warningsLabel([...s, ...n])).toBe('2 settings adjusted · 1 note on the answer')
    expect(warningsLabel([])).toBe('')
  })
})
