/** The UI's privacy preview reads what the real POST /v1/redact returns (one contract, two sides). */
import { describe, expect, it } from 'vitest'
import { redactBody } from '../../electron/redaction/route'
import { RedactionConfigSchema } from '../../electron/config/schema'
import { countEntities, ENTITY_NOUNS, ENTITY_TYPES } from '../../shared/entities'
import { countFound, describeFound, messageSegments, segmentsOf } from '../../renderer/src/lib/redact'
import type { ChatMessage } from '../../shared/openai'
import { RedactMessagesResponseSchema, RedactTextResponseSchema } from '../../shared/redact'

describe('privacy preview segments', () => {
  it('splits a text at the entity offsets, keeping the original for this machine only', () => {
    const text = 'Mail jane@example.org or call +1 415 555 0132.'
    const { entities } = RedactTextResponseSchema.parse(redactBody({ text }, undefined))
    const segs = segmentsOf(text, entities)
    expect(segs.map((s) => s.placeholder ?? s.text).join('')).toBe('Mail <EMAIL_1> or call <PHONE_1>.')
    expect(segs.filter((s) => s.placeholder).map((s) => [s.kind, s.text])).toEqual([
      ['EMAIL', 'jane@example.org'],
      ['PHONE', '+1 415 555 0132'],
    ])
  })

  it('reads the real /v1/redact messages response: entities land in their own message and part', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'I am jane@example.org' },
      { role: 'assistant', content: 'Noted, jane@example.org.' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'text', text: 'and bob@example.com, a friend of jane@example.org' },
        ],
      },
    ]
    const res = RedactMessagesResponseSchema.parse(redactBody({ messages }, undefined))
    const out = messageSegments(messages, res.entities)
    const shown = out.map((m) => m.segments.map((s) => s.placeholder ?? s.text).join(''))
    expect(shown).toEqual([
      'Be brief.',
      'I am <EMAIL_1>',
      'Noted, <EMAIL_1>.',
      '[image attachment, sent as it is]\nand <EMAIL_2>, a friend of <EMAIL_1>',
    ])
    expect(countFound(res.entities)).toEqual({ EMAIL: 2 })
  })

  it('uses the user lists from the config', () => {
    const config = RedactionConfigSchema.parse({ always: { terms: ['Project Falcon'] } })
    const r = RedactTextResponseSchema.parse(redactBody({ text: 'about project falcon' }, config))
    expect(segmentsOf('about project falcon', r.entities).at(-1)).toMatchObject({
      placeholder: '<TERM_1>',
      kind: 'TERM',
    })
  })

  it('ignores entities without offsets (tool-call arguments) and out-of-range ones', () => {
    expect(segmentsOf('abc', [{ type: 'EMAIL', start: -1, end: -1, placeholder: '<EMAIL_1>' }])).toEqual([
      { text: 'abc' },
    ])
    expect(segmentsOf('abc', [{ type: 'EMAIL', start: 1, end: 9, placeholder: '<EMAIL_1>' }])).toEqual([
      { text: 'abc' },
    ])
  })

  it('names the kinds found in words', () => {
    expect(describeFound({})).toBe('')
    expect(describeFound({ EMAIL: 1 })).toBe('1 email address')
    expect(describeFound({ EMAIL: 2, PHONE: 1, SECRET: 3 })).toBe(
      '2 email addresses, 1 phone number and 3 keys or passwords',
    )
    expect(describeFound({ PERSON: 1, ADDRESS: 2 })).toBe('1 person name and 2 street addresses')
    // A kind this build does not know (a newer gateway) is still named, not dropped.
    expect(describeFound({ PASSPORT: 2 })).toBe('2 passport values')
  })

  it('has words for every entity type the gateway detects', () => {
    for (const t of ENTITY_TYPES) {
      const [one, many] = ENTITY_NOUNS[t]
      expect(countEntities(t, 1)).toBe(`1 ${one}`)
      expect(countEntities(t, 3)).toBe(`3 ${many}`)
      expect(one).not.toBe(many)
    }
    // Not fooled by Object.prototype names.
    expect(countEntities('constructor', 1)).toBe('1 constructor')
  })
})
