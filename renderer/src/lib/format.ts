/** Display helpers for footers and the model picker. */
import type { ModelEntry, Usage } from '../../../shared/openai'

export function formatCost(usd: number | undefined): string {
  if (usd === undefined) return '—'
  if (usd === 0) return '$0'
  if (usd < 0.0001) return '<$0.0001'
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(3)}`
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function formatContext(n: number | undefined): string {
  if (!n) return ''
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M ctx`
  return `${Math.round(n / 1000)}k ctx`
}

/** `$0.15 / $0.60 per M` from per-token price strings. */
export function formatPrice(pricing: ModelEntry['pricing']): string {
  if (!pricing) return ''
  const m = (s: string) => {
    const v = Number(s) * 1_000_000
    return `$${v < 1 ? +v.toFixed(3) : +v.toFixed(2)}`
  }
  return `${m(pricing.prompt)} / ${m(pricing.completion)} per M`
}

export function costOf(usage: Usage | undefined, pricing: ModelEntry['pricing']): number | undefined {
  if (!usage || !pricing) return undefined
  return usage.prompt_tokens * Number(pricing.prompt) + usage.completion_tokens * Number(pricing.completion)
}

export function dayGroup(ts: number, now = Date.now()): string {
  const d = new Date(ts)
  const today = new Date(now)
  today.setHours(0, 0, 0, 0)
  const diff = (today.getTime() - new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()) / 86_400_000
  if (diff <= 0) return 'Today'
  if (diff === 1) return 'Yesterday'
  if (diff < 7) return 'Previous 7 days'
  if (diff < 30) return 'Previous 30 days'
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'long' })
}
