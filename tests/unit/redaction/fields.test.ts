import { describe, expect, it } from 'vitest'
import type { ChatRequest } from '../../../shared/openai'
import { detectOptions, redactChatRequest, redactMessages } from '../../../electron/redaction'

const opts = detectOptions(undefined)
const E = 'maria.rossi@example.com'
// A Google-style API key: a detector finds this inside any opaque string that happens to hold it.
const KEYLIKE = 'AIzaSyD3xampleKeyAbcdefghijklmnopqrst01'

describe('fields besides message text', () => {
  it('leaves protocol fields, tool names, data: URLs and thought signatures exactly as they are', () => {
    const body = {
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: 'ok',
          reasoning_details: [
            {
              type: 'reasoning.text',
              text: 'thinking',
              signature: `Eq+${KEYLIKE}/x==`,
              format: 'anthropic-claude-v1',
            },
            { type: 'reasoning.encrypted', data: `x ${KEYLIKE}`, index: 0 },
          ],
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'lookup', arguments: JSON.stringify({ q: E }) },
              extra_content: { google: { thought_signature: `${KEYLIKE}` } },
            },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${KEYLIKE}` } }],
        },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: `finds ${E}` } }],
    } as unknown as ChatRequest
    const out = redactChatRequest(body, opts).body as unknown as typeof body & Record<string, never>
    const sent = JSON.stringify(out)
    expect(sent).not.toContain(E)
    // Opaque values travel untouched: a signature changed by one character is rejected by the provider.
    expect(sent.split(KEYLIKE).length - 1).toBe(4)
    expect(JSON.parse(sent).tools[0].function.name).toBe('lookup')
    expect(JSON.parse(JSON.parse(sent).messages[0].tool_calls[0].function.arguments)).toEqual({
      q: '<EMAIL_1>',
    })
    expect(JSON.parse(sent).tools[0].function.description).toBe('finds <EMAIL_1>')
  })

  it('reports what it found in other message fields, one vault for the whole request', () => {
    const r = redactMessages(
      [
        { role: 'user', name: 'Maria Rossi', content: `mail ${E}` },
        { role: 'assistant', content: [{ type: 'refusal', refusal: `not to ${E}` }] } as never,
      ],
      opts,
    )
    expect(r.messages[0]!.name).toBe('<PERSON_1>')
    expect(JSON.stringify(r.messages[1])).toContain('not to <EMAIL_1>')
    expect(r.entities.map((e) => [e.message, e.type, e.placeholder])).toEqual([
      [0, 'EMAIL', '<EMAIL_1>'],
      [0, 'PERSON', '<PERSON_1>'],
    ])
  })
})
