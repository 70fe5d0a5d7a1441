/**
 * Gemini's `streamGenerateContent?alt=sse` events (each a whole GenerateContentResponse) as OpenAI
 * chunks. Text and thoughts stream as deltas; each function call arrives whole in its own event (part
 * index 0 every time), so every call gets the next tool-call index and stays apart from the others.
 * Gemini has no closing event: a candidate's `finishReason` marks the answer complete, and a body that
 * ends without one is an incomplete stream.
 */
import { GatewayError, typeForStatus } from '../../../shared/errors'
import type { ChatRequest, FinishReason } from '../../../shared/openai'
import { ChunkWriter, incompleteStream, streamError, wantsUsage } from '../translate'
import type { SseEvent, StreamOut, StreamTranslator } from '../types'
import { type GeminiUsage, convertUsage } from './convert-usage'
import type { GeminiResponse } from './convert-response'
import {
  candidateExtras,
  imageOf,
  otherPartKind,
  partWarning,
  promptBlocked,
  type ResponseWarning,
} from './extra-content'
import { convertLogprobs } from './logprobs'
import { mapFinishReason } from './map-finish-reason'
import { googleExtra, signatureDetail, toolCallOf } from './parts'

interface ChoiceState {
  tools: number
  parts: number
  /** The answer text so far, which grounding annotations point into. */
  text: string
  finish?: FinishReason
}

export class GeminiStream implements StreamTranslator {
  private readonly out: ChunkWriter
  private readonly includeUsage: boolean
  private readonly expected: number
  private readonly choices = new Map<number, ChoiceState>()
  private usage: GeminiUsage | undefined
  private finished = 0
  private closed = false

  constructor(model: string, body: ChatRequest) {
    this.out = new ChunkWriter('gemini-response', model)
    this.includeUsage = wantsUsage(body)
    this.expected = typeof body.n === 'number' && body.n > 1 ? body.n : 1
  }

