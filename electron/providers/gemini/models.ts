/** Gemini's `GET /v1beta/models` (`{models:[{name:"models/...", displayName, inputTokenLimit, outputTokenLimit, ...}]}`). */
import { GatewayError } from '../../../shared/errors'
import type { UpstreamModel } from '../types'

export function parseGeminiModels(body: unknown): UpstreamModel[] {
  const rows = (body as { models?: unknown })?.models
  if (!Array.isArray(rows))
    throw new GatewayError(502, 'Gemini sent a model list in an unknown shape', {
      code: 'upstream_bad_models',
    })
  const out: UpstreamModel[] = []
  for (const row of rows as Array<Record<string, unknown>>) {
    if (typeof row?.name !== 'string' || !row.name) continue
    const methods = row.supportedGenerationMethods
    // Only models that chat: embedding and other models have no generateContent.
    if (Array.isArray(methods) && !methods.includes('generateContent')) continue
    const m: UpstreamModel = { id: row.name.replace(/^models\//, ''), owned_by: 'google' }
    if (typeof row.displayName === 'string') m.name = row.displayName
    if (typeof row.inputTokenLimit === 'number' && row.inputTokenLimit > 0)
      m.context_length = row.inputTokenLimit
    if (typeof row.outputTokenLimit === 'number' && row.outputTokenLimit > 0)
      m.max_output_tokens = row.outputTokenLimit
    out.push(m)
  }
  return out
}
