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
    // Models that chat (generateContent) and embedding models (for /v1/embeddings, marked so a chat
    // picker can tell them apart); the rest (image, video, answer-only models) have no endpoint here.
    const chats = !Array.isArray(methods) || methods.includes('generateContent')
    const embeds =
      Array.isArray(methods) && (methods.includes('embedContent') || methods.includes('batchEmbedContents'))
    if (!chats && !embeds) continue
    const m: UpstreamModel = { id: row.name.replace(/^models\//, ''), owned_by: 'google' }
    if (!chats) {
      m.input_modalities = ['text']
      m.output_modalities = ['embeddings']
    }
    if (typeof row.displayName === 'string') m.name = row.displayName
    if (typeof row.inputTokenLimit === 'number' && row.inputTokenLimit > 0)
      m.context_length = row.inputTokenLimit
    if (chats && typeof row.outputTokenLimit === 'number' && row.outputTokenLimit > 0)
      m.max_output_tokens = row.outputTokenLimit
    out.push(m)
  }
  return out
}
