import { useEffect, useState } from 'react'
import { notForChat } from '../../../shared/models'
import { humanError } from '../lib/errors'
import { formatCost, formatMs, formatTiming } from '../lib/format'
import { reasoningKey, useApp, type CompareColumn } from '../store/app'
import { Markdown } from './LazyMarkdown'
import { FinishNotice, Reasoning } from './Message'
import { useWarningsToggle, WarningsList, WarningsMarker } from './Warnings'

function Column({ col, index }: { col: CompareColumn; index: number }) {
  const live = useApp((s) => s.live[col.id])
  const liveReasoning = useApp((s) => s.live[reasoningKey(col.id)])
  const reasoning = liveReasoning ?? col.reasoning
  const columns = useApp((s) => s.compare.columns)
  const setModels = useApp((s) => s.setCompareModels)
  const cont = useApp((s) => s.continueColumn)
  const text = live ?? col.content
  const warn = useWarningsToggle()
  return (
    <section
      className="compare-col"
      aria-label={`Column ${index + 1}: ${col.model}`}
      aria-busy={live !== undefined}
    >
      <header className="row">
        <strong className="model-name">{col.model}</strong>
        <span className="spacer" />
        {columns.length > 2 && (
          <button
            type="button"
            className="ghost small"
            aria-label={`Remove ${col.model}`}
            onClick={() => setModels(columns.filter((c) => c.id !== col.id).map((c) => c.model))}
          >
            ✕
          </button>
        )}
      </header>
      <div className="compare-body">
        {reasoning ? (
          <Reasoning
            text={reasoning}
            streaming={live !== undefined}
            thinkingNow={live !== undefined && !live}
          />
        ) : null}
        {text ? (
          <Markdown text={text} streaming={live !== undefined} />
        ) : live !== undefined ? (
          reasoning ? null : (
            <div className="typing">
              <i />
              <i />
              <i />
            </div>
          )
        ) : col.status === 'idle' ? (
          <p className="muted">Waiting for a prompt.</p>
        ) : null}
        {col.status === 'done' && (
          <FinishNotice m={{ meta: col.meta, model: col.model, content: col.content }} actions={false} />
        )}
        {col.error && (
          <div className="error-box" role="alert">
            <strong>{humanError(col.error, col.model.split('/')[0]).title}</strong>
            <p>{humanError(col.error, col.model.split('/')[0]).detail}</p>
          </div>
        )}
      </div>
      {(col.status === 'done' || col.status === 'stopped' || col.status === 'error') && (
        <footer className="msg-footer" aria-label={`${col.model} details`}>
          <span>
            {col.meta?.tokensIn ?? '—'} in{col.meta?.cachedTokens ? ` (${col.meta.cachedTokens} cached)` : ''}{' '}
            · {col.meta?.tokensOut ?? '—'} out
            {col.meta?.reasoningTokens ? ` (${col.meta.reasoningTokens} thinking)` : ''}
          </span>
          <span>{formatCost(col.meta?.cost)}</span>
          <span title={formatTiming(col.meta?.ttftMs, col.meta?.answerMs).title}>
            {formatTiming(col.meta?.ttftMs, col.meta?.answerMs).text}
          </span>
          <span>{formatMs(col.meta?.totalMs)}</span>
          <WarningsMarker warnings={col.meta?.warnings} {...warn} />
          <span className="spacer" />
          {col.status !== 'error' && (
            <button type="button" className="small" onClick={() => void cont(col.id)}>
              Continue as chat
            </button>
          )}
        </footer>
      )}
      {col.status !== 'streaming' && (
        <WarningsList warnings={col.meta?.warnings} open={warn.open} listId={warn.listId} />
      )}
    </section>
  )
}

export function Compare() {
  const columns = useApp((s) => s.compare.columns)
  const setModels = useApp((s) => s.setCompareModels)
  const run = useApp((s) => s.runCompare)
  const stop = useApp((s) => s.stopCompare)
  const models = useApp((s) => s.models)
  const current = useApp((s) => s.current.model)
  const busy = useApp((s) => s.compare.columns.some((c) => s.live[c.id] !== undefined))
  const setPicker = useApp((s) => s.setPicker)
  const [prompt, setPrompt] = useState('')
  const shown = columns.length ? columns : []
  useEffect(() => {
    if (columns.length || !models.length) return
    const chat = models.filter((m) => !notForChat(m))
    const first = current || (chat[0] ?? models[0]!).id
    const second = (chat.length ? chat : models).find((m) => m.id !== first)?.id
    setModels(second ? [first, second] : [first])
  }, [columns.length, models, current, setModels])
  return (
    <main className="compare" aria-label="Compare models">
      <header className="chat-head">
        <h1 className="title">Compare models</h1>
        <span className="muted small">
          Same prompt, side by side, each with its own tokens, cost and time.
        </span>
        <span className="spacer" />
        {columns.length < 4 && (
          <button type="button" className="small" onClick={() => setPicker(true, 'compare')}>
            + Add model
          </button>
        )}
      </header>
      <div
        className="compare-grid"
        style={{ gridTemplateColumns: `repeat(${Math.max(1, shown.length)}, minmax(0, 1fr))` }}
      >
        {shown.map((c, i) => (
          <Column key={c.id} col={c} index={i} />
        ))}
      </div>
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault()
          if (prompt.trim() && !busy && columns.length >= 2) void run(prompt.trim())
        }}
      >
        <textarea
          aria-label="Prompt for every model"
          placeholder={
            columns.length < 2 ? 'Add at least two models' : 'One prompt, every column (Enter to send)'
          }
          value={prompt}
          rows={2}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              e.currentTarget.form?.requestSubmit()
            }
          }}
        />
        <div className="composer-bar">
          <span className="spacer" />
          {busy ? (
            <button type="button" className="danger" onClick={stop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!prompt.trim() || columns.length < 2}>
              Send to {columns.length} models
            </button>
          )}
        </div>
      </form>
    </main>
  )
}
