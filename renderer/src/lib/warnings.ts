/**
 * What the provider did not do as asked, for the answer's footer. Two sources, both from the gateway:
 *
 * - the `x-localrouter-warnings` response header: a JSON list `[{"code","param","message"}]` of request
 *   settings the provider cannot honour (mapped, clamped or not sent). Its messages already name the
 *   model and what was done, so they are shown as they are.
 * - `localrouter_warnings` on stream chunks: `[{"code":"unmapped_content","type","message"}]`, answer
 *   content kept only in a vendor field (citations, server tool blocks, a paused turn). Those messages
 *   speak of wire fields, so they are reworded for someone reading the chat.
 *
 * Pure and forgiving: a missing, garbled or oddly shaped value gives no warnings, never an exception.
 */
import type { MessageWarning } from '../../../shared/history'

/** Enough for any real answer; a runaway list does not bloat the history. */
const MAX_WARNINGS = 20
const MAX_TEXT = 600

function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  if (!t) return undefined
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t
}

/** The `x-localrouter-warnings` header (absent, empty or not the expected JSON: none). */
export function parseWarningsHeader(value: string | null | undefined): MessageWarning[] {
  if (!value) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  const out: MessageWarning[] = []
  for (const item of parsed) {
    if (!item || typeof item !== 'object') continue
    const w = item as Record<string, unknown>
    const message = text(w.message)
    if (!message) continue
    const param = text(w.param)
    out.push({ kind: 'setting', code: text(w.code) ?? 'warning', ...(param ? { param } : {}), message })
  }
  return out.slice(0, MAX_WARNINGS)
}

/** `localrouter_warnings` from one stream chunk or completion (anything else: none). */
export function parseChunkWarnings(value: unknown): MessageWarning[] {
  if (!Array.isArray(value)) return []
  const out: MessageWarning[] = []
  for (const item of value) {
    if (!item || typeof item !== 'object') continue
    const w = item as Record<string, unknown>
    const detail = text(w.message)
    const type = text(w.type)
    if (!detail && !type) continue
    out.push({
      kind: 'answer',
      code: text(w.code) ?? 'unmapped_content',
      ...(type ? { type } : {}),
      message: plainAnswerWarning(type, detail),
      ...(detail ? { detail } : {}),
    })
  }
  return out.slice(0, MAX_WARNINGS)
}

const CITATIONS = new Set([
  'char_location',
  'page_location',
  'content_block_location',
  'search_result_location',
  'web_search_result_location',
  'citation',
  'groundingMetadata',
  'citationMetadata',
  'groundingAttributions',
  'urlContextMetadata',
])
const SAFETY = new Set(['safetyRatings', 'finishMessage', 'promptFeedback'])

/** "web_search_tool_result" -> "web search tool result". */
function words(type: string): string {
  return type
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
}

/**
 * One `localrouter_warnings` entry in words a chat user can act on: what the answer had that this chat
 * does not show. `detail` is the gateway's message (it names the provider first).
 */
export function plainAnswerWarning(type: string | undefined, detail: string | undefined): string {
  const who = /^(Anthropic|Gemini)\b/.exec(detail ?? '')?.[1] ?? 'The provider'
  if (type === 'stop_reason')
    return `${who} paused a long-running turn: this answer is not finished, and this chat cannot continue it as it is.`
  if (type === 'finishReason') {
    const reason = /finishReason ([A-Z_]+)/.exec(detail ?? '')?.[1]
    return `${who} ended the answer for a reason this chat has no name for${reason ? ` (${reason})` : ''}.`
  }
  const types = (type ?? '').split(/,\s*/).filter(Boolean)
  if (types.length && types.every((t) => CITATIONS.has(t)))
    return `${who} sent source citations with this answer that this chat does not show.`
  if (types.length && types.every((t) => SAFETY.has(t)))
    return `${who} sent safety details with this answer that this chat does not show.`
  if (types.length && types.every((t) => t === 'server_tool_use'))
    return `${who} ran one of its own tools (such as web search) for this answer; this chat does not show that step.`
  if (types.length && types.every((t) => t.endsWith('_tool_result')))
    return `The answer included ${types.map((t) => words(t.replace(/_tool_result$/, '_results'))).join(', ')} this chat does not show.`
  if (types.length)
    return `The answer included ${types.map(words).join(', ')} content this chat does not show.`
  return detail ?? 'The answer included content this chat does not show.'
}

/** Collects warnings across a stream, each once. */
export class WarningList {
  private readonly seen = new Set<string>()
  readonly items: MessageWarning[] = []

  add(list: readonly MessageWarning[]): void {
    for (const w of list) {
      if (this.items.length >= MAX_WARNINGS) return
      const key = [w.kind, w.code, w.param, w.type, w.message].join('\u0000')
      if (this.seen.has(key)) continue
      this.seen.add(key)
      this.items.push(w)
    }
  }
}

/** The footer marker's words: "2 settings adjusted", "1 note on the answer", or both. */
export function warningsLabel(list: readonly MessageWarning[]): string {
  const settings = list.filter((w) => w.kind === 'setting').length
  const notes = list.length - settings
  const parts: string[] = []
  if (settings) parts.push(`${settings} setting${settings === 1 ? '' : 's'} adjusted`)
  if (notes) parts.push(`${notes} note${notes === 1 ? '' : 's'} on the answer`)
  return parts.join(' · ')
}
