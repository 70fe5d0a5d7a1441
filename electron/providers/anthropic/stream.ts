/**
 * Anthropic's SSE (`message_start`, `content_block_start/delta/stop`, `message_delta`, `message_stop`,
 * `ping`, `error`) as OpenAI chunks, emitted as each event arrives. Each `tool_use` block gets the next
 * tool-call index, so parallel calls stay apart; its `input_json_delta`s are the argument fragments.
 * A text block's citations go out when the block ends (web ones as `annotations`, all of them under
 * `anthropic_citations`); server-tool and unknown blocks go out whole under `anthropic_blocks` when they
 * end, unknown deltas and events under `anthropic_events`, each with `localrouter_warnings` on the chunk.
 */
import { GatewayError, typeForStatus } from '../../../shared/errors'
import type { ChatRequest } from '../../../shared/openai'
import { ChunkWriter, incompleteStream, streamError, wantsUsage } from '../translate'
import type { SseEvent, StreamOut, StreamTranslator } from '../types'
import { THINKING_FORMAT } from './convert-prompt'
import { type AnthropicUsage, convertUsage, mergeUsage, serviceTier } from './convert-usage'
import {
  blockWarning,
  citationsFor,
  citationWarning,
  MAPPED_BLOCKS,
  type ResponseWarning,
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

interface BlockState {
  kind: string
  /** Tool-call index (tool_use blocks only). */
  tool?: number
  /** The forced answer tool's block: its input JSON is streamed as content. */
  answer?: boolean
  args?: boolean
  /** Text blocks: where the block starts in the content, and the citations streamed for it. */
  start?: number
  citations?: Array<Record<string, unknown>>
  /** Blocks with no OpenAI equivalent: the block as sent, and its streamed input JSON. */
  kept?: Record<string, unknown>
  json?: string
}

/** Anthropic's error types with the HTTP status they stand for (for an `error` event mid-stream). */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
}

export class AnthropicStream implements StreamTranslator {
  private readonly out: ChunkWriter
  private readonly includeUsage: boolean
  private readonly blocks = new Map<number, BlockState>()
  private usage: AnthropicUsage = {}
  private tools = 0
  /** Length of the content sent so far (citation ranges are offsets into it). */
  private contentLength = 0
  private started = false
  private finished = false
  private closed = false
  /** True once the answer tool (answer-tool.ts) was called: its tool_use stop is a finished answer. */
  private answered = false

  /** `answerTool`: the tool the request forced to carry `response_format`, if any (answer-tool.ts). */
  constructor(
    model: string,
    body: ChatRequest,
    private readonly answerTool?: string,
  ) {
    this.out = new ChunkWriter('msg_pending', model)
    this.includeUsage = wantsUsage(body)
  }

