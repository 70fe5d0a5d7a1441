/**
 * Models a provider lists that cannot answer `/v1/chat/completions`: embeddings, speech, transcription,
 * images, moderation, reranking, OCR, realtime (WebSocket only) and the legacy completions-only models.
 * OpenAI's own list is mostly these. The chat UI leaves them out of its model picker unless asked; the
 * gateway lists every model, as OpenAI does. Data, matched on the model id without its provider: add a row.
 */
import type { ModelEntry } from './openai'

export const NOT_FOR_CHAT: ReadonlyArray<{ pattern: RegExp; kind: string }> = [
  // text-embedding-3-small, gemini-embedding-001, mistral-embed, nomic-embed-text, embed-english-v3.0
  { pattern: /embed/i, kind: 'embeddings' },
  // gpt-4o-mini-tts, tts-1-hd, playai-tts
  { pattern: /(^|[-_.])tts([-_.]|$)/i, kind: 'speech' },
  // whisper-1, whisper-large-v3-turbo, gpt-4o-transcribe
  { pattern: /whisper|transcribe/i, kind: 'transcription' },
  // dall-e-3, gpt-image-1, imagen-4.0-generate-001, sora-2, FLUX.1-schnell, stable-diffusion-xl
  { pattern: /^(dall-e|gpt-image|imagen|sora)|flux\.|stable-diffusion|sdxl/i, kind: 'images' },
  // omni-moderation-latest, mistral-moderation-latest
  { pattern: /moderation/i, kind: 'moderation' },
  // rerank-v3.5, bge-reranker
  { pattern: /rerank/i, kind: 'reranking' },
  // mistral-ocr-latest
  { pattern: /(^|[-_])ocr([-_]|$)/i, kind: 'OCR' },
  // gpt-4o-realtime-preview, gpt-realtime: WebSocket only
  { pattern: /realtime/i, kind: 'realtime' },
  // Legacy text completions only (POST /v1/completions): babbage-002, davinci-002, gpt-3.5-turbo-instruct
  { pattern: /^(babbage|davinci)-002$|^gpt-3\.5-turbo-instruct/i, kind: 'text completions' },
]

/**
 * What a model is for when it is not chat (`embeddings`, `speech`, …), else undefined. A model whose
 * listed output modalities lack text (Gemini's embedding models: `["embeddings"]`) is not chat either.
 */
export function notForChat(m: Pick<ModelEntry, 'id' | 'architecture'>): string | undefined {
  const out = m.architecture?.output_modalities
  if (out && !out.includes('text')) return out.join(', ') || 'not chat'
  const model = m.id.slice(m.id.indexOf('/') + 1)
  return NOT_FOR_CHAT.find((r) => r.pattern.test(model))?.kind
}
