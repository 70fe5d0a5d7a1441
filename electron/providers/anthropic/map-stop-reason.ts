import type { FinishReason } from '../../../shared/openai'
import type { ResponseWarning } from './extra-content'

/** Anthropic's `stop_reason` as OpenAI's `finish_reason`. */
export function mapStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length'
    case 'tool_use':
      return 'tool_calls'
    case 'refusal':
      return 'content_filter'
    // end_turn, stop_sequence, pause_turn (a server tool paused the turn), and anything newer.
    default:
      return 'stop'
  }
}

/** Anthropic's `stop_details` of a refusal (`RefusalStopDetails` in @anthropic-ai/sdk 1.14.0). */
export interface StopDetails {
  type?: string
  category?: string | null
  explanation?: string | null
}

/** The OpenAI `refusal` text for a `stop_reason: "refusal"`: Anthropic's explanation, else what is known. */
export function refusalText(details: StopDetails | null | undefined): string {
  if (typeof details?.explanation === 'string' && details.explanation) return details.explanation
  const category = typeof details?.category === 'string' ? ` (category ${details.category})` : ''
  return `Anthropic declined to answer${category} (stop_reason refusal)`
}

/**
 * `stop_reason: "pause_turn"`: "we paused a long-running turn. You may provide the response back as-is in
 * a subsequent request to let the model continue" (`StopReason` in @anthropic-ai/sdk 1.14.0). OpenAI has
 * no such finish reason: the answer ends with `stop`, the reason is kept as `anthropic_stop_reason`, and
 * this warning says how to continue.
 */
export const PAUSE_TURN = 'pause_turn'
export function pauseWarning(): ResponseWarning {
  return {
    code: 'unmapped_content',
    type: 'stop_reason',
    message:
      'Anthropic paused a long-running turn (stop_reason pause_turn, kept in anthropic_stop_reason): the answer is not finished. Send the conversation back with this assistant message as it is (with its anthropic_blocks) as the last message, and the model continues it',
  }
}

/** `StopReason` values this code maps (anthropic-sdk-typescript `StopReason`, 2026-08). */
const KNOWN_STOP_REASONS: ReadonlySet<string> = new Set([
  'end_turn',
  'stop_sequence',
  'max_tokens',
  'model_context_window_exceeded',
  'tool_use',
  'refusal',
  PAUSE_TURN,
])

/** True for a `stop_reason` newer than this code: the answer ends with `stop`, the value is kept and reported. */
export function isNewStopReason(reason: string | null | undefined): reason is string {
  return typeof reason === 'string' && reason !== '' && !KNOWN_STOP_REASONS.has(reason)
}

export function newStopReasonWarning(reason: string): ResponseWarning {
  return {
    code: 'unmapped_content',
    type: 'stop_reason',
    message: `Anthropic ended the answer with stop_reason '${reason}', which this version does not know; finish_reason is 'stop' and the value is in anthropic_stop_reason`,
  }
}
