import { useEffect, useMemo, useState } from 'react'
import { toWire } from '../lib/chat'
import { providerName } from '../lib/errors'
import { describeFound, previewOutgoing, type RedactPreview } from '../lib/redact'
import { pathTo } from '../lib/tree'
import { useApp, wireMessages } from '../store/app'
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
  const outgoing = useMemo(
    () => [...wireMessages(c, pathTo(c.messages, c.currentLeafId)), toWire('user', text)],
    [c, text],
  )
  const key = JSON.stringify(outgoing)
  const [fetched, setFetched] = useState<{ key: string; preview: RedactPreview } | null>(null)
  useEffect(() => {
    if (!ep || c.redaction === 'off') return
    let live = true
    void previewOutgoing(ep.baseUrl, ep.token, JSON.parse(key)).then(
      (preview) => live && setFetched({ key, preview }),
    )
    return () => {
      live = false
    }
  }, [ep, c.redaction, key])
  const preview: RedactPreview | null =
    c.redaction === 'off'
      ? {
          available: true,
          found: {},
          messages: outgoing.map((m) => ({
            role: m.role,
            segments: [{ text: typeof m.content === 'string' ? m.content : text }],
          })),
        }
      : fetched?.key === key
        ? fetched.preview
        : null
  const found = preview ? describeFound(preview.found) : ''
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
          ) : c.redaction === 'block' && found ? (
            <p className="notice warn" role="status">
              Redaction is set to block and this conversation contains {found}: sending will be refused and
              nothing will leave the machine. Remove them, or switch to mask to send placeholders instead.
            </p>
          ) : (
            <p className="notice" role="status">
              {found
                ? `Found ${found}: replaced by the highlighted placeholders before sending, and restored in the answer.`
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
                      <mark
                        key={j}
                        className="redacted"
                        title={`${s.kind ?? 'redacted'} on this machine: ${s.text}`}
                      >
                        {s.placeholder}
                      </mark>
                    ) : (
                      <span key={j} className={s.attachment ? 'muted' : undefined}>
                        {s.text}
                      </span>
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
