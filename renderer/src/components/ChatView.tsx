import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RedactionMode } from '../../../shared/history'
import { providerName } from '../lib/errors'
import { pathTo } from '../lib/tree'
import { acceptsImages } from '../store/selectors'
import { useApp } from '../store/app'
import { MessageView } from './Message'
import { PrivacyPreview } from './LazyPanels'

function ModelButton() {
  const model = useApp((s) => s.current.model)
  const setPicker = useApp((s) => s.setPicker)
  const [provider, ...rest] = model.split('/')
  return (
    <button
      type="button"
      className="model-button"
      aria-label={`Model: ${model || 'none'}. Change model`}
      aria-keyshortcuts="Control+K"
      onClick={() => setPicker(true)}
    >
      {model ? (
        <>
          <span className="muted">{providerName(provider!)}</span> <strong>{rest.join('/')}</strong>
        </>
      ) : (
        <strong>Pick a model</strong>
      )}
      <span aria-hidden="true"> ▾</span>
    </button>
  )
}

function ConversationOptions({ onClose }: { onClose(): void }) {
  const c = useApp((s) => s.current)
  const patch = useApp((s) => s.patchCurrent)
  return (
    <section className="options" aria-label="Conversation options">
      <label>
        System prompt
        <textarea
          rows={3}
          value={c.systemPrompt}
          placeholder="You are a helpful assistant."
          onChange={(e) => patch({ systemPrompt: e.target.value })}
        />
      </label>
      <div className="row wrap">
        <label>
          Temperature
          <input
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={c.params.temperature ?? ''}
            placeholder="default"
            onChange={(e) =>
              patch({
                params: {
                  ...c.params,
                  temperature: e.target.value === '' ? undefined : Number(e.target.value),
                },
              })
            }
          />
        </label>
        <label>
          Max tokens
          <input
            type="number"
            min={1}
            step={1}
            value={c.params.maxTokens ?? ''}
            placeholder="default"
            onChange={(e) =>
              patch({
                params: {
                  ...c.params,
                  maxTokens:
                    e.target.value === '' ? undefined : Math.max(1, Math.round(Number(e.target.value))),
                },
              })
            }
          />
        </label>
        <label>
          Reasoning effort
          <select
            value={c.params.reasoningEffort ?? ''}
            onChange={(e) =>
              patch({
                params: {
                  ...c.params,
                  reasoningEffort: (e.target.value || undefined) as 'low' | 'medium' | 'high' | undefined,
                },
              })
            }
          >
            <option value="">default</option>
            <option value="low">low</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
          </select>
        </label>
        <label>
          Redaction
          <select value={c.redaction} onChange={(e) => patch({ redaction: e.target.value as RedactionMode })}>
            <option value="off">off</option>
            <option value="mask">mask (placeholders)</option>
            <option value="block">block</option>
          </select>
        </label>
      </div>
      {c.sentTo.length > 0 && (
        <p className="muted small" aria-label="Sent to">
          Sent to: {c.sentTo.map((s) => `${providerName(s.provider)} (${s.host})`).join(', ')}
        </p>
      )}
      <div className="row end">
        <button type="button" className="small" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  )
}

function MessageList() {
  const messages = useApp((s) => s.current.messages)
  const leaf = useApp((s) => s.current.currentLeafId)
  const convId = useApp((s) => s.current.id)
  const path = useMemo(() => pathTo(messages, leaf), [messages, leaf])
  const liveLen = useApp((s) =>
    s.streaming.length ? Object.values(s.live).reduce((n, t) => n + t.length, 0) : 0,
  )
  const parent = useRef<HTMLDivElement>(null)
  const [stuck, setStuck] = useState(true)
  // useVirtualizer hands back an object whose methods answer differently after every scroll, so the React
  // Compiler must not memoise this component around it; it skips it, which is right. Said once, here:
  // eslint-disable-next-line react-hooks/incompatible-library -- known and intended (see above)
  const v = useVirtualizer({
    count: path.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 120,
    overscan: 6,
    getItemKey: (i) => path[i]!.id,
  })
  // Open a conversation at its latest message.
  useEffect(() => {
    setStuck(true)
    if (path.length) v.scrollToIndex(path.length - 1, { align: 'end' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [convId])
  // Follow the stream only while the user has not scrolled up; also when a message grows without new
  // text (an error box, a deferred markdown render, a measured image), which changes the total height.
  const total = v.getTotalSize()
  useEffect(() => {
    if (stuck && parent.current) parent.current.scrollTop = parent.current.scrollHeight
  }, [liveLen, path.length, stuck, total])
  // Only the user unsticks the view: the virtualiser also moves scrollTop when it measures rows, and
  // that must not stop the view from following the answer.
  const userInput = useRef(Number.NEGATIVE_INFINITY)
  const noteUser = () => {
    userInput.current = performance.now()
  }
  const onScroll = () => {
    const el = parent.current
    if (!el) return
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48
    if (atBottom && !stuck) setStuck(true)
    else if (!atBottom && stuck && performance.now() - userInput.current < 1000) setStuck(false)
  }
  return (
    <div
      className="messages"
      ref={parent}
      onScroll={onScroll}
      onWheel={noteUser}
      onTouchMove={noteUser}
      onPointerDown={noteUser}
      onKeyDown={noteUser}
      role="log"
      aria-label="Conversation"
      aria-live="off"
    >
      <div style={{ height: total, position: 'relative' }}>
        {v.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={v.measureElement}
            className="row-item"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <MessageView m={path[item.index]!} />
          </div>
        ))}
      </div>
      {!stuck && (
        <button
          type="button"
          className="jump"
          onClick={() => {
            setStuck(true)
            if (parent.current) parent.current.scrollTop = parent.current.scrollHeight
          }}
        >
          ↓ Jump to latest
        </button>
      )}
    </div>
  )
}

function readImage(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(r.error)
    r.readAsDataURL(file)
  })
}

