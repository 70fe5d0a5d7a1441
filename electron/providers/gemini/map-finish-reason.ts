import type { FinishReason } from '../../../shared/openai'

const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'PROHIBITED_CONTENT',
  'SPII',
  'BLOCKLIST',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
])

/** Gemini's `finishReason` as OpenAI's `finish_reason`; a candidate that called a function -> tool_calls. */
export function mapFinishReason(reason: string | null | undefined, calledTools: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length'
  if (reason && FILTERED.has(reason)) return 'content_filter'
  // STOP, OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ... end the turn; OpenAI has no closer value.
  return calledTools ? 'tool_calls' : 'stop'
}
