/** Pure selectors over store data (unit-tested): model groups for the picker, the visible path. */
import { notForChat } from '../../../shared/models'
import type { ModelEntry } from '../../../shared/openai'
import { providerName } from '../lib/errors'

export interface ModelGroup {
  key: string
  label: string
  models: ModelEntry[]
}

/** The models `query` matches (id, name and provider), chat models and the others apart. */
export function searchModels(
  models: ModelEntry[],
  query: string,
): { chat: ModelEntry[]; other: ModelEntry[] } {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const chat: ModelEntry[] = []
  const other: ModelEntry[] = []
  for (const m of models) {
    const hay = `${m.id} ${m.name ?? ''} ${providerName(m.id.split('/')[0]!)}`.toLowerCase()
    if (terms.every((t) => hay.includes(t))) (notForChat(m) ? other : chat).push(m)
  }
  return { chat, other }
}

/**
 * Favourites, then recents, then one group per provider; `query` matches id, name and provider. Models
 * that cannot chat (embeddings, speech, images, …: shared/models.ts) only with `showAll`.
 */
export function groupModels(
  models: ModelEntry[],
  query: string,
  favourites: string[],
  recents: string[],
  showAll = false,
): ModelGroup[] {
  const q = query.trim().toLowerCase()
  const found = searchModels(models, q)
  const hits = showAll ? [...found.chat, ...found.other] : found.chat
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
