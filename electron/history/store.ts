/**
 * The conversation store kept by the main process: one JSON file per conversation under
 * `<app data>/history/`, written crash-safe (temp file, fsync, rename, fsync of the folder), so a crash
 * leaves either the old or the new version, never half a file. An in-memory index (summaries and
 * lower-cased text) answers list and search without touching the disk. No native module.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { GatewayError } from '../../shared/errors'
import {
  type Conversation,
  ConversationSchema,
  type ConversationSummary,
  type SearchHit,
} from '../../shared/history'
import { writeAtomic } from '../fs/atomic'
import { type Logger, silentLogger } from '../log'

interface Indexed {
  summary: ConversationSummary
  /** Title and every message, lower-cased, for search. */
  text: string
  /** The same text as written (snippets keep the user's case). */
  raw: string
}

const FILE = /^([A-Za-z0-9_-]{1,64})\.json$/

function indexOf(c: Conversation): Indexed {
  const raw = [c.title, ...c.messages.map((m) => m.content)].join('\n')
  return {
    summary: {
      id: c.id,
      title: c.title,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      model: c.model,
      messageCount: c.messages.length,
    },
    raw,
    text: raw.toLowerCase(),
  }
}

function notFound(id: string): GatewayError {
  return new GatewayError(404, `No conversation with id ${id}`, {
    type: 'not_found_error',
    code: 'conversation_not_found',
  })
}

export class HistoryStore {
  private readonly index = new Map<string, Indexed>()
  /** One write at a time per conversation, in order. */
  private readonly queues = new Map<string, Promise<unknown>>()

  private constructor(
    readonly dir: string,
    private readonly log: Logger,
  ) {}

  /** Opens (creating) the folder and indexes every conversation in it. Unreadable files are set aside. */
  static async open(dir: string, logger: Logger = silentLogger): Promise<HistoryStore> {
    const store = new HistoryStore(dir, logger)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const names = await readdir(dir)
    await Promise.all(
      names.map(async (name) => {
        if (name.endsWith('.tmp')) {
          // A write that never reached its rename: the previous version is intact beside it.
          await rm(join(dir, name), { force: true })
          return
        }
        const m = FILE.exec(name)
        if (!m) return
        try {
          const c = ConversationSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8')))
          store.index.set(c.id, indexOf(c))
        } catch (err) {
          logger.warn('history: a conversation file is unreadable; set aside', {
            file: name,
            error: (err as Error).message,
          })
          await rename(join(dir, name), join(dir, `${name}.corrupt`)).catch(() => {})
        }
      }),
    )
    return store
  }

  private path(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound(id)
    return join(this.dir, `${id}.json`)
  }

  private serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve()
    const next = prev.then(work, work)
    const settled = next.catch(() => {})
    this.queues.set(id, settled)
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id)
    })
    return next
  }

  list(): ConversationSummary[] {
    return [...this.index.values()].map((i) => i.summary).sort((a, b) => b.updatedAt - a.updatedAt)
  }

  has(id: string): boolean {
    return this.index.has(id)
  }

  async get(id: string): Promise<Conversation> {
    if (!this.index.has(id)) throw notFound(id)
    const text = await readFile(this.path(id), 'utf8')
    return ConversationSchema.parse(JSON.parse(text))
  }

  async save(conversation: Conversation): Promise<Conversation> {
    const c = ConversationSchema.parse(conversation)
    await this.serial(c.id, () => writeAtomic(this.path(c.id), JSON.stringify(c)))
    this.index.set(c.id, indexOf(c))
    return c
  }

  async rename(id: string, title: string): Promise<void> {
    const c = await this.get(id)
    await this.save({ ...c, title, updatedAt: Date.now() })
  }

  async delete(id: string): Promise<boolean> {
    if (!this.index.has(id)) return false
    await this.serial(id, () => rm(this.path(id), { force: true }))
    this.index.delete(id)
    return true
  }

  /** Case-insensitive substring search over titles and content, newest first. */
  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim().toLowerCase()
    if (!q)
      return this.list()
        .slice(0, limit)
        .map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt, snippet: '' }))
    const hits: SearchHit[] = []
    for (const s of this.list()) {
      const entry = this.index.get(s.id)!
      const at = entry.text.indexOf(q)
      if (at === -1) continue
      const inTitle = at < s.title.length
      hits.push({
        id: s.id,
        title: s.title,
        updatedAt: s.updatedAt,
        snippet: inTitle ? '' : snippet(entry.raw, at, q.length),
      })
      if (hits.length >= limit) break
    }
    return hits
  }
}

function snippet(raw: string, at: number, len: number): string {
  const start = Math.max(0, at - 40)
  const end = Math.min(raw.length, at + len + 60)
  return `${start > 0 ? '…' : ''}${raw.slice(start, end).replace(/\s+/g, ' ').trim()}${end < raw.length ? '…' : ''}`
}

/** Markdown export: the branch on screen, with the answers' models. */
export function toMarkdown(c: Conversation): string {
  const path = activePath(c)
  const lines = [
    `# ${c.title || 'Untitled conversation'}`,
    '',
    `Model: ${c.model}  `,
    `Exported: ${new Date().toISOString()}`,
    '',
  ]
  if (c.systemPrompt) lines.push('## System', '', c.systemPrompt, '')
  for (const m of path) {
    lines.push(m.role === 'user' ? '## You' : `## Assistant${m.model ? ` (${m.model})` : ''}`, '')
    lines.push(m.content || (m.error ? `_Error: ${m.error.message}_` : ''), '')
    if (m.images?.length) lines.push(`_${m.images.length} image(s) attached_`, '')
    const warnings = m.meta?.warnings ?? []
    if (warnings.length)
      lines.push(
        '_What the provider did not do as asked:_',
        '',
        ...warnings.map((w) => `- ${w.param ? `\`${w.param}\`: ` : ''}${w.message}`),
        '',
      )
  }
  return lines.join('\n')
}

export function activePath(c: Conversation): Conversation['messages'] {
  const byId = new Map(c.messages.map((m) => [m.id, m]))
  const out: Conversation['messages'] = []
  let cur = c.currentLeafId ? byId.get(c.currentLeafId) : undefined
  const seen = new Set<string>()
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id)
    out.push(cur)
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return out.reverse()
}
