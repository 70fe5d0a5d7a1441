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

/**
 * The footer's first-token timing: `TTFT 378 ms`, and when the model thought first, also when the answer
 * itself began (`TTFT 378 ms · answer 1.20 s`), with a tooltip that says which is which.
 */
export function formatTiming(ttftMs: number | undefined, answerMs?: number): { text: string; title: string } {
  const ttft = `TTFT ${formatMs(ttftMs)}`
  if (ttftMs === undefined || answerMs === undefined) return { text: ttft, title: 'Time to first token' }
  return {
    text: `${ttft} · answer ${formatMs(answerMs)}`,
    title: `Time to first token ${formatMs(ttftMs)} (the model's thinking came first); the answer itself began at ${formatMs(answerMs)}`,
  }
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

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0)

/**
 * The estimated cost of one answer from its usage and the model's list prices (per-token strings, as
 * `/v1/models` gives them). Prompt tokens read from the provider's cache (`cached_tokens`) are counted at
 * `input_cache_read`, those written to it (`cache_write_tokens`, Anthropic) at `input_cache_write`, except
 * the part written for an hour (`cache_creation.ephemeral_1h_input_tokens`) at `input_cache_write_1h`; the
 * rest at `prompt`. A model without a cache price has those tokens counted at the next price it has
 * (`input_cache_write`, then `prompt`), never a guess. A prompt longer than `long_context_threshold` tokens
 * puts the whole answer at the `*_long_context` prices (Gemini's Pro models above 200k tokens).
 */
export function costOf(usage: Usage | undefined, pricing: ModelEntry['pricing']): number | undefined {
  if (!usage || !pricing) return undefined
  const prompt = count(usage.prompt_tokens)
  const long =
    pricing.long_context_threshold !== undefined &&
    pricing.prompt_long_context !== undefined &&
    pricing.completion_long_context !== undefined &&
    prompt > Number(pricing.long_context_threshold)
  const input = Number(long ? pricing.prompt_long_context : pricing.prompt)
  const output = Number(long ? pricing.completion_long_context : pricing.completion)
  const cacheRead = long ? pricing.input_cache_read_long_context : pricing.input_cache_read
  const read = Math.min(count(usage.prompt_tokens_details?.cached_tokens), prompt)
  const written = Math.min(count(usage.prompt_tokens_details?.cache_write_tokens), prompt - read)
  const readPrice = cacheRead !== undefined ? Number(cacheRead) : input
  const writePrice = pricing.input_cache_write !== undefined ? Number(pricing.input_cache_write) : input
  const hourPrice =
    pricing.input_cache_write_1h !== undefined ? Number(pricing.input_cache_write_1h) : writePrice
  const byTtl = usage.cache_creation as { ephemeral_1h_input_tokens?: unknown } | null | undefined
  const hour = Math.min(count(byTtl?.ephemeral_1h_input_tokens), written)
  return (
    (prompt - read - written) * input +
    read * readPrice +
    (written - hour) * writePrice +
    hour * hourPrice +
    count(usage.completion_tokens) * output
  )
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
