import type { FinishReason } from '../../../shared/openai'

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
