/**
 * Conversation tree operations, pure: messages link to their parent, the screen shows one path from
 * the root to `currentLeafId`, and regenerate / edit add siblings so nothing is lost.
 */
import type { Conversation, Message } from '../../../shared/history'

export interface TreeIndex {
  byId: Map<string, Message>
  /** Children in creation order; the key '' holds the roots. */
  children: Map<string, Message[]>
}

const cache = new WeakMap<Message[], TreeIndex>()

/** Built once per messages array (memoised), so 10,000 messages cost one pass. */
export function indexTree(messages: Message[]): TreeIndex {
  const hit = cache.get(messages)
  if (hit) return hit
  const byId = new Map<string, Message>()
  const children = new Map<string, Message[]>()
  for (const m of messages) {
    byId.set(m.id, m)
    const key = m.parentId ?? ''
    let list = children.get(key)
    if (!list) children.set(key, (list = []))
    list.push(m)
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt - b.createdAt)
  const index = { byId, children }
  cache.set(messages, index)
  return index
}

/** The messages from the root to `leafId`, in order. */
export function pathTo(messages: Message[], leafId: string | null): Message[] {
  if (!leafId) return []
  const { byId } = indexTree(messages)
  const out: Message[] = []
  const seen = new Set<string>()
  let cur = byId.get(leafId)
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id)
    out.push(cur)
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return out.reverse()
}

/** Follows the newest child down from `id` to a leaf. */
export function latestLeaf(messages: Message[], id: string): string {
  const { children } = indexTree(messages)
  let cur = id
  for (;;) {
    const kids = children.get(cur)
    if (!kids?.length) return cur
    cur = kids[kids.length - 1]!.id
  }
}

export interface Siblings {
  index: number
  count: number
  ids: string[]
}

export function siblingsOf(messages: Message[], id: string): Siblings {
  const { byId, children } = indexTree(messages)
  const m = byId.get(id)
  if (!m) return { index: 0, count: 0, ids: [] }
  const ids = (children.get(m.parentId ?? '') ?? []).map((s) => s.id)
  return { index: ids.indexOf(id), count: ids.length, ids }
}

/** The leaf to show after moving from message `id` to its previous (-1) or next (+1) sibling. */
export function switchBranch(messages: Message[], id: string, step: -1 | 1): string | null {
  const s = siblingsOf(messages, id)
  const next = s.ids[s.index + step]
  return next ? latestLeaf(messages, next) : null
}

export function addMessage(c: Conversation, m: Message): Conversation {
  return { ...c, messages: [...c.messages, m], currentLeafId: m.id, updatedAt: Date.now() }
}

export function updateMessage(c: Conversation, id: string, patch: Partial<Message>): Conversation {
  const i = c.messages.findIndex((m) => m.id === id)
  if (i === -1) return c
  const messages = c.messages.slice()
  messages[i] = { ...messages[i]!, ...patch }
  return { ...c, messages }
}

/** The title a new conversation gets from its first message. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (!line) return 'New chat'
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line
}

export function newId(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 20)
}
