/**
 * Streaming pieces, pure: an SSE parser over text chunks and a buffer that collects deltas and
 * flushes them at most once per frame (the scheduler is injected so tests drive it by hand).
 */
import type { MessageWarning } from '../../../shared/history'
import type { ChatCompletionChunk, Usage } from '../../../shared/openai'
import { parseChunkWarnings } from './warnings'

/** Splits an SSE byte stream (as text) into `data:` payloads; keeps partial events between pushes. */
export class SseParser {
  private buf = ''

  push(text: string): string[] {
    this.buf += text
    const out: string[] = []
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buf)
      if (!m) break
      const block = this.buf.slice(0, m.index)
      this.buf = this.buf.slice(m.index + m[0].length)
      const data = block
        .split(/\r?\n/)
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n')
      if (data) out.push(data)
    }
    return out
  }
}

/** One entry of the gateway's `reasoning_details` (OpenRouter's shape), kept as sent. */
export type ReasoningDetail = Record<string, unknown>

export interface StreamEvent {
  text: string
  /** Reasoning / thinking text on this chunk (`delta.reasoning`). */
  reasoning?: string
  /** `delta.reasoning_details` on this chunk (thinking with its signature, encrypted blocks, thought signatures). */
  reasoningDetails?: ReasoningDetail[]
  /** `delta.images` on this chunk: images of the answer (OpenRouter's entries, with where each stood), as sent. */
  images?: Array<Record<string, unknown>>
  usage?: Usage
  finish?: string
  error?: { message: string; type: string; code: string | null }
  model?: string
  /** `localrouter_warnings` on this chunk: answer content kept only in a vendor field. */
  warnings?: MessageWarning[]
}

/** One SSE payload to what the UI needs ([DONE] is null). */
export function parseChunk(data: string): StreamEvent | null {
  if (data === '[DONE]') return null
  let v: unknown
  try {
    v = JSON.parse(data)
  } catch {
    return {
      text: '',
      error: { message: 'The answer stream was garbled.', type: 'upstream_error', code: 'bad_stream' },
    }
  }
  if (!v || typeof v !== 'object') return null
  const obj = v as Partial<ChatCompletionChunk> & { error?: StreamEvent['error'] }
  if (obj.error) return { text: '', error: obj.error }
  const choice = obj.choices?.[0]
  const ev: StreamEvent = { text: typeof choice?.delta?.content === 'string' ? choice.delta.content : '' }
  const delta = choice?.delta
  if (typeof delta?.reasoning === 'string' && delta.reasoning) ev.reasoning = delta.reasoning
  if (Array.isArray(delta?.reasoning_details)) {
    const details = (delta.reasoning_details as unknown[]).filter(
      (d): d is ReasoningDetail => typeof d === 'object' && d !== null && !Array.isArray(d),
    )
    if (details.length) ev.reasoningDetails = details
  }
  if (Array.isArray(delta?.images)) {
    const images = (delta.images as unknown[]).filter(
      (d): d is Record<string, unknown> => typeof d === 'object' && d !== null && !Array.isArray(d),
    )
    if (images.length) ev.images = images
  }
  if (obj.usage) ev.usage = obj.usage
  if (choice?.finish_reason) ev.finish = choice.finish_reason
  if (obj.model) ev.model = obj.model
  const warnings = parseChunkWarnings(obj.localrouter_warnings)
  if (warnings.length) ev.warnings = warnings
  return ev
}

export type Schedule = (cb: () => void) => unknown

/**
 * Collects text per key and calls `flush` with everything new at most once per scheduled frame.
 * Tokens arriving at 100/s then cost about 60 renders a second, not 100, and bursts cost one.
 */
export class StreamBuffer {
  private pending = new Map<string, string>()
  private scheduled = false

  constructor(
    private readonly flush: (updates: Map<string, string>) => void,
    private readonly schedule: Schedule = (cb) => requestAnimationFrame(() => cb()),
  ) {}

  push(key: string, text: string): void {
    if (!text) return
    this.pending.set(key, (this.pending.get(key) ?? '') + text)
    if (this.scheduled) return
    this.scheduled = true
    this.schedule(() => this.run())
  }

  /** Delivers whatever is pending now (at the end of a stream). */
  drain(): void {
    this.run()
  }

  private run(): void {
    this.scheduled = false
    if (!this.pending.size) return
    const updates = this.pending
    this.pending = new Map()
    this.flush(updates)
  }
}

/**
 * Splits markdown into top-level blocks (paragraphs, lists, fenced code) so finished blocks can be
 * memoised and only the last, growing block re-renders. A fence stays one block until it closes.
 */
export function splitBlocks(md: string): string[] {
  const lines = md.split('\n')
  const blocks: string[] = []
  let cur: string[] = []
  let fence: string | null = null
  const push = () => {
    if (cur.length) blocks.push(cur.join('\n'))
    cur = []
  }
  for (const line of lines) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      cur.push(line)
      if (f && f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length && line.trim() === f[1]) {
        fence = null
        push()
      }
      continue
    }
    if (f) {
      push()
      fence = f[1]!
      cur.push(line)
      continue
    }
    if (line.trim() === '') {
      // A blank line ends a block, except inside a list (loose lists keep together).
      const inList = cur.length > 0 && /^\s*([-*+]|\d+[.)])\s/.test(cur[0]!)
      if (!inList) push()
      else cur.push(line)
      continue
    }
    if (
      cur.length &&
      /^\s*([-*+]|\d+[.)])\s/.test(cur[0]!) &&
      cur[cur.length - 1]!.trim() === '' &&
      !/^\s/.test(line) &&
      !/^\s*([-*+]|\d+[.)])\s/.test(line)
    )
      push()
    cur.push(line)
  }
  push()
  return blocks
}

/** True when the last block is still open (an unclosed code fence), so it is not highlighted yet. */
export function isOpenFence(block: string): boolean {
  const first = /^\s{0,3}(`{3,}|~{3,})/.exec(block)
  if (!first) return false
  const lines = block.split('\n')
  if (lines.length < 2) return true
  const last = lines[lines.length - 1]!.trim()
  return !(last.startsWith(first[1]!) && /^(`{3,}|~{3,})$/.test(last))
}