  push(event: SseEvent): StreamOut[] {
    if (this.closed) return []
    let data: Record<string, unknown>
    try {
      data = JSON.parse(event.data) as Record<string, unknown>
    } catch {
      this.closed = true
      return [streamError('Anthropic sent a stream event that is not JSON', 'upstream_bad_stream')]
    }
    const type = (data?.type as string | undefined) ?? event.event
    switch (type) {
      case 'message_start':
        return this.start(data.message as Record<string, unknown> | undefined)
      case 'content_block_start':
        return this.blockStart(data.index as number, data.content_block as Record<string, unknown>)
      case 'content_block_delta':
        return this.blockDelta(data.index as number, data.delta as Record<string, unknown>)
      case 'content_block_stop':
        return this.blockStop(data.index as number)
      case 'message_delta': {
        this.usage = mergeUsage(this.usage, data.usage as AnthropicUsage | undefined)
        const d = data.delta as { stop_reason?: string | null; stop_details?: StopDetails | null } | undefined
        const reason = d?.stop_reason
        if (reason === undefined || reason === null) return []
        this.finished = true
        const out = this.ensureStarted()
        if (reason === 'refusal') {
          const delta: Record<string, unknown> = { refusal: refusalText(d?.stop_details) }
          if (d?.stop_details) delta.anthropic_stop_details = d.stop_details
          out.push(this.out.delta(delta))
        }
        if (reason === PAUSE_TURN)
          out.push(this.unmapped({ anthropic_stop_reason: PAUSE_TURN }, pauseWarning()))
        else if (isNewStopReason(reason))
          out.push(this.unmapped({ anthropic_stop_reason: reason }, newStopReasonWarning(reason)))
        const mapped = mapStopReason(reason)
        out.push(this.out.finish(this.answered && mapped === 'tool_calls' ? 'stop' : mapped))
        return out
      }
      case 'message_stop': {
        this.closed = true
        const out = this.ensureStarted()
        if (!this.finished) out.push(this.out.finish('stop'))
        if (this.includeUsage) out.push(this.out.usage(convertUsage(this.usage)))
        out.push({ kind: 'done' })
        return out
      }
      case 'error': {
        this.closed = true
        const e = (data.error ?? {}) as { type?: string; message?: string }
        const status = ERROR_STATUS[e.type ?? ''] ?? 502
        return [
          {
            kind: 'error',
            error: new GatewayError(status, e.message || 'Anthropic reported an error mid-stream', {
              type: e.type ?? typeForStatus(status),
              code: e.type === 'overloaded_error' ? 'overloaded' : (e.type ?? 'upstream_stream_error'),
            }),
          },
        ]
      }
      case 'ping':
        return []
      default:
        // Event types newer than this code: passed on as sent, and reported.
        return [
          ...this.ensureStarted(),
          this.unmapped({ anthropic_events: [data] }, blockWarning(String(type), 'anthropic_events')),
        ]
    }
  }

  /** A chunk carrying content OpenAI's format has no field for, with the warning that says so. */
  private unmapped(delta: Record<string, unknown>, ...warnings: ResponseWarning[]): StreamOut {
    return this.out.delta(delta, 0, warnings)
  }

  end(): StreamOut[] {
    if (this.closed) return []
    this.closed = true
    return [incompleteStream('Anthropic')]
  }

  private ensureStarted(): StreamOut[] {
    if (this.started) return []
    this.started = true
    return [this.out.delta({ role: 'assistant', content: '' })]
  }

  private start(message: Record<string, unknown> | undefined): StreamOut[] {
    if (message) {
      if (typeof message.id === 'string') this.out.id = message.id
      if (typeof message.model === 'string') this.out.model = message.model
      this.usage = mergeUsage(this.usage, message.usage as AnthropicUsage | undefined)
      // On every chunk, as OpenAI streams it (the non-streamed completion has it too).
      this.out.serviceTier = serviceTier(this.usage)
    }
    return this.ensureStarted()
  }

  private blockStart(index: number, block: Record<string, unknown> | undefined): StreamOut[] {
    const kind = String(block?.type ?? '')
    const state: BlockState = { kind }
    this.blocks.set(index, state)
    const out = this.ensureStarted()
    if (!MAPPED_BLOCKS.has(kind)) {
      // Sent whole when it ends, with the input JSON streamed for it.
      state.kept = { ...block }
      return out
    }
    if (kind === 'text') {
      state.start = this.contentLength
      if (Array.isArray(block?.citations) && block.citations.length)
        state.citations = [...(block.citations as Array<Record<string, unknown>>)]
    }
    if (kind === 'tool_use' && block && this.answerTool !== undefined && block.name === this.answerTool) {
      // The answer itself: its input_json_delta fragments become content deltas.
      state.answer = true
      this.answered = true
    } else if (kind === 'tool_use' && block) {
      state.tool = this.tools++
      out.push(
        this.out.delta({
          tool_calls: [
            {
              index: state.tool,
              id: String(block.id),
              type: 'function',
              function: { name: String(block.name), arguments: '' },
            },
          ],
        }),
      )
    } else if (kind === 'text' && typeof block?.text === 'string' && block.text) {
      this.contentLength += block.text.length
      out.push(this.out.delta({ content: block.text }))
    } else if (kind === 'redacted_thinking' && block) {
      out.push(
        this.out.delta({
          reasoning_details: [
            { type: 'reasoning.encrypted', data: String(block.data ?? ''), format: THINKING_FORMAT, index },
          ],
        }),
      )
    }
    return out
  }

