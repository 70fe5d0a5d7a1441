import { memo, useId, useState } from 'react'
import type { Message } from '../../../shared/history'
import { humanError, providerName, type Fix } from '../lib/errors'
import { formatCost, formatMs, formatTiming } from '../lib/format'
import { siblingsOf } from '../lib/tree'
import { reasoningKey, useApp } from '../store/app'
import { CopyButton } from './CopyButton'
import { Markdown } from './LazyMarkdown'
import { useWarningsToggle, WarningsList, WarningsMarker } from './Warnings'

function Footer({ m, warn }: { m: Message; warn: ReturnType<typeof useWarningsToggle> }) {
  const meta = m.meta
  if (!meta && !m.model) return null
  return (
    <div className="msg-footer" aria-label="Answer details">
      <span title="Model">{m.model}</span>
      {meta?.tokensIn !== undefined && (
        <span title="Tokens in / out">
          {meta.tokensIn} in{meta.cachedTokens ? ` (${meta.cachedTokens} cached)` : ''} ·{' '}
          {meta.tokensOut ?? 0} out{meta.reasoningTokens ? ` (${meta.reasoningTokens} thinking)` : ''}
        </span>
      )}
      {meta?.cost !== undefined && <span title="Estimated cost (list prices)">{formatCost(meta.cost)}</span>}
      {meta?.ttftMs !== undefined && (
        <span title={formatTiming(meta.ttftMs, meta.answerMs).title}>
          {formatTiming(meta.ttftMs, meta.answerMs).text}
        </span>
      )}
      {meta?.totalMs !== undefined && <span title="Total time">{formatMs(meta.totalMs)}</span>}
      {meta?.redacted && (
        <span
          className="badge privacy"
          title="Redaction replaced sensitive text before this prompt left the machine"
        >
          redacted
        </span>
      )}
      {m.status === 'stopped' && <span className="badge">stopped</span>}
      <WarningsMarker warnings={meta?.warnings} {...warn} />
    </div>
  )
}

function ErrorNotice({ m }: { m: Message }) {
  const openSettings = useApp((s) => s.openSettings)
  const regenerate = useApp((s) => s.regenerate)
  const setPicker = useApp((s) => s.setPicker)
  const h = humanError(m.error!, m.meta?.provider ?? m.model?.split('/')[0])
  const label: Record<Fix, string> = {
    'add-key': 'Add key',
    'update-key': 'Replace key',
    retry: 'Retry',
    'switch-model': 'Switch model',
    'open-settings': 'Privacy settings',
    'use-mask': 'Send with placeholders',
  }
  const act = (f: Fix) => {
    if (f === 'add-key' || f === 'update-key') openSettings('providers')
    else if (f === 'open-settings') openSettings('privacy')
    else if (f === 'use-mask') {
      useApp.getState().patchCurrent({ redaction: 'mask' })
      void regenerate(m.id)
    } else if (f === 'retry') void regenerate(m.id)
    else setPicker(true)
  }
  return (
    <div className="error-box" role="alert">
      <strong>{h.title}</strong>
      <p>{h.detail}</p>
      <div className="row">
        {h.fixes.map((f) => (
          <button
            key={f}
            type="button"
            className={f === 'retry' || f === 'add-key' ? 'primary small' : 'small'}
            onClick={() => act(f)}
          >
            {label[f]}
          </button>
        ))}
      </div>
    </div>
  )
}

/** Why an answer ended early, in plain words, with what to do about it. */
export function FinishNotice({
  m,
  actions = true,
}: {
  m: Pick<Message, 'meta' | 'model' | 'content'>
  /** Offer to switch the conversation's model (not in a compare column, whose model is its own). */
  actions?: boolean
}) {
  const setPicker = useApp((s) => s.setPicker)
  const reason = m.meta?.finishReason
  if (reason !== 'length' && reason !== 'content_filter') return null
  const who = m.model ? m.model.split('/')[0]! : ''
  const name = who ? `${providerName(who)}'s` : "the provider's"
  return (
    <div className="finish-note" role="note" aria-label="Why the answer ended">
      {reason === 'length' ? (
        <p>
          <strong>Cut off at the token limit.</strong>{' '}
          {m.content
            ? 'The answer reached its maximum length before it was finished.'
            : 'The model used its whole token budget before it wrote an answer (thinking counts too).'}{' '}
          Raise Max tokens in ⚙ Options, then regenerate.
        </p>
      ) : (
        <p>
          <strong>Stopped by {name} safety filter.</strong>{' '}
          {m.content
            ? 'The provider ended this answer early because of its content policy.'
            : 'The provider withheld this answer because of its content policy.'}{' '}
          Rephrase the message, or try another model.
        </p>
      )}
      {reason === 'content_filter' && actions && (
        <div className="row">
          <button type="button" className="small" onClick={() => setPicker(true)}>
            Switch model
          </button>
        </div>
      )}
    </div>
  )
}

