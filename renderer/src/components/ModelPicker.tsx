import { useMemo, useState } from 'react'
import { formatContext, formatPrice } from '../lib/format'
import { useApp } from '../store/app'
import { usePrefs } from '../store/prefs'
import { notForChat } from '../../../shared/models'
import { groupModels, searchModels } from '../store/selectors'
import { Dialog } from './Dialog'

/** Search across every provider's models; favourites and recents first; context, price, modalities. */
export function ModelPicker({
  onPick,
  label = 'Choose a model',
}: {
  onPick(model: string): void
  label?: string
}) {
  const models = useApp((s) => s.models)
  const errors = useApp((s) => s.modelErrors)
  const loading = useApp((s) => s.modelsLoading)
  const current = useApp((s) => s.current.model)
  const favourites = usePrefs((s) => s.favourites)
  const recents = usePrefs((s) => s.recents)
  const toggleFavourite = usePrefs((s) => s.toggleFavourite)
  const [q, setQ] = useState('')
  const [showAll, setShowAll] = useState(false)
  const groups = useMemo(
    () => groupModels(models, q, favourites, recents, showAll),
    [models, q, favourites, recents, showAll],
  )
  const hidden = useMemo(() => searchModels(models, q).other.length, [models, q])
  const flat = groups.flatMap((g) => g.models.map((m) => `${g.key}|${m.id}`))
  const [active, setActive] = useState(0)
  const close = () => useApp.getState().setPicker(false)
  const pick = (id: string) => {
    onPick(id)
    close()
  }
  let n = -1
  return (
    <Dialog label={label} onClose={close} wide>
      <input
        className="search"
        type="search"
        aria-label="Search models"
        placeholder="Search models (name, provider)…"
        value={q}
        autoFocus
        onChange={(e) => {
          setQ(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(flat.length - 1, a + 1))
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1))
          else if (e.key === 'Enter' && flat[active]) pick(flat[active]!.split('|')[1]!)
          else return
          e.preventDefault()
        }}
      />
      {hidden > 0 && (
        <label className="muted small not-chat-toggle">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Also show {hidden} {hidden === 1 ? 'model' : 'models'} that cannot chat (embeddings, speech, images,
          …)
        </label>
      )}
      <div className="picker" role="listbox" aria-label="Models">
        {loading && !models.length && <p className="muted">Loading models…</p>}
        {!loading && !models.length && (
          <p className="muted">No models yet. Add a provider key in Settings (Ctrl+,).</p>
        )}
        {groups.map((g) => (
          <div key={g.key} role="group" aria-label={g.label}>
            <h3>{g.label}</h3>
            {g.models.map((m) => {
              n++
              const idx = n
              const fav = favourites.includes(m.id)
              const kind = notForChat(m)
              return (
                <div
                  key={m.id}
                  role="option"
                  aria-selected={idx === active}
                  aria-label={m.id}
                  className={`model-row${idx === active ? ' active' : ''}${m.id === current ? ' current' : ''}`}
                  onClick={() => pick(m.id)}
                  onMouseEnter={() => setActive(idx)}
                >
                  <span className="model-name">{m.id.slice(m.id.indexOf('/') + 1)}</span>
                  <span className="model-facts muted small">
                    {[
                      kind ? `${kind}, not chat` : '',
                      formatContext(m.context_length),
                      formatPrice(m.pricing),
                      m.architecture?.input_modalities.includes('image') ? 'vision' : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  <button
                    type="button"
                    className={`ghost small star${fav ? ' on' : ''}`}
                    aria-label={fav ? `Remove ${m.id} from favourites` : `Add ${m.id} to favourites`}
                    aria-pressed={fav}
                    onClick={(e) => {
                      e.stopPropagation()
                      toggleFavourite(m.id)
                    }}
                  >
                    {fav ? '★' : '☆'}
                  </button>
                </div>
              )
            })}
          </div>
        ))}
        {errors.length > 0 && (
          <div className="muted small model-errors">
            {errors.map((e) => (
              <p key={e.provider}>
                <strong>{e.provider}</strong>: {e.message}
              </p>
            ))}
          </div>
        )}
      </div>
    </Dialog>
  )
}
