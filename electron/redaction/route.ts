/**
 * `POST /v1/redact`: the text (or messages) exactly as they would be sent with redaction on, and the
 * entities found. Placeholders only: the response never pairs a placeholder with its value.
 */
import { GatewayError } from '../../shared/errors'
import type { ChatMessage } from '../../shared/openai'
import type { RedactionConfig } from '../config/schema'
import { type Route, sendJson } from '../gateway/app'
import { detectOptions } from './options'
import { type Entity, type MessageEntity, redactMessages, redactText } from './redact'
import { REDACTED_HEADER } from './request'
import { Vault } from './vault'

export type RedactResponse =
  { text: string; entities: Entity[] } | { messages: ChatMessage[]; entities: MessageEntity[] }

export function redactBody(raw: unknown, config: RedactionConfig | undefined): RedactResponse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new GatewayError(400, 'Invalid request: expected {"text": "..."} or {"messages": [...]}', {
      code: 'invalid_request',
    })
  const body = raw as { text?: unknown; messages?: unknown }
  const opts = detectOptions(config)
  if (typeof body.text === 'string') {
    const vault = new Vault()
    vault.reserve(body.text)
    const r = redactText(body.text, opts, vault)
    return { text: r.text, entities: r.entities }
  }
  if (Array.isArray(body.messages)) {
    if (!body.messages.every((m) => typeof m === 'object' && m !== null && !Array.isArray(m)))
      throw new GatewayError(400, 'Invalid request: messages must be objects', {
        code: 'invalid_request',
        param: 'messages',
      })
    const r = redactMessages(body.messages as ChatMessage[], opts)
    return { messages: r.messages, entities: r.entities }
  }
  throw new GatewayError(400, "Invalid request: give 'text' (a string) or 'messages' (an array)", {
    code: 'invalid_request',
    param: 'text',
  })
}

export function redactionRoutes(config: () => RedactionConfig | undefined): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/redact',
      auth: 'api',
      handler: async (ctx) => {
        const result = redactBody(await ctx.readJson(), config())
        const counts = new Map<string, Set<string>>()
        for (const e of result.entities) {
          const set = counts.get(e.type) ?? new Set()
          set.add(e.placeholder)
          counts.set(e.type, set)
        }
        const header = [...counts].map(([t, set]) => `${t}=${set.size}`).join(',')
        sendJson(ctx.res, 200, result, header ? { [REDACTED_HEADER]: header } : {})
      },
    },
  ]
}
