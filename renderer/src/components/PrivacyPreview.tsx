import { useEffect, useState } from 'react'
import { previewRedaction, type RedactPreview } from '../lib/chat'
import { providerName } from '../lib/errors'
import { pathTo } from '../lib/tree'
import { useApp } from '../store/app'
import { Dialog } from './Dialog'

/** Exactly what will leave the machine for the next message, with redacted spans highlighted. */
export function PrivacyPreview({ text }: { text: string }) {
  const c = useApp((s) => s.current)
  const ep = useApp((s) => s.endpoint)
  const providers = useApp((s) => s.providers)
  const close = () => useApp.getState().setPreview(false)
  const providerId = c.model.split('/')[0] ?? ''
  const host = (() => {
    try {
      return new URL(providers.find((p) => p.id === providerId)?.baseUrl ?? '').host
    } catch {
      return 'unknown'
    }
  })()
  const outgoing = [
    ...(c.systemPrompt.trim() ? [{ role: 'system', content: c.systemPrompt }] : []),
    ...pathTo(c.messages, c.currentLeafId)
      .filter((m) => m.status !== 'error')
      .map((m) => ({ role: m.role, content: m.content })),
    { role: 'user', content: text },
  ]
  const key = JSON.stringify(outgoing)
  const [fetched, setFetched] = useState<{ key: string; preview: RedactPreview } | null>(null)
  const reqKey = `${c.redaction}|${key}`
  useEffect(() => {
    if (!ep || c.redaction === 'off') return
    let live = true
    void previewRedaction(ep.baseUrl, ep.token, c.redaction, JSON.parse(key)).then(
      (p) => live && setFetched({ key: reqKey, preview: p }),
    )
    return () => {
      live = false
    }
  }, [ep, c.redaction, key, reqKey])
  const preview: RedactPreview | null =
    c.redaction === 'off'
      ? {
          available: true,
          messages: outgoing.map((m) => ({ role: m.role, segments: [{ text: m.content }] })),
        }
      : fetched?.key === reqKey
        ? fetched.preview
        : null
  const spans = preview?.messages.flatMap((m) => m.segments.filter((s) => s.placeholder)).length ?? 0
  return (
    <Dialog label="What will leave this machine" onClose={close} wide>
      <h2>What will leave this machine</h2>
      <p className="muted">
        Destination: <strong>{providerName(providerId)}</strong> at <code>{host}</code> · model{' '}
        <code>{c.model}</code> · redaction <strong>{c.redaction}</strong>
      </p>
      {!preview && <p>Preparing the preview…</p>}
      {preview && !preview.available && (
        <div className="error-box" role="alert">
          <strong>No preview available</strong>
          <p>{preview.message}</p>
        </div>
      )}
      {preview?.available && (
        <>
          {c.redaction === 'off' ? (
            <p className="notice">Redaction is off for this conversation: the text below is sent as it is.</p>
          ) : (
            <p className="notice">
              {spans
                ? `${spans} span(s) will be replaced by placeholders and restored in the answer.`
                : 'Nothing sensitive was found; the text goes as it is.'}
            </p>
          )}
          <ol className="preview-list">
            {preview.messages.map((m, i) => (
              <li key={i}>
                <span className="role">{m.role}</span>
                <p className="plain">
                  {m.segments.map((s, j) =>
                    s.placeholder ? (
                      <mark key={j} title={`${s.kind ?? 'redacted'}: ${s.text}`} className="redacted">
                        {s.placeholder}
                      </mark>
                    ) : (
                      <span key={j}>{s.text}</span>
                    ),
                  )}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="row end">
        <button type="button" className="primary" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
