/**
 * The privacy preview: what `POST /v1/redact` says will leave the machine, turned into segments the
 * UI can highlight (plain text, or a redacted span with its placeholder), plus the kinds found.
 * Pure except for `previewOutgoing`, which makes the one request.
 */
import { countEntities } from '../../../shared/entities'
import type { ChatMessage } from '../../../shared/openai'
import { type RedactMessageEntity, RedactMessagesResponseSchema } from '../../../shared/redact'

export interface Segment {
  /** The original text of this piece (shown on this machine only). */
  text: string
  /** Set for a redacted span: what the provider sees instead. */
  placeholder?: string
  /** The entity type (EMAIL, PHONE, ...) of a redacted span. */
  kind?: string
  /** An attachment that is sent as it is (images are not inspected). */
  attachment?: boolean
}

export interface RedactPreview {
  available: boolean
  messages: Array<{ role: string; segments: Segment[] }>
  /** Distinct values found, per type. */
  found: Record<string, number>
  /** Why there is no preview. */
  message?: string
}

/** Splits one original text at the entities' offsets. Entities out of range are ignored. */
export function segmentsOf(
  original: string,
  entities: ReadonlyArray<{ start: number; end: number; placeholder: string; type: string }>,
): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at || e.end <= e.start || e.end > original.length) continue
    if (e.start > at) out.push({ text: original.slice(at, e.start) })
    out.push({ text: original.slice(e.start, e.end), placeholder: e.placeholder, kind: e.type })
    at = e.end
  }
  if (at < original.length || !out.length) out.push({ text: original.slice(at) })
  return out
}

/** The segments of each outgoing message, from the entities /v1/redact reported for it. */
export function messageSegments(
  messages: ChatMessage[],
  entities: RedactMessageEntity[],
): RedactPreview['messages'] {
  return messages.map((m, i) => {
    const mine = entities.filter((e) => e.message === i && e.toolCall === undefined)
    if (typeof m.content === 'string')
      return {
        role: m.role,
        segments: segmentsOf(
          m.content,
          mine.filter((e) => e.part === undefined),
        ),
      }
    const segments: Segment[] = []
    ;(Array.isArray(m.content) ? m.content : []).forEach((p, j) => {
      if (segments.length) segments.push({ text: '\n' })
      const t = (p as { text?: unknown }).text
      if (typeof t === 'string')
        segments.push(
          ...segmentsOf(
            t,
            mine.filter((e) => e.part === j),
          ),
        )
      else segments.push({ text: '[image attachment, sent as it is]', attachment: true })
    })
    return { role: m.role, segments }
  })
}

/** Distinct placeholders per type: `{ EMAIL: 1, PHONE: 2 }`. */
export function countFound(
  entities: ReadonlyArray<{ type: string; placeholder: string }>,
): Record<string, number> {
  const seen = new Map<string, Set<string>>()
  for (const e of entities) {
    const set = seen.get(e.type) ?? new Set<string>()
    set.add(e.placeholder)
    seen.set(e.type, set)
  }
  return Object.fromEntries([...seen].map(([t, s]) => [t, s.size]))
}

/** "1 email address and 2 phone numbers". */
export function describeFound(found: Record<string, number>): string {
  const parts = Object.entries(found).map(([t, n]) => countEntities(t, n))
  if (parts.length < 2) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/** Asks the local endpoint what these messages become with redaction on. Never throws. */
export async function previewOutgoing(
  baseUrl: string,
  token: string,
  messages: ChatMessage[],
): Promise<RedactPreview> {
  const none = (message: string): RedactPreview => ({ available: false, messages: [], found: {}, message })
  let res: Response
  try {
    res = await fetch(`${baseUrl}/redact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ messages }),
    })
  } catch (err) {
    return none(`LocalRouter is not reachable: ${(err as Error).message}`)
  }
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const msg = (body as { error?: { message?: string } } | null)?.error?.message
    return none(
      `${msg ?? `The redaction preview failed (HTTP ${res.status}).`} With redaction on, sending fails closed: nothing leaves the machine.`,
    )
  }
  const parsed = RedactMessagesResponseSchema.safeParse(body)
  if (!parsed.success)
    return none('The redaction service answered in an unexpected form, so no preview can be shown.')
  return {
    available: true,
    messages: messageSegments(messages, parsed.data.entities),
    found: countFound(parsed.data.entities),
  }
}
