/** One streamed chat completion against the local endpoint, with timing and usage for the footer. */
import type { MessageError, RedactionMode } from '../../../shared/history'
import type { ChatContentPart, ChatMessage, Usage } from '../../../shared/openai'
import { parseChunk, SseParser } from './streaming'

export interface ChatCall {
  baseUrl: string
  token: string
  model: string
  messages: ChatMessage[]
  params: { temperature?: number; max_tokens?: number; reasoning_effort?: string }
  redaction: RedactionMode
  signal: AbortSignal
  onText(text: string): void
  /** Injected clock (tests, benchmarks). */
  now?: () => number
}

export interface ChatOutcome {
  status: 'done' | 'stopped' | 'error'
  usage?: Usage
  provider?: string
  redacted: boolean
  ttftMs?: number
  totalMs: number
  error?: MessageError
}

export function toWire(role: 'user' | 'assistant', content: string, images?: string[]): ChatMessage {
  if (!images?.length) return { role, content }
  const parts: ChatContentPart[] = [
    ...(content ? [{ type: 'text' as const, text: content }] : []),
    ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
  ]
  return { role, content: parts }
}

export async function streamChat(call: ChatCall): Promise<ChatOutcome> {
  const now = call.now ?? (() => performance.now())
  const start = now()
  let ttftMs: number | undefined
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${call.token}`,
  }
  if (call.redaction !== 'off') headers['x-localrouter-redact'] = call.redaction
  const body = {
    model: call.model,
    messages: call.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...Object.fromEntries(Object.entries(call.params).filter(([, v]) => v !== undefined)),
  }
  let res: Response
  try {
    res = await fetch(`${call.baseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: call.signal,
    })
  } catch (err) {
    if (call.signal.aborted) return { status: 'stopped', redacted: false, totalMs: now() - start }
    return {
      status: 'error',
      redacted: false,
      totalMs: now() - start,
      error: { message: (err as Error).message, code: 'offline', type: 'network_error' },
    }
  }
  const provider = res.headers.get('x-localrouter-provider') ?? undefined
  const redacted = Boolean(res.headers.get('x-localrouter-redacted'))
  if (!res.ok || !res.body) {
    const parsed = (await res.json().catch(() => null)) as { error?: MessageError } | null
    return {
      status: 'error',
      provider,
      redacted,
      totalMs: now() - start,
      error: {
        message: parsed?.error?.message ?? `HTTP ${res.status}`,
        code: parsed?.error?.code ?? null,
        type: parsed?.error?.type ?? 'api_error',
        status: res.status,
      },
    }
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  const parser = new SseParser()
  let usage: Usage | undefined
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      for (const data of parser.push(value)) {
        const ev = parseChunk(data)
        if (!ev) continue
        if (ev.error)
          return {
            status: 'error',
            provider,
            redacted,
            usage,
            ttftMs,
            totalMs: now() - start,
            error: { ...ev.error, status: 502 },
          }
        if (ev.text) {
          ttftMs ??= now() - start
          call.onText(ev.text)
        }
        if (ev.usage) usage = ev.usage
      }
    }
  } catch (err) {
    if (call.signal.aborted)
      return { status: 'stopped', provider, redacted, usage, ttftMs, totalMs: now() - start }
    return {
      status: 'error',
      provider,
      redacted,
      ttftMs,
      totalMs: now() - start,
      error: {
        message: `The answer stopped halfway: ${(err as Error).message}`,
        code: 'upstream_connection_reset',
        type: 'upstream_error',
      },
    }
  }
  return { status: 'done', provider, redacted, usage, ttftMs, totalMs: now() - start }
}

/** What POST /v1/redact reports, read tolerantly (the redaction service owns its exact shape). */
export interface RedactPreview {
  available: boolean
  /** Segments of the outgoing text: plain, or a redacted span with its placeholder. */
  messages: Array<{ role: string; segments: Array<{ text: string; placeholder?: string; kind?: string }> }>
  message?: string
}

interface SpanLike {
  start?: number
  end?: number
  placeholder?: string
  type?: string
  kind?: string
  label?: string
}

function segmentsOf(original: string, redacted: string | undefined, spans: SpanLike[] | undefined) {
  if (spans?.length && spans.every((s) => typeof s.start === 'number' && typeof s.end === 'number')) {
    const out: RedactPreview['messages'][number]['segments'] = []
    let at = 0
    for (const s of [...spans].sort((a, b) => a.start! - b.start!)) {
      if (s.start! > at) out.push({ text: original.slice(at, s.start) })
      out.push({
        text: original.slice(s.start, s.end),
        placeholder: s.placeholder ?? '[redacted]',
        kind: s.type ?? s.kind ?? s.label,
      })
      at = s.end!
    }
    if (at < original.length) out.push({ text: original.slice(at) })
    return out
  }
  const text = redacted ?? original
  // Without spans: highlight placeholders of the usual forms in the redacted text.
  const out: RedactPreview['messages'][number]['segments'] = []
  const re = /\[[A-Z][A-Z_]*(?:_\d+)?\]|<[A-Z][A-Z_]*(?:_\d+)?>|\{\{[A-Z_0-9]+\}\}/g
  let at = 0
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) })
    out.push({ text: m[0], placeholder: m[0] })
    at = m.index + m[0].length
  }
  if (at < text.length) out.push({ text: text.slice(at) })
  return out
}

export async function previewRedaction(
  baseUrl: string,
  token: string,
  mode: RedactionMode,
  messages: Array<{ role: string; content: string }>,
): Promise<RedactPreview> {
  let res: Response
  try {
    res = await fetch(`${baseUrl}/redact`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-localrouter-redact': mode,
      },
      body: JSON.stringify({ messages, mode }),
    })
  } catch (err) {
    return {
      available: false,
      messages: [],
      message: `LocalRouter is not reachable: ${(err as Error).message}`,
    }
  }
  if (res.status === 404 || res.status === 405)
    return {
      available: false,
      messages: [],
      message:
        'This LocalRouter build has no redaction service (POST /v1/redact is missing), so no preview can be shown. With redaction on, sending fails closed: nothing leaves the machine.',
    }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (!res.ok) {
    const err = (body?.error as { message?: string } | undefined)?.message
    return {
      available: false,
      messages: [],
      message: err ?? `The redaction preview failed (HTTP ${res.status}).`,
    }
  }
  const outMsgs = (Array.isArray(body?.messages) ? body.messages : []) as Array<Record<string, unknown>>
  const result: RedactPreview = { available: true, messages: [] }
  messages.forEach((m, i) => {
    const r = outMsgs[i]
    const redacted =
      typeof r?.content === 'string'
        ? r.content
        : typeof body?.text === 'string' && i === messages.length - 1
          ? (body.text as string)
          : undefined
    const spans = (r?.spans ??
      r?.entities ??
      (i === messages.length - 1 ? (body?.spans ?? body?.entities) : undefined)) as SpanLike[] | undefined
    result.messages.push({ role: m.role, segments: segmentsOf(m.content, redacted, spans) })
  })
  return result
}
