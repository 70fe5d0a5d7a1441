/** One streamed chat completion against the local endpoint, with timing and usage for the footer. */
import type { MessageError, MessageWarning, RedactionMode } from '../../../shared/history'
import type { ChatContentPart, ChatMessage, Usage } from '../../../shared/openai'
import { mergeReasoningDetails } from '../../../shared/reasoning'
import { parseChunk, type ReasoningDetail, SseParser } from './streaming'
import { parseWarningsHeader, WarningList } from './warnings'

export interface ChatCall {
  baseUrl: string
  token: string
  model: string
  messages: ChatMessage[]
  params: { temperature?: number; max_tokens?: number; reasoning_effort?: string }
  redaction: RedactionMode
  signal: AbortSignal
  onText(text: string): void
  /** Reasoning / thinking text as it streams (shown apart from the answer). */
  onReasoning?(text: string): void
  /** Injected clock (tests, benchmarks). */
  now?: () => number
}

export interface ChatOutcome {
  status: 'done' | 'stopped' | 'error'
  usage?: Usage
  provider?: string
  redacted: boolean
  /** Time to the first streamed token of any kind (a thought, when the model thinks first). */
  ttftMs?: number
  /** Time to the first token of the answer itself; set only when thinking streamed before it. */
  answerMs?: number
  totalMs: number
  error?: MessageError
  /** Settings the provider did not honour as asked (header) and answer content this chat cannot show (stream). */
  warnings: MessageWarning[]
  /** The last `finish_reason` the stream gave (`stop`, `length`, `content_filter`, ...). */
  finishReason?: string
  /** The reasoning text and the `reasoning_details` (signatures included) the answer came with. */
  reasoning?: string
  reasoningDetails?: ReasoningDetail[]
  /** The answer's images (`delta.images`: OpenRouter's entries with their `index` and `content_offset`). */
  images?: Array<Record<string, unknown>>
}

/** A `retry-after` header in seconds (a number of seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined
  const t = value.trim()
  if (/^\d+(\.\d+)?$/.test(t)) return Math.ceil(Number(t))
  const at = Date.parse(t)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
}

export function toWire(role: 'user' | 'assistant', content: string, images?: string[]): ChatMessage {
  if (!images?.length) return { role, content }
  const parts: ChatContentPart[] = [
    ...(content ? [{ type: 'text' as const, text: content }] : []),
    ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
  ]
  return { role, content: parts }
}

type RawOutcome = Omit<ChatOutcome, 'warnings' | 'finishReason' | 'reasoning' | 'reasoningDetails' | 'images'>

interface StreamState {
  finishReason?: string
  reasoning: string
  reasoningDetails: ReasoningDetail[]
  images: Array<Record<string, unknown>>
}

export async function streamChat(call: ChatCall): Promise<ChatOutcome> {
  const warnings = new WarningList()
  const st: StreamState = { reasoning: '', reasoningDetails: [], images: [] }
  const outcome = await streamChatRaw(call, warnings, st)
  return {
    ...outcome,
    warnings: warnings.items,
    ...(st.finishReason ? { finishReason: st.finishReason } : {}),
    ...(st.reasoning ? { reasoning: st.reasoning } : {}),
    ...(st.reasoningDetails.length ? { reasoningDetails: st.reasoningDetails } : {}),
    ...(st.images.length ? { images: st.images } : {}),
  }
}

async function streamChatRaw(call: ChatCall, warnings: WarningList, st: StreamState): Promise<RawOutcome> {
  const now = call.now ?? (() => performance.now())
  const start = now()
  let ttftMs: number | undefined
  let answerMs: number | undefined
  let thoughtFirst = false
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${call.token}`,
  }
  // Always explicit: what the privacy chip shows is what the gateway applies.
  headers['x-localrouter-redact'] = call.redaction
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
  warnings.add(parseWarningsHeader(res.headers.get('x-localrouter-warnings')))
  if (!res.ok || !res.body) {
    const retryAfter = retryAfterSeconds(res.headers.get('retry-after'))
    const parsed = (await res.json().catch(() => null)) as {
      error?: MessageError & { provider?: string }
    } | null
    return {
      status: 'error',
      provider: provider ?? parsed?.error?.provider,
      redacted,
      totalMs: now() - start,
      error: {
        message: parsed?.error?.message ?? `HTTP ${res.status}`,
        code: parsed?.error?.code ?? null,
        type: parsed?.error?.type ?? 'api_error',
        status: res.status,
        ...(retryAfter !== undefined ? { retryAfterSec: retryAfter } : {}),
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
        if (ev.warnings) warnings.add(ev.warnings)
        if (ev.error)
          return {
            status: 'error',
            provider,
            redacted,
            usage,
            ttftMs,
            answerMs,
            totalMs: now() - start,
            error: { ...ev.error, status: 502 },
          }
        if (ev.reasoningDetails) mergeReasoningDetails(st.reasoningDetails, ev.reasoningDetails)
        if (ev.images) st.images.push(...ev.images)
        if (ev.reasoning) {
          // The first token the reader sees is the first thought, when the model thinks first.
          if (ttftMs === undefined) {
            ttftMs = now() - start
            thoughtFirst = true
          }
          st.reasoning += ev.reasoning
          call.onReasoning?.(ev.reasoning)
        }
        if (ev.text) {
          ttftMs ??= now() - start
          // When the model thought first, also when the answer a reader waits for began.
          if (thoughtFirst) answerMs ??= now() - start
          call.onText(ev.text)
        }
        if (ev.finish) st.finishReason = ev.finish
        if (ev.usage) usage = ev.usage
      }
    }
  } catch (err) {
    if (call.signal.aborted)
      return { status: 'stopped', provider, redacted, usage, ttftMs, answerMs, totalMs: now() - start }
    return {
      status: 'error',
      provider,
      redacted,
      ttftMs,
      answerMs,
      totalMs: now() - start,
      error: {
        message: `The answer stopped halfway: ${(err as Error).message}`,
        code: 'upstream_connection_reset',
        type: 'upstream_error',
      },
    }
  }
  return { status: 'done', provider, redacted, usage, ttftMs, answerMs, totalMs: now() - start }
}

/** Errors raised on this machine before anything was sent to the provider. */
const NOT_SENT = new Set([
  'missing_api_key',
  'invalid_redact_header',
  'dialect_not_supported',
  'unknown_provider',
  'offline',
  'upstream_unreachable',
  'shutting_down',
  'invalid_request',
])

/**
 * Whether the prompt (possibly) reached the provider: what the "sent to" list records. Errors that
 * happen here first (redaction refused or failed, no key, provider unreachable) did not leave; any
 * other provider error did, so it is listed (over-reporting is the safe side).
 */
export function reachedProvider(o: Pick<ChatOutcome, 'status' | 'provider' | 'error'>): boolean {
  if (!o.provider) return false
  if (o.status !== 'error') return true
  const e = o.error
  return !(e && (e.type === 'redaction_error' || (e.code !== null && NOT_SENT.has(e.code))))
}
