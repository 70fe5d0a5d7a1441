/** The chat request check: a fast path for plainly valid bodies, the schema's verdict and message otherwise. */
import { expect, it } from 'vitest'
import { GatewayError } from '../../../shared/errors'
import { ChatRequestSchema } from '../../../shared/openai'
import { parseChatRequest } from '../../../electron/gateway/app'

const user = { role: 'user', content: 'hi' }
const bodies: unknown[] = [
  { model: 'openai/gpt-4o-mini', messages: [user] },
  { model: 'openai/gpt-4o-mini', messages: [user], stream: true, extra: { kept: 1 } },
  { model: 'openai/gpt-4o-mini', messages: [user], stream: null },
  { model: 'openai/gpt-4o-mini', messages: [user], stream: 'yes' },
  { model: 'openai/gpt-4o-mini', messages: [user], stream: 0 },
  { model: '', messages: [user] },
  { model: 42, messages: [user] },
  { messages: [user] },
  { model: 'a/b', messages: [] },
  { model: 'a/b', messages: {} },
  { model: 'a/b', messages: [null] },
  { model: 'a/b', messages: [[]] },
  { model: 'a/b', messages: ['user: hi'] },
  { model: 'a/b', messages: [{ content: 'no role' }] },
  { model: 'a/b', messages: [{ role: 7 }] },
  { model: 'a/b', messages: [user, { role: null }] },
  JSON.parse('{"model":"a/b","messages":[{"__proto__":{"role":"user"}}]}'),
  [{ model: 'a/b', messages: [user] }],
  'a string',
  null,
  42,
]

it('agrees with the schema on every body, and keeps the body as sent when it is valid', () => {
  for (const body of bodies) {
    const schema = ChatRequestSchema.safeParse(body)
    let ours: unknown
    try {
      ours = parseChatRequest(body)
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError)
      expect((err as GatewayError).status).toBe(400)
      expect(schema.success, JSON.stringify(body)).toBe(false)
      continue
    }
    expect(schema.success, JSON.stringify(body)).toBe(true)
    expect(ours).toBe(body) // the same object: unknown fields survive untouched
  }
})

it('names the field that is wrong', () => {
  expect(() => parseChatRequest({ model: 'a/b', messages: [user, { role: 7 }] })).toThrow(
    /Invalid request: messages\.1\.role: /,
  )
  expect(() => parseChatRequest({ model: 'a/b', messages: [user], stream: 'yes' })).toThrow(
    /Invalid request: stream: /,
  )
})