/** The model's reasoning, apart from the answer: open while it streams before the answer, then folded. */
export function Reasoning({
  text,
  streaming,
  thinkingNow,
}: {
  text: string
  streaming: boolean
  thinkingNow: boolean
}) {
  const [chosen, setChosen] = useState<boolean | null>(null)
  const open = chosen ?? thinkingNow
  const id = `reasoning-${useId()}`
  return (
    <div className={`reasoning${open ? ' open' : ''}`}>
      <button
        type="button"
        className="ghost small reasoning-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setChosen(!open)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {thinkingNow ? 'Thinking…' : 'Reasoning'}
        {!thinkingNow && <span className="muted"> · {countWords(text)} words</span>}
      </button>
      {open && (
        <div id={id} className="reasoning-text" role="region" aria-label="Reasoning" aria-busy={streaming}>
          {text}
        </div>
      )}
    </div>
  )
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

function BranchSwitch({ id }: { id: string }) {
  const messages = useApp((s) => s.current.messages)
  const switchBranch = useApp((s) => s.switchBranch)
  const sib = siblingsOf(messages, id)
  if (sib.count < 2) return null
  return (
    <span className="branch" role="group" aria-label="Branches">
      <button
        type="button"
        className="ghost small"
        aria-label="Previous branch"
        disabled={sib.index === 0}
        onClick={() => switchBranch(id, -1)}
      >
        ‹
      </button>
      <span aria-live="polite">
        {sib.index + 1} / {sib.count}
      </span>
      <button
        type="button"
        className="ghost small"
        aria-label="Next branch"
        disabled={sib.index === sib.count - 1}
        onClick={() => switchBranch(id, 1)}
      >
        ›
      </button>
    </span>
  )
}

function Typing() {
  return (
    <div className="typing" aria-label="Waiting for the first token">
      <i />
      <i />
      <i />
    </div>
  )
}

export const MessageView = memo(function MessageView({ m }: { m: Message }) {
  // Only the message being streamed gets a new value each frame; every other one keeps `undefined`.
  const live = useApp((s) => s.live[m.id])
  const liveReasoning = useApp((s) => s.live[reasoningKey(m.id)])
  const isStreaming = live !== undefined
  const reasoning = liveReasoning ?? m.reasoning
  const busy = useApp((s) => s.streaming.length > 0)
  const regenerate = useApp((s) => s.regenerate)
  const editAndResend = useApp((s) => s.editAndResend)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(m.content)
  const warn = useWarningsToggle()

  if (m.role === 'user') {
    return (
      <article className="msg user" aria-label="Your message">
        {editing ? (
          <form
            className="edit"
            onSubmit={(e) => {
              e.preventDefault()
              setEditing(false)
              void editAndResend(m.id, draft)
            }}
          >
            <textarea
              aria-label="Edit message"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              rows={Math.min(10, draft.split('\n').length + 1)}
              autoFocus
            />
            <div className="row end">
              <button type="button" className="small" onClick={() => setEditing(false)}>
                Cancel
              </button>
              <button type="submit" className="primary small">
                Save and resend
              </button>
            </div>
          </form>
        ) : (
          <>
            <div className="bubble">
              {m.images?.map((src, i) => (
                <img key={i} src={src} alt={`Attachment ${i + 1}`} className="thumb" />
              ))}
              <div className="plain">{m.content}</div>
            </div>
            <div className="msg-actions">
              {m.meta?.redacted && (
                <span
                  className="badge privacy"
                  title="Sensitive text in this prompt was replaced by placeholders before it left the machine"
                >
                  redacted
                </span>
              )}
              <BranchSwitch id={m.id} />
              <button
                type="button"
                className="ghost small"
                aria-label="Edit and resend"
                disabled={busy}
                onClick={() => {
                  setDraft(m.content)
                  setEditing(true)
                }}
              >
                Edit
              </button>
            </div>
          </>
        )}
      </article>
    )
  }
  return (
    <article
      className="msg assistant"
      aria-label={`Answer from ${m.model ?? 'the model'}`}
      aria-busy={isStreaming}
    >
      {/* One Markdown element from the first token to the end, so the blocks finished while streaming
          stay mounted (and highlighted) when the answer completes: only the last block re-renders. */}
      {reasoning ? (
        <Reasoning text={reasoning} streaming={isStreaming} thinkingNow={isStreaming && !live} />
      ) : null}
      {isStreaming && !live ? (
        reasoning ? null : (
          <Typing />
        )
      ) : (live ?? m.content) ? (
        <Markdown text={live ?? m.content} streaming={isStreaming} />
      ) : null}
      {m.images?.map((src, i) => (
        <img key={i} src={src} alt={`Image ${i + 1} of the answer`} className="answer-image" />
      ))}
      {!isStreaming && m.error && <ErrorNotice m={m} />}
      {!isStreaming && !m.error && <FinishNotice m={m} />}
      {!isStreaming && (
        <div className="msg-actions">
          <BranchSwitch id={m.id} />
          {m.content && <CopyButton text={m.content} label="Copy answer" />}
          <button
            type="button"
            className="ghost small"
            aria-label="Regenerate answer"
            disabled={busy}
            onClick={() => void regenerate(m.id)}
          >
            Regenerate
          </button>
          <Footer m={m} warn={warn} />
        </div>
      )}
      {!isStreaming && <WarningsList warnings={m.meta?.warnings} open={warn.open} listId={warn.listId} />}
    </article>
  )
})
