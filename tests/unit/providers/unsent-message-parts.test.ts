/**
 * What the translating adapters cannot send is reported, never dropped silently: a non-text part in a
 * system / developer message (both providers' system prompts take text only), OpenAI's participant
 * `name` on messages (neither provider has the field); and what asks for nothing is not reported
 * (`modalities: ["text"]`, OpenAI's default).
 */
import { describe, expect, it } from 'vitest'
import { anthropicAdapter } from '../../../electron/providers/anthropic'
import { geminiAdapter } from '../../../electron/providers/gemini'
import type { ProviderAdapter } from '../../../electron/providers/types'
import type { ChatRequest } from '../../../shared/openai'
import { contextFor } from '../../helpers/provider-fixtures'

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

const CASES: Array<{ id: string; adapter: ProviderAdapter; model: string; label: string }> = [
  { id: 'anthropic', adapter: anthropicAdapter, model: 'claude-sonnet-4-5', label: 'Anthropic' },
  { id: 'gemini', adapter: geminiAdapter, model: 'gemini-2.5-flash', label: 'Gemini' },
]

describe.each(CASES)('$id: nothing is left out without a warning', ({ id, adapter, model, label }) => {
  const send = (body: Partial<ChatRequest>) => {
    const req = adapter.chatRequest(contextFor(id, model), {
      model: `${id}/${model}`,
      messages: [{ role: 'user', content: 'hi' }],
      ...body,
    })
    return { body: JSON.parse(req.body!) as Record<string, unknown>, warnings: req.warnings }
  }

  it('an image in a system or developer message: the text is sent, the image reported', () => {
    const { body, warnings } = send({
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'Describe images.' },
            { type: 'image_url', image_url: { url: PNG } },
          ],
        },
        {
          role: 'developer',
          content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
        },
        { role: 'user', content: 'hi' },
      ],
    })
    expect(JSON.stringify(body)).toContain('Describe images.')
    expect(JSON.stringify(body)).not.toContain('iVBORw0KGgo')
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unsupported_param', param: 'messages[0].content' }),
      expect.objectContaining({ code: 'unsupported_param', param: 'messages[1].content' }),
    ])
    expect(warnings[0]!.message).toContain(`${label} takes only text`)
    expect(warnings[0]!.message).toContain('image_url')
  })

  it('OpenAI `name` on messages: one warning naming the messages; a tool message name is not reported', () => {
    const { warnings } = send({
      messages: [
        { role: 'system', content: 'Be brief.', name: 'policy' },
        { role: 'user', content: 'hi', name: 'alice' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', name: 'f', content: 'ok' },
        { role: 'user', content: 'and?', name: 'bob' },
      ] as ChatRequest['messages'],
    })
    const named = warnings.filter((w) => w.param === 'messages[].name')
    expect(named).toHaveLength(1)
    expect(named[0]!.message).toBe(
      `${label} has no participant name on messages: the name on messages[0], messages[1], messages[4] was not sent`,
    )
  })

  it('modalities ["text"] (the default) is not reported; asking for audio is', () => {
    expect(send({ modalities: ['text'] } as Partial<ChatRequest>).warnings).toEqual([])
    expect(send({ modalities: ['text', 'audio'] } as Partial<ChatRequest>).warnings).toEqual([
      expect.objectContaining({ code: 'unsupported_param', param: 'modalities' }),
    ])
  })
})
