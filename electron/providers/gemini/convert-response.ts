/**
 * Gemini's GenerateContentResponse (non-streaming) as an OpenAI chat.completion, one choice per candidate.
 */
import type { ChatCompletion, ToolCall } from '../../../shared/openai'
import { badResponse, nowSeconds } from '../translate'
import { type GeminiUsage, convertUsage } from './convert-usage'
import {
  candidateExtras,
  imageOf,
  type KeptPart,
  otherPartKind,
  partWarning,
  promptBlocked,
  type ResponseWarning,
} from './extra-content'
import { convertLogprobs } from './logprobs'
import { mapFinishReason } from './map-finish-reason'
import { type GeminiPart, googleExtra, type SignatureDetail, signatureDetail, toolCallOf } from './parts'

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] }
  finishReason?: string
  index?: number
  [k: string]: unknown
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[]
  promptFeedback?: { blockReason?: string; [k: string]: unknown }
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
  const warnings: ResponseWarning[] = []
  const choices: ChatCompletion['choices'] = candidates.map((c, i) => {
    let text = ''
    let reasoning = ''
    const calls: ToolCall[] = []
    const details: SignatureDetail[] = []
    /** Where each part begins in `text`, for grounding segments that give a part index and byte offsets. */
    const partStarts: number[] = []
    let textSignature: string | undefined
    const images: Array<NonNullable<ReturnType<typeof imageOf>>> = []
    const kept: KeptPart[] = []
    ;(c.content?.parts ?? []).forEach((part, index) => {
      partStarts[index] = text.length
      let id: string | undefined
      if (part.functionCall) {
        const call = toolCallOf(part)
        calls.push(call)
        id = call.id
      } else if (typeof part.text === 'string') {
        if (part.thought) reasoning += part.text
        else text += part.text
      } else {
        const kind = otherPartKind(part)
        const image = kind === 'inlineData' ? imageOf(part, index, text.length) : undefined
        if (image) images.push(image)
        else if (kind) {
          kept.push({ index, content_offset: text.length, part })
          warnings.push(partWarning(kind))
        }
      }
      if (typeof part.thoughtSignature === 'string') {
        details.push(signatureDetail(part.thoughtSignature, index, id))
        // A text part's signature also where Google's OpenAI-compatible endpoint puts it: on the message
        // (an image's or a kept part's stays only in reasoning_details, with its index).
        if (!id && textSignature === undefined && otherPartKind(part) === undefined)
          textSignature = part.thoughtSignature
      }
    })
    const message: ChatCompletion['choices'][number]['message'] = {
      role: 'assistant',
      content: text || (calls.length ? null : ''),
      refusal: null,
    }
    if (calls.length) message.tool_calls = calls
    if (reasoning) message.reasoning = reasoning
    if (details.length) message.reasoning_details = details
    if (textSignature !== undefined) message.extra_content = googleExtra(textSignature)
    if (images.length) message.images = images
    if (kept.length) message.gemini_parts = kept
    const finish = mapFinishReason(c.finishReason, calls.length > 0)
    const extras = candidateExtras(c, text, finish === 'content_filter', partStarts)
    if (extras.annotations.length) message.annotations = extras.annotations
    Object.assign(message, extras.fields)
    warnings.push(...extras.warnings)
    return {
      index: typeof c.index === 'number' ? c.index : i,
      message,
      finish_reason: finish,
      logprobs: convertLogprobs(c.logprobsResult),
    }
  })
  if (!choices.length && res.promptFeedback?.blockReason) {
    // The prompt itself was blocked: no candidate at all. A refusal that says so, never an empty answer.
    const blocked = promptBlocked(res.promptFeedback)
    choices.push({
      index: 0,
      message: { role: 'assistant', content: null, refusal: blocked.refusal, ...blocked.fields },
      finish_reason: 'content_filter',
      logprobs: null,
    })
    warnings.push(...blocked.warnings)
  }
  const out: ChatCompletion = {
    id: res.responseId ?? 'gemini-response',
    object: 'chat.completion',
    created: nowSeconds(),
    model: res.modelVersion ?? fallbackModel,
    choices,
  }
  if (res.usageMetadata) out.usage = convertUsage(res.usageMetadata)
  if (warnings.length) out.localrouter_warnings = warnings
  return out
}