  private blockDelta(index: number, delta: Record<string, unknown> | undefined): StreamOut[] {
    if (!delta) return []
    const out = this.ensureStarted()
    const state = this.blocks.get(index)
    switch (delta.type) {
      case 'text_delta':
        if (delta.text) {
          const text = String(delta.text)
          this.contentLength += text.length
          out.push(this.out.delta({ content: text }))
        }
        break
      case 'citations_delta':
        if (state?.kept && delta.citation && typeof delta.citation === 'object')
          ((state.kept.citations ??= []) as unknown[]).push(delta.citation)
        else if (state && delta.citation && typeof delta.citation === 'object')
          (state.citations ??= []).push(delta.citation as Record<string, unknown>)
        else
          out.push(
            this.unmapped(
              { anthropic_events: [{ index, delta }] },
              blockWarning('citations_delta', 'anthropic_events'),
            ),
          )
        break
      case 'input_json_delta': {
        const fragment = String(delta.partial_json ?? '')
        if (state?.answer && fragment) {
          state.args = true
          this.contentLength += fragment.length
          out.push(this.out.delta({ content: fragment }))
        } else if (state?.tool !== undefined && fragment) {
          state.args = true
          out.push(this.out.delta({ tool_calls: [{ index: state.tool, function: { arguments: fragment } }] }))
        } else if (state?.kept) state.json = (state.json ?? '') + fragment
        break
      }
      case 'thinking_delta': {
        const text = String(delta.thinking ?? '')
        out.push(
          this.out.delta({
            reasoning: text,
            reasoning_details: [{ type: 'reasoning.text', text, format: THINKING_FORMAT, index }],
          }),
        )
        break
      }
      case 'signature_delta':
        out.push(
          this.out.delta({
            reasoning_details: [
              {
                type: 'reasoning.text',
                text: '',
                signature: String(delta.signature ?? ''),
                format: THINKING_FORMAT,
                index,
              },
            ],
          }),
        )
        break
      default:
        // Delta types newer than this code: kept with their block, or passed on as sent; reported.
        if (state?.kept) ((state.kept.deltas ??= []) as unknown[]).push(delta)
        else
          out.push(
            this.unmapped(
              { anthropic_events: [{ index, delta }] },
              blockWarning(String(delta.type), 'anthropic_events'),
            ),
          )
    }
    return out
  }

  private blockStop(index: number): StreamOut[] {
    const state = this.blocks.get(index)
    if (!state) return []
    // A tool called without input streams no fragments: its arguments are still a JSON object.
    if (state.answer && !state.args) {
      this.contentLength += 2
      return [this.out.delta({ content: '{}' })]
    }
    if (state.tool !== undefined && !state.args)
      return [this.out.delta({ tool_calls: [{ index: state.tool, function: { arguments: '{}' } }] })]
    if (state.citations?.length) {
      const c = citationsFor(state.citations, state.start ?? 0, this.contentLength)
      const delta: Record<string, unknown> = { anthropic_citations: c.kept }
      if (c.annotations.length) delta.annotations = c.annotations
      return [c.unmapped.length ? this.unmapped(delta, citationWarning(c.unmapped)) : this.out.delta(delta)]
    }
    if (state.kept) {
      const block = state.kept
      if (state.json !== undefined) {
        try {
          block.input = JSON.parse(state.json)
        } catch {
          block.partial_json = state.json
        }
      }
      return [this.unmapped({ anthropic_blocks: [{ index, block }] }, blockWarning(state.kind))]
    }
    return []
  }
}