  push(event: SseEvent): StreamOut[] {
    if (this.closed) return []
    let res: GeminiResponse
    try {
      res = JSON.parse(event.data) as GeminiResponse
    } catch {
      this.closed = true
      return [streamError('Gemini sent a stream event that is not JSON', 'upstream_bad_stream')]
    }
    if (Array.isArray(res)) res = res[0] as GeminiResponse
    if (typeof res !== 'object' || res === null) {
      this.closed = true
      return [streamError('Gemini sent a stream event that is not an object', 'upstream_bad_stream')]
    }
    if (res.error) return this.error(res.error)
    if (res.responseId && this.out.id === 'gemini-response') this.out.id = res.responseId
    if (res.modelVersion) this.out.model = res.modelVersion
    if (res.usageMetadata) this.usage = res.usageMetadata
    const out: StreamOut[] = []
    const candidates = Array.isArray(res.candidates) ? res.candidates : []
    if (!candidates.length && res.promptFeedback?.blockReason) {
      // The prompt was blocked: a refusal that says so, then a filtered finish.
      const state = this.state(0, out)
      if (!state.finish) {
        const blocked = promptBlocked(res.promptFeedback)
        out.push(this.unmapped({ refusal: blocked.refusal, ...blocked.fields }, 0, blocked.warnings))
        this.finishChoice(state, 'content_filter', 0, out)
      }
      this.finished = this.expected
      return out
    }
    candidates.forEach((c, i) => {
      const index = typeof c.index === 'number' ? c.index : i
      const state = this.state(index, out)
      // Asked for with `logprobs`: this event's tokens, on its first answer-text delta (or a chunk of their own).
      let logprobs = c.logprobsResult === undefined ? null : convertLogprobs(c.logprobsResult)
      for (const part of c.content?.parts ?? []) {
        const partIndex = state.parts++
        if (part.functionCall) {
          const call = toolCallOf(part)
          const delta: Record<string, unknown> = {
            tool_calls: [{ index: state.tools++, ...call }],
          }
          if (typeof part.thoughtSignature === 'string')
            delta.reasoning_details = [signatureDetail(part.thoughtSignature, partIndex, call.id)]
          out.push(this.out.delta(delta, index))
          continue
        }
        const delta: Record<string, unknown> = {}
        let any = false
        if (typeof part.text === 'string' && part.text) {
          any = true
          if (part.thought) delta.reasoning = part.text
          else {
            delta.content = part.text
            state.text += part.text
          }
        }
        if (typeof part.thoughtSignature === 'string') {
          any = true
          delta.reasoning_details = [signatureDetail(part.thoughtSignature, partIndex)]
          // Google's message-level signature is the text's; an image's stays in reasoning_details.
          if (typeof part.text === 'string' || otherPartKind(part) === undefined)
            delta.extra_content = googleExtra(part.thoughtSignature)
        }
        if (typeof part.text !== 'string') {
          // Neither text nor a call: an image (OpenRouter's `images`, with its signature if it has one),
          // else kept as sent and reported.
          const kind = otherPartKind(part)
          const at = state.text.length
          const image = kind === 'inlineData' ? imageOf(part, partIndex, at) : undefined
          if (image) {
            any = true
            delta.images = [image]
          } else if (kind)
            out.push(
              this.unmapped({ gemini_parts: [{ index: partIndex, content_offset: at, part }] }, index, [
                partWarning(kind),
              ]),
            )
        }
        if (any && logprobs !== null && delta.content !== undefined) {
          out.push(this.out.delta(delta, index, undefined, logprobs))
          logprobs = null
        } else if (any) out.push(this.out.delta(delta, index))
      }
      if (logprobs !== null && logprobs.content.length)
        out.push(this.out.delta({}, index, undefined, logprobs))
      const finish = c.finishReason ? mapFinishReason(c.finishReason, state.tools > 0) : undefined
      const extras = candidateExtras(c, state.text, finish === 'content_filter')
      if (extras.warnings.length) {
        const delta: Record<string, unknown> = { ...extras.fields }
        if (extras.annotations.length) delta.annotations = extras.annotations
        out.push(this.unmapped(delta, index, extras.warnings))
      }
      if (finish && !state.finish) this.finishChoice(state, finish, index, out)
    })
    return out
  }

  end(): StreamOut[] {
    if (this.closed) return []
    this.closed = true
    if (this.finished < Math.max(1, Math.min(this.expected, this.choices.size || 1)))
      return [incompleteStream('Gemini')]
    const out: StreamOut[] = []
    if (this.includeUsage) out.push(this.out.usage(convertUsage(this.usage ?? {})))
    out.push({ kind: 'done' })
    return out
  }

  private state(index: number, out: StreamOut[]): ChoiceState {
    let state = this.choices.get(index)
    if (!state) {
      state = { tools: 0, parts: 0, text: '' }
      this.choices.set(index, state)
      out.push(this.out.delta({ role: 'assistant', content: '' }, index))
    }
    return state
  }

  /** A chunk carrying content OpenAI's format has no field for, with the warnings that say so. */
  private unmapped(delta: Record<string, unknown>, index: number, warnings: ResponseWarning[]): StreamOut {
    return this.out.delta(delta, index, warnings)
  }

  private finishChoice(state: ChoiceState, reason: FinishReason, index: number, out: StreamOut[]): void {
    state.finish = reason
    this.finished++
    out.push(this.out.finish(reason, index))
  }

  private error(raw: unknown): StreamOut[] {
    this.closed = true
    const e = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as {
      code?: number
      message?: string
      status?: string
    }
    const status = typeof e.code === 'number' && e.code >= 400 && e.code <= 599 ? e.code : 502
    return [
      {
        kind: 'error',
        error: new GatewayError(status, e.message || 'Gemini reported an error mid-stream', {
          type: typeForStatus(status),
          code: e.status ? e.status.toLowerCase() : 'upstream_stream_error',
        }),
      },
    ]
  }
}
