import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { SearchHit } from '../../../shared/history'
import { dayGroup } from '../lib/format'
import { useApp } from '../store/app'
import { usePrefs } from '../store/prefs'

type Row = { kind: 'head'; label: string } | { kind: 'item'; id: string; title: string; snippet: string }

function download(filename: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function Item({ id, title, snippet }: { id: string; title: string; snippet: string }) {
  const currentId = useApp((s) => s.current.id)
  const open = useApp((s) => s.open)
  const rename = useApp((s) => s.rename)
  const remove = useApp((s) => s.remove)
  const bridge = useApp((s) => s.bridge)
  const [editing, setEditing] = useState(false)
  const [menu, setMenu] = useState(false)
  const [draft, setDraft] = useState(title)
  const exp = async (format: 'markdown' | 'json') => {
    setMenu(false)
    const r = await bridge?.invoke('conversations.export', { id, format })
    if (r) download(r.filename, r.mimeType, r.content)
  }
  if (editing)
    return (
      <form
        className="conv editing"
        onSubmit={(e) => {
          e.preventDefault()
          setEditing(false)
          if (draft.trim() && draft !== title) void rename(id, draft.trim())
        }}
      >
        <input
          aria-label="Conversation title"
          value={draft}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => e.currentTarget.form?.requestSubmit()}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        />
      </form>
    )
  return (
    <div className={`conv${id === currentId ? ' current' : ''}`}>
      <button
        type="button"
        className="conv-open"
        aria-current={id === currentId ? 'true' : undefined}
        onClick={() => void open(id)}
      >
        <span className="conv-title">{title}</span>
        {snippet && <span className="conv-snippet muted small">{snippet}</span>}
      </button>
      <button
        type="button"
        className="ghost small conv-more"
        aria-label={`Actions for ${title}`}
        aria-expanded={menu}
        onClick={() => setMenu((m) => !m)}
      >
        ⋯
      </button>
      {menu && (
        <div className="menu" role="menu" onMouseLeave={() => setMenu(false)}>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setMenu(false)
              setDraft(title)
              setEditing(true)
            }}
          >
            Rename
          </button>
          <button type="button" role="menuitem" onClick={() => void exp('markdown')}>
            Export Markdown
          </button>
          <button type="button" role="menuitem" onClick={() => void exp('json')}>
            Export JSON
          </button>
          <button
            type="button"
            role="menuitem"
            className="danger-text"
            onClick={() => {
              setMenu(false)
              if (confirm(`Delete “${title}”? This cannot be undone.`)) void remove(id)
            }}
          >
            Delete
          </button>
        </div>
      )}
    </div>
  )
}

export function Sidebar() {
  const conversations = useApp((s) => s.conversations)
  const bridge = useApp((s) => s.bridge)
  const newChat = useApp((s) => s.newChat)
  const setView = useApp((s) => s.setView)
  const view = useApp((s) => s.view)
  const openSettings = useApp((s) => s.openSettings)
  const collapsed = usePrefs((s) => s.sidebarCollapsed)
  const toggle = usePrefs((s) => s.toggleSidebar)
  const [q, setQ] = useState('')
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  useEffect(() => {
    if (!q.trim()) {
      setHits(null)
      return
    }
    // No debounce: the index answers in a few ms on loopback; an answer to an older query is dropped.
    let live = true
    void bridge?.invoke('conversations.search', { query: q, limit: 200 }).then((h) => live && setHits(h))
    return () => {
      live = false
    }
  }, [q, bridge, conversations])
  const rows = useMemo<Row[]>(() => {
    if (hits) return hits.map((h) => ({ kind: 'item', id: h.id, title: h.title, snippet: h.snippet }))
    const out: Row[] = []
    let last = ''
    for (const c of conversations) {
      const g = dayGroup(c.updatedAt)
      if (g !== last) out.push({ kind: 'head', label: (last = g) })
      out.push({ kind: 'item', id: c.id, title: c.title, snippet: '' })
    }
    return out
  }, [conversations, hits])
  const parent = useRef<HTMLDivElement>(null)
  // useVirtualizer hands back an object whose methods answer differently after every scroll, so the React
  // Compiler must not memoise this component around it; it skips it, which is right. Said once, here:
  // eslint-disable-next-line react-hooks/incompatible-library -- known and intended (see above)
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i]!.kind === 'head' ? 30 : 40),
    overscan: 10,
  })
  if (collapsed)
    return (
      <nav className="sidebar collapsed" aria-label="Conversations">
        <button
          type="button"
          className="ghost"
          aria-label="Show conversations"
          aria-keyshortcuts="Control+B"
          onClick={toggle}
        >
          ☰
        </button>
        <button type="button" className="ghost" aria-label="New chat" onClick={newChat}>
          +
        </button>
      </nav>
    )
  return (
    <nav className="sidebar" aria-label="Conversations">
      <div className="side-top">
        <span className="brand">LocalRouter</span>
        <button
          type="button"
          className="ghost small"
          aria-label="Hide conversations"
          aria-keyshortcuts="Control+B"
          onClick={toggle}
        >
          ⟨
        </button>
      </div>
      <div className="side-actions">
        <button type="button" className="primary block" aria-keyshortcuts="Control+Shift+O" onClick={newChat}>
          + New chat
        </button>
        <button
          type="button"
          className={`block${view === 'compare' ? ' active' : ''}`}
          onClick={() => setView(view === 'compare' ? 'chat' : 'compare')}
          aria-pressed={view === 'compare'}
        >
          ⇆ Compare models
        </button>
      </div>
      <input
        id="conv-search"
        className="search"
        type="search"
        aria-label="Search conversations"
        aria-keyshortcuts="Control+Shift+F"
        placeholder="Search all conversations"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <div className="conv-list" ref={parent}>
        {rows.length === 0 && (
          <p className="muted small pad">
            {hits ? 'No conversation matches.' : 'Your conversations appear here.'}
          </p>
        )}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const r = rows[it.index]!
            return (
              <div
                key={it.key}
                data-index={it.index}
                ref={v.measureElement}
                className="row-item"
                style={{ transform: `translateY(${it.start}px)` }}
              >
                {r.kind === 'head' ? (
                  <h2 className="day">{r.label}</h2>
                ) : (
                  <Item id={r.id} title={r.title} snippet={r.snippet} />
                )}
              </div>
            )
          })}
        </div>
      </div>
      <button
        type="button"
        className="ghost side-settings"
        aria-keyshortcuts="Control+,"
        onClick={() => openSettings('providers')}
      >
        ⚙ Settings
      </button>
    </nav>
  )
}
