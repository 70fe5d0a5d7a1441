/**
 * The footer's "⚠ 2 settings adjusted" marker and the list it opens: what the provider did not do as
 * asked for this answer (settings mapped, clamped or not sent; answer content this chat cannot show).
 * Quiet on purpose: it informs, the answer itself is fine.
 */
import { useId, useState } from 'react'
import type { MessageWarning } from '../../../shared/history'
import { warningsLabel } from '../lib/warnings'

/** State for one marker and its list (the two sit in different places of the footer's layout). */
export function useWarningsToggle(): { open: boolean; toggle(): void; listId: string } {
  const [open, setOpen] = useState(false)
  const listId = useId()
  return { open, toggle: () => setOpen((o) => !o), listId }
}

export function WarningsMarker({
  warnings,
  open,
  toggle,
  listId,
}: {
  warnings: readonly MessageWarning[] | undefined
  open: boolean
  toggle(): void
  listId: string
}) {
  if (!warnings?.length) return null
  const label = warningsLabel(warnings)
  return (
    <button
      type="button"
      className="warn-marker"
      aria-expanded={open}
      aria-controls={listId}
      aria-label={`${label}: ${open ? 'hide' : 'show'} what the provider did`}
      title="What the provider did not do as asked"
      onClick={toggle}
    >
      <span aria-hidden="true">⚠</span> {label}
    </button>
  )
}

export function WarningsList({
  warnings,
  open,
  listId,
}: {
  warnings: readonly MessageWarning[] | undefined
  open: boolean
  listId: string
}) {
  if (!warnings?.length || !open) return null
  const settings = warnings.filter((w) => w.kind === 'setting')
  const notes = warnings.filter((w) => w.kind === 'answer')
  return (
    <div className="warn-list" id={listId} role="region" aria-label="Adjusted settings and notes">
      {settings.length > 0 && (
        <>
          <p className="warn-head">The provider could not take these settings as they were:</p>
          <ul>
            {settings.map((w, i) => (
              <li key={i}>
                {w.param && <code>{w.param}</code>} {w.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {notes.length > 0 && (
        <>
          <p className="warn-head">About the answer:</p>
          <ul>
            {notes.map((w, i) => (
              <li key={i} title={w.detail}>
                {w.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
