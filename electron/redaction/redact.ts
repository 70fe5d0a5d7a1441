/**
 * Replaces sensitive values with placeholders: in one text, and in a whole chat request (every
 * message's text content and the arguments of earlier tool calls, in message order so numbering is
 * stable across turns; then every other string the request carries, see `redactFields`). The input is
 * never mutated.
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

/**
 * Keys whose string values are protocol, not text (ids, enums of the API, base64 payloads): never
 * scanned. Every other string a request carries is redacted, so a field nobody listed cannot leak.
 */
const PROTOCOL_KEYS = new Set([
  'model',
  'role',
  'type',
  'id',
  'tool_call_id',
  'detail',
  'format',
  'data',
  'file_data',
  'file_id',
  'encoding_format',
  'reasoning_effort',
  'service_tier',
  // Thought signatures: opaque, and checked by the provider against the text they sign.
  'signature',
  'thought_signature',
  'thoughtSignature',
  'textSignature',
])

/**
 * Redacts the string leaves of any request field (tool definitions and their JSON schemas, response
 * format, prediction, metadata, user, stop, `name`, image URLs, ...), keys untouched. Left as they are:
 * protocol keys, tool names (`function.name`: identifiers the answer must echo), `data:` URLs (base64).
 * `arguments` strings are JSON and are redacted inside. Returns the same object when nothing changed.
 */
export function redactFields(
  value: unknown,
  opts: DetectOptions,
  vault: Vault,
  found: { n: number },
  key = '',
  parent = '',
): unknown {
  if (typeof value === 'string') {
    if (!value || PROTOCOL_KEYS.has(key) || value.startsWith('data:')) return value
    if (key === 'name' && (parent === 'function' || parent === 'custom')) return value
    if (key === 'arguments') {
      const r = redactArguments(value, opts, vault)
      found.n += r.count
      return r.text
    }
    const r = redactText(value, opts, vault)
    found.n += r.entities.length
    return r.text
  }
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((v) => {
      const r = redactFields(v, opts, vault, found, key, parent)
      if (r !== v) changed = true
      return r
    })
    return changed ? out : value
  }
  if (value && typeof value === 'object') {
    let out: Record<string, unknown> | undefined
    for (const [k, v] of Object.entries(value)) {
      const r = redactFields(v, opts, vault, found, k, key)
      if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r
    }
    return out ?? value
  }
  return value
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

/** Values first seen after `before` (for fields whose offsets mean nothing after re-serialising). */
function newEntities(vault: Vault, before: number): Entity[] {
  return [...vault.entries]
    .slice(before)
    .map(([id, entry]) => ({ type: entry.type, start: -1, end: -1, placeholder: `<${id}>` }))
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
        // The part's other fields (a refusal, an image URL with a query string, ...).
        const before = vault.size
        const found = { n: 0 }
        let out = p
        for (const [k, v] of Object.entries(p as object)) {
          if (k === 'text' && typeof text === 'string') continue
          const r = redactFields(v, opts, vault, found, k, 'part')
          if (r !== v) out = { ...out, [k]: r } as typeof p
        }
        if (found.n) {
          changed = true
          for (const e of newEntities(vault, before)) entities.push({ ...e, message, part })
        }
        if (typeof text !== 'string') return out
        const r = redactText(text, opts, vault)
        if (!r.entities.length) return out
        changed = true
        for (const e of r.entities) entities.push({ ...e, message, part })
        return { ...out, text: r.text }
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
        for (const e of newEntities(vault, before)) entities.push({ ...e, message, toolCall })
        return { ...c, function: { ...c.function, arguments: r.text } }
      })
      if (changed) copy = { ...(copy ?? m), tool_calls: calls }
    }
    // Everything else the message carries (`name`, a legacy `function_call`, `reasoning_content`, ...).
    const before = vault.size
    const found = { n: 0 }
    for (const [k, v] of Object.entries(m)) {
      if (k === 'content' || k === 'tool_calls' || k === 'role' || k === 'tool_call_id') continue
      const r = redactFields(v, opts, vault, found, k, 'message')
      if (r !== v) copy = { ...(copy ?? m), [k]: r } as ChatMessage
    }
    if (found.n) for (const e of newEntities(vault, before)) entities.push({ ...e, message })
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
  let out: ChatRequest = r.entities.length ? { ...body, messages: r.messages } : body
  // Every other field: tools, response_format, prediction, metadata, user, stop, ...
  const found = { n: 0 }
  for (const [k, v] of Object.entries(body)) {
    if (k === 'messages') continue
    const red = redactFields(v, opts, r.vault, found, k)
    if (red !== v) out = { ...out, [k]: red }
  }
  return { body: out, vault: r.vault, entities: r.entities }
}

/** `EMAIL=2,PERSON=1`: counts by type for the `x-localrouter-redacted` header. Never values. */
export function countsHeader(vault: Vault): string {
  return Object.entries(vault.counts())
    .map(([t, n]) => `${t}=${n}`)
    .join(',')
}
