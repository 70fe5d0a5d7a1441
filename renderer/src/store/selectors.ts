/** Pure selectors over store data (unit-tested): model groups for the picker, the visible path. */
import type { ModelEntry } from '../../../shared/openai'
import { providerName } from '../lib/errors'

export interface ModelGroup {
  key: string
  label: string
  models: ModelEntry[]
}

/** Favourites, then recents, then one group per provider; `query` matches id, name and provider. */
export function groupModels(
  models: ModelEntry[],
  query: string,
  favourites: string[],
  recents: string[],
): ModelGroup[] {
  const q = query.trim().toLowerCase()
  const terms = q.split(/\s+/).filter(Boolean)
  const match = (m: ModelEntry) => {
    const hay = `${m.id} ${m.name ?? ''} ${providerName(m.id.split('/')[0]!)}`.toLowerCase()
    return terms.every((t) => hay.includes(t))
  }
  const hits = models.filter(match)
  const byId = new Map(hits.map((m) => [m.id, m]))
  const groups: ModelGroup[] = []
  const fav = favourites.map((id) => byId.get(id)).filter((m): m is ModelEntry => Boolean(m))
  if (fav.length) groups.push({ key: 'fav', label: 'Favourites', models: fav })
  const rec = recents
    .filter((id) => !favourites.includes(id))
    .map((id) => byId.get(id))
    .filter((m): m is ModelEntry => Boolean(m))
  if (rec.length && !q) groups.push({ key: 'recent', label: 'Recent', models: rec })
  const byProvider = new Map<string, ModelEntry[]>()
  for (const m of hits) {
    const p = m.id.split('/')[0]!
    let list = byProvider.get(p)
    if (!list) byProvider.set(p, (list = []))
    list.push(m)
  }
  for (const [p, list] of [...byProvider].sort((a, b) =>
    providerName(a[0]).localeCompare(providerName(b[0])),
  ))
    groups.push({
      key: `p:${p}`,
      label: providerName(p),
      models: list.sort((a, b) => a.id.localeCompare(b.id)),
    })
  return groups
}

export function acceptsImages(m: ModelEntry | undefined): boolean {
  // Unknown modalities: let the user try (the provider says no in plain words if it cannot).
  return !m?.architecture || m.architecture.input_modalities.includes('image')
}
