/** Anthropic's `GET /v1/models` (`{data:[{id, display_name, created_at, max_input_tokens, max_tokens, ...}]}`). */
import { GatewayError } from '../../../shared/errors'
import type { UpstreamModel } from '../types'

export function parseAnthropicModels(body: unknown): UpstreamModel[] {
  const rows = (body as { data?: unknown })?.data
  if (!Array.isArray(rows))
    throw new GatewayError(502, 'Anthropic sent a model list in an unknown shape', {
      code: 'upstream_bad_models',
    })
  const out: UpstreamModel[] = []
  for (const row of rows as Array<Record<string, unknown>>) {
    if (typeof row?.id !== 'string' || !row.id) continue
    const m: UpstreamModel = { id: row.id, owned_by: 'anthropic' }
    if (typeof row.display_name === 'string') m.name = row.display_name
    if (typeof row.created_at === 'string') {
      const t = Date.parse(row.created_at)
      if (Number.isFinite(t)) m.created = Math.floor(t / 1000)
    }
    if (typeof row.max_input_tokens === 'number' && row.max_input_tokens > 0)
      m.context_length = row.max_input_tokens
    if (typeof row.max_tokens === 'number' && row.max_tokens > 0) m.max_output_tokens = row.max_tokens
    const caps = row.capabilities as {
      image_input?: { supported?: boolean }
      pdf_input?: { supported?: boolean }
    } | null
    if (caps && typeof caps === 'object') {
      const input = ['text']
      if (caps.image_input?.supported) input.push('image')
      if (caps.pdf_input?.supported) input.push('file')
      m.input_modalities = input
      m.output_modalities = ['text']
    }
    out.push(m)
  }
  return out
}