export function Composer() {
  const send = useApp((s) => s.send)
  const stop = useApp((s) => s.stop)
  const busy = useApp((s) => s.streaming.length > 0)
  const model = useApp((s) => s.current.model)
  const redaction = useApp((s) => s.current.redaction)
  const patch = useApp((s) => s.patchCurrent)
  const setPreview = useApp((s) => s.setPreview)
  const models = useApp((s) => s.models)
  const providers = useApp((s) => s.providers)
  const notify = useApp((s) => s.notify)
  const [text, setText] = useState('')
  const [images, setImages] = useState<string[]>([])
  const fileRef = useRef<HTMLInputElement>(null)
  const providerId = model.split('/')[0] ?? ''
  const host = (() => {
    try {
      return new URL(providers.find((p) => p.id === providerId)?.baseUrl ?? '').host
    } catch {
      return ''
    }
  })()
  const vision = acceptsImages(models.find((m) => m.id === model))

  const addFiles = async (files: Iterable<File>) => {
    const imgs = [...files].filter((f) => f.type.startsWith('image/'))
    if (!imgs.length) return
    if (!vision) notify(`${model} may not accept images; it will say so if it cannot.`)
    const urls = await Promise.all(imgs.map(readImage))
    setImages((cur) => [...cur, ...urls].slice(0, 8))
  }
  const submit = () => {
    if (busy || (!text.trim() && !images.length)) return
    void send(text.trim(), images)
    setText('')
    setImages([])
  }
  const nextMode: Record<RedactionMode, RedactionMode> = { off: 'mask', mask: 'block', block: 'off' }
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault()
        void addFiles(e.dataTransfer.files)
      }}
    >
      {images.length > 0 && (
        <div className="attachments" aria-label="Attachments">
          {images.map((src, i) => (
            <span key={i} className="attachment">
              <img src={src} alt={`Attachment ${i + 1}`} />
              <button
                type="button"
                className="ghost small"
                aria-label={`Remove attachment ${i + 1}`}
                onClick={() => setImages((cur) => cur.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <textarea
        id="composer-input"
        aria-label="Message"
        placeholder={
          model ? `Message ${model}  (Enter to send, Shift+Enter for a new line)` : 'Pick a model to start'
        }
        value={text}
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onPaste={(e) => {
          const files = [...e.clipboardData.files]
          if (files.some((f) => f.type.startsWith('image/'))) {
            e.preventDefault()
            void addFiles(files)
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault()
            submit()
          }
        }}
      />
      <div className="composer-bar">
        <input
          ref={fileRef}
          type="file"
          accept="image/*"
          multiple
          hidden
          aria-label="Attach images"
          onChange={(e) => void addFiles(e.target.files ?? [])}
        />
        <button
          type="button"
          className="ghost small"
          aria-label="Attach image"
          onClick={() => fileRef.current?.click()}
        >
          Attach image
        </button>
        <span className="spacer" />
        <span className={`privacy-chip mode-${redaction}`}>
          <button
            type="button"
            className="ghost small"
            aria-label={`Redaction: ${redaction}. Change`}
            onClick={() => patch({ redaction: nextMode[redaction] })}
          >
            Redaction {redaction}
          </button>
          <span className="muted small" title="Where this message will go">
            → {host || 'no provider'}
          </span>
          <button
            type="button"
            className="ghost small"
            aria-label="Preview what will leave the machine"
            onClick={() => setPreview(true)}
            disabled={!text.trim()}
          >
            Preview
          </button>
        </span>
        {busy ? (
          <button type="button" className="danger" onClick={stop} aria-keyshortcuts="Escape">
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!text.trim() && !images.length}>
            Send
          </button>
        )}
      </div>
      <PreviewMount text={text} />
    </form>
  )
}

function PreviewMount({ text }: { text: string }) {
  const open = useApp((s) => s.previewOpen)
  return open ? <PrivacyPreview text={text} /> : null
}

export function ChatView() {
  const title = useApp((s) => s.current.title)
  const empty = useApp((s) => s.current.messages.length === 0)
  const redaction = useApp((s) => s.current.redaction)
  const [options, setOptions] = useState(false)
  return (
    <main className="chat" aria-label="Chat">
      <header className="chat-head">
        <ModelButton />
        <h1 className="title" title={title}>
          {title}
        </h1>
        <span className="spacer" />
        {redaction !== 'off' && <span className="badge privacy">redaction {redaction}</span>}
        <button
          type="button"
          className="ghost small"
          aria-expanded={options}
          aria-label="Conversation options (system prompt, parameters, redaction)"
          onClick={() => setOptions((o) => !o)}
        >
          ⚙ Options
        </button>
      </header>
      {options && <ConversationOptions onClose={() => setOptions(false)} />}
      {empty ? <EmptyChat /> : <MessageList />}
      <Composer />
    </main>
  )
}

function EmptyChat() {
  const model = useApp((s) => s.current.model)
  return (
    <div className="empty">
      <h2>What can I help with?</h2>
      <p className="muted">
        {model ? (
          <>
            Chatting with <strong>{model}</strong>. Your message goes straight from this machine to the
            provider; nothing in between.
          </>
        ) : (
          'Pick a model to start.'
        )}
      </p>
    </div>
  )
}
