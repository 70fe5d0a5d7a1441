/**
 * Replaces sensitive values with placeholders: in one text, and in a whole chat request (every
 * message's text content and the arguments of earlier tool calls), in message order so numbering is
 * stable across turns. The input is never mutated.
 */
import type { ChatMessage, ChatRequest } from '../../shared/openai'
import { detect } from './detectors'
import type { DetectOptions, EntityType } from './types'
import { Vault } from './vault'

export interface Entity {
  type: EntityType
  /** Offsets in the original text (UTF-16 code units). */
  start: number
  end: number
  placeholder: string
}

export interface MessageEntity extends Entity {
  /** Index in `messages`. */
  message: number
  /** Index in the message's content parts, when the content is an array. */
  part?: number
  /** Set for a tool call's arguments: the call's index in `tool_calls`. */
  toolCall?: number
}

export function redactText(
  text: string,
  opts: DetectOptions,
  vault: Vault = new Vault(),
): { text: string; entities: Entity[] } {
  const spans = detect(text, opts)
  if (!spans.length) return { text, entities: [] }
  vault.reserve(text)
  let out = ''
  let last = 0
  const entities: Entity[] = []
  for (const s of spans) {
    const placeholder = vault.placeholder(s.type, text.slice(s.start, s.end))
    out += text.slice(last, s.start) + placeholder
    last = s.end
    entities.push({ type: s.type, start: s.start, end: s.end, placeholder })
  }
  return { text: out + text.slice(last), entities }
}

/** Redacts the string leaves of a JSON value (tool-call arguments), keys untouched. */
function redactJsonValue(value: unknown, opts: DetectOptions, vault: Vault, found: { n: number }): unknown {
  if (typeof value === 'string') {
    const r = redactText(value, opts, vault)
    found.n += r.entities.length
    return r.text
  }
  if (Array.isArray(value)) return value.map((v) => redactJsonValue(v, opts, vault, found))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactJsonValue(v, opts, vault, found)
    return out
  }
  return value
}

/** Tool-call arguments are JSON text: redact the strings inside, so the result is still valid JSON. */
export function redactArguments(
  args: string,
  opts: DetectOptions,
  vault: Vault,
): { text: string; count: number } {
  let parsed: unknown
  try {
    parsed = JSON.parse(args)
  } catch {
    const r = redactText(args, opts, vault)
    return { text: r.text, count: r.entities.length }
  }
  const found = { n: 0 }
  const redacted = redactJsonValue(parsed, opts, vault, found)
  return found.n ? { text: JSON.stringify(redacted), count: found.n } : { text: args, count: 0 }
}

function reserveAll(messages: readonly ChatMessage[], vault: Vault): void {
  for (const m of messages) {
    if (typeof m.content === 'string') vault.reserve(m.content)
    else if (Array.isArray(m.content))
      for (const p of m.content)
        if (typeof (p as { text?: unknown }).text === 'string') vault.reserve((p as { text: string }).text)
    if (Array.isArray(m.tool_calls))
      for (const c of m.tool_calls)
        if (typeof c?.function?.arguments === 'string') vault.reserve(c.function.arguments)
  }
}

export function redactMessages(
  messages: readonly ChatMessage[],
  opts: DetectOptions,
  vault: Vault = new Vault(),
): { messages: ChatMessage[]; entities: MessageEntity[]; vault: Vault } {
  reserveAll(messages, vault)
  const entities: MessageEntity[] = []
  const out = messages.map((m, message) => {
    let copy: ChatMessage | undefined
    if (typeof m.content === 'string') {
      const r = redactText(m.content, opts, vault)
      if (r.entities.length) {
        copy = { ...m, content: r.text }
        for (const e of r.entities) entities.push({ ...e, message })
      }
    } else if (Array.isArray(m.content)) {
      let changed = false
      const parts = m.content.map((p, part) => {
        const text = (p as { text?: unknown }).text
        if (typeof text !== 'string') return p
        const r = redactText(text, opts, vault)
        if (!r.entities.length) return p
        changed = true
        for (const e of r.entities) entities.push({ ...e, message, part })
        return { ...p, text: r.text }
      })
      if (changed) copy = { ...m, content: parts }
    }
    if (Array.isArray(m.tool_calls)) {
      let changed = false
      const calls = m.tool_calls.map((c, toolCall) => {
        const args = c?.function?.arguments
        if (typeof args !== 'string') return c
        // Offsets are meaningless after re-serialising JSON: report the entities without them.
        const before = vault.size
        const r = redactArguments(args, opts, vault)
        if (!r.count) return c
        changed = true
        for (const [id, entry] of [...vault.entries].slice(before))
          entities.push({ type: entry.type, start: -1, end: -1, placeholder: `<${id}>`, message, toolCall })
        return { ...c, function: { ...c.function, arguments: r.text } }
      })
      if (changed) copy = { ...(copy ?? m), tool_calls: calls }
    }
    return copy ?? m
  })
  return { messages: out, entities, vault }
}

export interface RedactedRequest {
  body: ChatRequest
  vault: Vault
  entities: MessageEntity[]
}

export function redactChatRequest(body: ChatRequest, opts: DetectOptions): RedactedRequest {
  const r = redactMessages(body.messages, opts)
  return {
    body: r.entities.length ? { ...body, messages: r.messages } : body,
    vault: r.vault,
    entities: r.entities,
  }
}

/** `EMAIL=2,PERSON=1`: counts by type for the `x-localrouter-redacted` header. Never values. */
export function countsHeader(vault: Vault): string {
  return Object.entries(vault.counts())
    .map(([t, n]) => `${t}=${n}`)
    .join(',')
}
