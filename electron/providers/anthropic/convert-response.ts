/**
 * Anthropic's Message (non-streaming) as an OpenAI chat.completion: text joined, `tool_use` blocks as
 * `tool_calls`, thinking as `reasoning` plus `reasoning_details` (OpenRouter's shape, signatures kept).
 */
import type { ChatCompletion, ToolCall } from '../../../shared/openai'
import { badResponse, nowSeconds } from '../translate'
import { type ReasoningDetail, THINKING_FORMAT } from './convert-prompt'
import { type AnthropicUsage, convertUsage } from './convert-usage'
import { mapStopReason } from './map-stop-reason'

interface AnthropicMessage {
  id?: string
  model?: string
  content?: Array<Record<string, unknown>>
  stop_reason?: string | null
  usage?: AnthropicUsage
}

export function convertResponse(raw: unknown, fallbackModel: string): ChatCompletion {
  const msg = raw as AnthropicMessage
  if (typeof msg !== 'object' || msg === null || !Array.isArray(msg.content))
    throw badResponse('Anthropic', 'a response without content')
  let text = ''
  let reasoning = ''
  const details: ReasoningDetail[] = []
  const toolCalls: ToolCall[] = []
  msg.content.forEach((block, index) => {
    switch (block.type) {
      case 'text':
        text += String(block.text ?? '')
        return
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
  })
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content: text || (toolCalls.length ? null : ''),
    refusal: null,
  }
  if (toolCalls.length) message.tool_calls = toolCalls
  if (details.length) {
    message.reasoning = reasoning
    message.reasoning_details = details
  }
  const out: ChatCompletion = {
    id: msg.id ?? 'msg_unknown',
    object: 'chat.completion',
    created: nowSeconds(),
    model: msg.model ?? fallbackModel,
    choices: [{ index: 0, message, finish_reason: mapStopReason(msg.stop_reason), logprobs: null }],
  }
  if (msg.usage) out.usage = convertUsage(msg.usage)
  return out
}
