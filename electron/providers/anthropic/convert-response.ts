/**
 * Anthropic's Message (non-streaming) as an OpenAI chat.completion: text joined, `tool_use` blocks as
 * `tool_calls`, thinking as `reasoning` plus `reasoning_details` (OpenRouter's shape, signatures kept),
 * web citations as `annotations`; the rest kept in vendor fields and reported (see extra-content.ts).
 */
import type { ChatCompletion, ToolCall } from '../../../shared/openai'
import { badResponse, nowSeconds } from '../translate'
import { type ReasoningDetail, THINKING_FORMAT } from './convert-prompt'
import { type AnthropicUsage, convertUsage, serviceTier } from './convert-usage'
import {
  blockWarning,
  citationsFor,
  citationWarning,
  type KeptBlock,
  type KeptCitation,
  MAPPED_BLOCKS,
  type ResponseWarning,
  type UrlCitation,
} from './extra-content'
import {
  isNewStopReason,
  mapStopReason,
  newStopReasonWarning,
  PAUSE_TURN,
  pauseWarning,
  refusalText,
  type StopDetails,
} from './map-stop-reason'

interface AnthropicMessage {
  id?: string
  model?: string
  content?: Array<Record<string, unknown>>
  stop_reason?: string | null
  stop_details?: StopDetails | null
  usage?: AnthropicUsage
}

/**
 * `answerTool`: the tool the request forced to carry `response_format` (answer-tool.ts). Its input is the
 * answer: returned as the content (JSON text), finish_reason `stop`, no tool_calls. Anthropic sends no text
 * before a forced tool_use; should it, that text is kept under `anthropic_blocks` so the content stays JSON.
 */
export function convertResponse(raw: unknown, fallbackModel: string, answerTool?: string): ChatCompletion {
  const msg = raw as AnthropicMessage
  if (typeof msg !== 'object' || msg === null || !Array.isArray(msg.content))
    throw badResponse('Anthropic', 'a response without content')
  const answer =
    answerTool === undefined
      ? undefined
      : msg.content.find((b) => b.type === 'tool_use' && b.name === answerTool)
  let text = ''
  let reasoning = ''
  const details: ReasoningDetail[] = []
  const toolCalls: ToolCall[] = []
  const annotations: UrlCitation[] = []
  const citations: KeptCitation[] = []
  const unmappedCitations: string[] = []
  const kept: KeptBlock[] = []
  const warnings: ResponseWarning[] = []
  msg.content.forEach((block, index) => {
    if (answer && block.type === 'text') {
      kept.push({ index, block })
      warnings.push(blockWarning('text'))
      return
    }
    if (block === answer) {
      text += JSON.stringify(block.input ?? {})
      return
    }
    switch (block.type) {
      case 'text': {
        const start = text.length
        text += String(block.text ?? '')
        if (Array.isArray(block.citations) && block.citations.length) {
          const c = citationsFor(block.citations as Array<Record<string, unknown>>, start, text.length)
          annotations.push(...c.annotations)
          citations.push(...c.kept)
          unmappedCitations.push(...c.unmapped)
        }
        return
      }
      case 'thinking':
        reasoning += String(block.thinking ?? '')
        details.push({
          type: 'reasoning.text',
          text: String(block.thinking ?? ''),
          signature: typeof block.signature === 'string' ? block.signature : null,
          format: THINKING_FORMAT,
          index,
        })
        return
      case 'redacted_thinking':
        details.push({
          type: 'reasoning.encrypted',
          data: String(block.data ?? ''),
          format: THINKING_FORMAT,
          index,
        })
        return
      case 'tool_use':
        toolCalls.push({
          id: String(block.id),
          type: 'function',
          function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) },
        })
        return
    }
    // Server-tool blocks and block types newer than this code: kept, and reported.
    if (!MAPPED_BLOCKS.has(String(block.type))) {
      kept.push({ index, block })
      warnings.push(blockWarning(String(block.type)))
    }
  })
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content: text || (toolCalls.length ? null : ''),
    refusal: null,
  }
  if (toolCalls.length) message.tool_calls = toolCalls
  if (msg.stop_reason === 'refusal') {
    message.refusal = refusalText(msg.stop_details)
    if (msg.stop_details) message.anthropic_stop_details = msg.stop_details
  }
  if (msg.stop_reason === PAUSE_TURN) {
    message.anthropic_stop_reason = PAUSE_TURN
    warnings.push(pauseWarning())
  } else if (isNewStopReason(msg.stop_reason)) {
    message.anthropic_stop_reason = msg.stop_reason
    warnings.push(newStopReasonWarning(msg.stop_reason))
  }
  if (details.length) {
    message.reasoning = reasoning
    message.reasoning_details = details
  }
  if (annotations.length) message.annotations = annotations
  if (citations.length) message.anthropic_citations = citations
  if (unmappedCitations.length) warnings.unshift(citationWarning(unmappedCitations))
  if (kept.length) message.anthropic_blocks = kept
  const mapped = mapStopReason(msg.stop_reason)
  // The forced answer tool ends the turn with stop_reason tool_use: to the client it is a finished answer.
  const finishReason = answer && mapped === 'tool_calls' ? 'stop' : mapped
  const out: ChatCompletion = {
    id: msg.id ?? 'msg_unknown',
    object: 'chat.completion',
    created: nowSeconds(),
    model: msg.model ?? fallbackModel,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
  }
  if (msg.usage) out.usage = convertUsage(msg.usage)
  const tier = serviceTier(msg.usage)
  if (tier) out.service_tier = tier
  if (warnings.length) out.localrouter_warnings = warnings
  return out
}
