/**
 * Gemini's GenerateContentResponse (non-streaming) as an OpenAI chat.completion, one choice per candidate.
 */
import type { ChatCompletion, ToolCall } from '../../../shared/openai'
import { badResponse, nowSeconds } from '../translate'
import { type GeminiUsage, convertUsage } from './convert-usage'
import { mapFinishReason } from './map-finish-reason'
import { type GeminiPart, type SignatureDetail, signatureDetail, toolCallOf } from './parts'

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] }
  finishReason?: string
  index?: number
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[]
  promptFeedback?: { blockReason?: string }
  usageMetadata?: GeminiUsage
  modelVersion?: string
  responseId?: string
  error?: unknown
}

export function convertResponse(raw: unknown, fallbackModel: string): ChatCompletion {
  const res = raw as GeminiResponse
  if (typeof res !== 'object' || res === null) throw badResponse('Gemini', 'a response that is not an object')
  const candidates = Array.isArray(res.candidates) ? res.candidates : []
  if (!candidates.length && !res.promptFeedback?.blockReason)
    throw badResponse('Gemini', 'a response without candidates')
  const choices: ChatCompletion['choices'] = candidates.map((c, i) => {
    let text = ''
    let reasoning = ''
    const calls: ToolCall[] = []
    const details: SignatureDetail[] = []
    ;(c.content?.parts ?? []).forEach((part, index) => {
      let id: string | undefined
      if (part.functionCall) {
        const call = toolCallOf(part)
        calls.push(call)
        id = call.id
      } else if (typeof part.text === 'string') {
        if (part.thought) reasoning += part.text
        else text += part.text
      }
      if (typeof part.thoughtSignature === 'string')
        details.push(signatureDetail(part.thoughtSignature, index, id))
    })
    const message: ChatCompletion['choices'][number]['message'] = {
      role: 'assistant',
      content: text || (calls.length ? null : ''),
      refusal: null,
    }
    if (calls.length) message.tool_calls = calls
    if (reasoning) message.reasoning = reasoning
    if (details.length) message.reasoning_details = details
    return {
      index: typeof c.index === 'number' ? c.index : i,
      message,
      finish_reason: mapFinishReason(c.finishReason, calls.length > 0),
      logprobs: null,
    }
  })
  if (!choices.length)
    // The prompt itself was blocked: no candidate at all.
    choices.push({
      index: 0,
      message: { role: 'assistant', content: '', refusal: null },
      finish_reason: 'content_filter',
      logprobs: null,
    })
  const out: ChatCompletion = {
    id: res.responseId ?? 'gemini-response',
    object: 'chat.completion',
    created: nowSeconds(),
    model: res.modelVersion ?? fallbackModel,
    choices,
  }
  if (res.usageMetadata) out.usage = convertUsage(res.usageMetadata)
  return out
}
