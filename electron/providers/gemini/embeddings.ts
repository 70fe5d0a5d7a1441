/**
 * OpenAI embeddings over Gemini's `models/{model}:batchEmbedContents` (https://ai.google.dev/api/embeddings).
 * Request: each input text becomes one `EmbedContentRequest` ({model, content: {parts: [{text}]}}), with
 * `dimensions` as `outputDimensionality`, and Gemini's own `task_type` / `title` passed on. Response:
 * `{embeddings: [{values}]}` in input order becomes OpenAI's list, as floats or, for
 * `encoding_format: "base64"` (what the openai SDKs ask for by default), little-endian float32 in base64.
 */
import { GatewayError } from '../../../shared/errors'
import { unsupported } from '../translate'
import type { AdapterContext, Warning } from '../types'

const LABEL = 'Gemini'

/** OpenAI fields handled here; anything else (but Gemini's own below) is reported, not sent. */
const HANDLED = new Set(['model', 'input', 'dimensions', 'encoding_format'])
/** Gemini's own per-request fields, accepted in either spelling. */
const NATIVE: Record<string, string> = {
  task_type: 'taskType',
  taskType: 'taskType',
  title: 'title',
}

export interface OpenAIEmbeddings {
  object: 'list'
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>
  model: string
  usage: { prompt_tokens: number; total_tokens: number }
}

function invalid(message: string): GatewayError {
  return new GatewayError(400, message, { code: 'invalid_request', param: 'input' })
}

/** The input texts: a string or an array of strings (Gemini embeds text, not token ids). */
function texts(input: unknown): string[] {
  const list = Array.isArray(input) ? input : [input]
  if (!list.length) throw invalid("Invalid request: 'input' must not be empty")
  for (const item of list) {
    if (typeof item === 'string') continue
    if (typeof item === 'number' || Array.isArray(item))
      throw invalid(
        `${LABEL} embeds text only: 'input' as token ids (arrays of numbers) cannot be sent; send the text`,
      )
    throw invalid("Invalid request: 'input' must be a string or an array of strings")
  }
  return list as string[]
}

export function embeddingsBody(
  ctx: AdapterContext,
  body: Record<string, unknown>,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = []
  const extra: Record<string, unknown> = {}
  if (body.dimensions !== undefined && body.dimensions !== null) extra.outputDimensionality = body.dimensions
  const format = body.encoding_format
  if (format !== undefined && format !== null && format !== 'float' && format !== 'base64')
    warnings.push(
      unsupported(
        LABEL,
        'encoding_format',
        `'${String(format)}' is not float or base64; floats were returned`,
      ),
    )
  for (const [key, value] of Object.entries(body)) {
    if (HANDLED.has(key) || value === undefined || value === null) continue
    const native = NATIVE[key]
    if (native) extra[native] = value
    else warnings.push(unsupported(LABEL, key))
  }
  const model = `models/${ctx.model.replace(/^models\//, '')}`
  return {
    body: {
      requests: texts(body.input).map((text) => ({ model, content: { parts: [{ text }] }, ...extra })),
    },
    warnings,
  }
}

function base64(values: number[]): string {
  const floats = new Float32Array(values)
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64')
}

export function embeddingsResponse(
  ctx: AdapterContext,
  raw: unknown,
  request: Record<string, unknown>,
): OpenAIEmbeddings {
  const list = (raw as { embeddings?: unknown } | null)?.embeddings
  if (!Array.isArray(list) || !list.every((e) => Array.isArray((e as { values?: unknown })?.values)))
    throw new GatewayError(502, `${LABEL} sent an embeddings response without embeddings[].values`, {
      code: 'upstream_bad_response',
      provider: ctx.provider.id,
    })
  const asBase64 = request.encoding_format === 'base64'
  // Gemini's batchEmbedContents reports no token counts; a usageMetadata, where sent, is used.
  const tokens = (raw as { usageMetadata?: { promptTokenCount?: unknown } }).usageMetadata?.promptTokenCount
  const prompt = typeof tokens === 'number' ? tokens : 0
  return {
    object: 'list',
    data: list.map((e: { values: number[] }, index) => ({
      object: 'embedding',
      index,
      embedding: asBase64 ? base64(e.values) : e.values,
    })),
    model: ctx.model,
    usage: { prompt_tokens: prompt, total_tokens: prompt },
  }
}
