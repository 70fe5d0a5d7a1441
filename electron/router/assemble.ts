/**
 * A whole streamed answer as one: for a provider that streams (`text/event-stream`) to a request that did
 * not ask for a stream. The events go through the adapter's own stream translator, so
 * every dialect assembles the same way; the chunks are then merged as the OpenAI SDKs' stream helpers do.
 */
import { createParser } from 'eventsource-parser'
import { GatewayError } from '../../shared/errors'
import type { ChatCompletion, ChatCompletionChunk } from '../../shared/openai'
import { mergeReasoningDetails } from '../../shared/reasoning'
import type { StreamOut, StreamTranslator } from '../providers/types'

type Choice = ChatCompletion['choices'][number]
type Message = Choice['message']
interface ToolCallParts {
  id?: string
  type?: string
  function: { name?: string; arguments: string }
  /** Other fields a provider puts on a tool call (Gemini's `extra_content` signature), as last sent. */
  extra?: Record<string, unknown>
}

/**
 * Joins the text fields of a delta onto the message, and the list fields (`images`, `annotations`, vendor
 * lists such as `gemini_parts`) one after the other; anything else is kept as last sent.
 */
function mergeDelta(message: Message, calls: ToolCallParts[], delta: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(delta)) {
    if (k === 'tool_calls') {
      if (!Array.isArray(v)) continue
      for (const part of v as Array<Record<string, unknown>>) {
        const at = typeof part.index === 'number' ? part.index : calls.length
        const call = (calls[at] ??= { function: { arguments: '' } })
        if (typeof part.id === 'string') call.id = part.id
        if (typeof part.type === 'string') call.type = part.type
        const fn = part.function as { name?: unknown; arguments?: unknown } | undefined
        if (typeof fn?.name === 'string') call.function.name = fn.name
        if (typeof fn?.arguments === 'string') call.function.arguments += fn.arguments
        for (const key in part)
          if (key !== 'index' && key !== 'id' && key !== 'type' && key !== 'function' && part[key] != null)
            (call.extra ??= {})[key] = part[key]
      }
    } else if (k === 'role') {
      continue
    } else if (k === 'reasoning_details' && Array.isArray(v)) {
      mergeReasoningDetails((message[k] ??= []) as Array<Record<string, unknown>>, v)
    } else if (Array.isArray(v) && Array.isArray(message[k])) {
      ;(message[k] as unknown[]).push(...(v as unknown[]))
    } else if (Array.isArray(v)) {
      message[k] = [...(v as unknown[])]
    } else if (typeof v === 'string' && typeof message[k] === 'string') {
      message[k] = (message[k] as string) + v
    } else if (v !== null && v !== undefined) {
      message[k] = v
    }
  }
}

/**
 * The chunks of a whole SSE body, through `translator`, up to [DONE]. An error event (or a stream cut
 * before its end) is thrown as the error it is; a stream without any chunk is a 502.
 */
function streamChunks(translator: StreamTranslator, text: string): ChatCompletionChunk[] {
  const items: StreamOut[] = []
  const parser = createParser({ onEvent: (ev) => items.push(...translator.push(ev)) })
  parser.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  parser.reset({ consume: true })
  items.push(...translator.end())
  const chunks: ChatCompletionChunk[] = []
  for (const item of items) {
    if (item.kind === 'error') throw item.error
    if (item.kind === 'done') break
    chunks.push(item.chunk)
  }
  if (!chunks.length)
    throw new GatewayError(502, 'The provider sent a stream without an answer', {
      code: 'upstream_bad_response',
    })
  return chunks
}

/** A whole streamed chat answer as one chat completion (see the top of this file). */
export function assembleStream(translator: StreamTranslator, text: string): ChatCompletion {
  const chunks = streamChunks(translator, text)
  const head = chunks[0]!
  const choices = new Map<number, { choice: Choice; calls: ToolCallParts[] }>()
  let usage: ChatCompletion['usage']
  /** What each chunk said it kept in a vendor field (the answer's, all of them, as a completion has). */
  const warnings: unknown[] = []
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage
    if (Array.isArray(chunk.localrouter_warnings)) warnings.push(...(chunk.localrouter_warnings as unknown[]))
    for (const c of chunk.choices ?? []) {
      let slot = choices.get(c.index)
      if (!slot) {
        slot = {
          choice: {
            index: c.index,
            message: { role: 'assistant', content: null, refusal: null },
            finish_reason: null,
            logprobs: null,
          },
          calls: [],
        }
        choices.set(c.index, slot)
      }
      const { message } = slot.choice
      // Content starts as null (an answer of tool calls only has none), then joins.
      if (typeof c.delta?.content === 'string' && message.content === null) message.content = ''
      if (c.delta) mergeDelta(message, slot.calls, c.delta)
      if (c.finish_reason) slot.choice.finish_reason = c.finish_reason
      const lp = c.logprobs as { content?: unknown[] } | null | undefined
      if (lp && Array.isArray(lp.content)) {
        const into = (slot.choice.logprobs ??= { content: [] }) as { content: unknown[] }
        into.content.push(...lp.content)
      }
    }
  }
  const {
    choices: _firstChoices,
    usage: _firstUsage,
    object: _object,
    localrouter_warnings: _firstWarnings,
    ...rest
  } = head
  const completion: ChatCompletion = {
    ...rest,
    object: 'chat.completion',
    choices: [...choices.values()]
      .sort((a, b) => a.choice.index - b.choice.index)
      .map(({ choice, calls }) => {
        if (calls.length)
          choice.message.tool_calls = calls.map((c) => ({
            id: c.id ?? '',
            type: 'function',
            function: { name: c.function.name ?? '', arguments: c.function.arguments },
            ...c.extra,
          }))
        return choice
      }),
  }
  if (usage) completion.usage = usage
  if (warnings.length) completion.localrouter_warnings = warnings
  return completion
}

/**
 * A whole streamed text completion (`POST /v1/completions`) as one: each choice's `text` joined, its last
 * `finish_reason`, the usage. Its chunks already have the answer's shape.
 */
export function assembleTextStream(translator: StreamTranslator, text: string): Record<string, unknown> {
  const chunks = streamChunks(translator, text) as unknown as Array<Record<string, unknown>>
  const choices = new Map<
    number,
    { index: number; text: string; finish_reason: unknown; logprobs: unknown }
  >()
  let usage: unknown
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage
    for (const c of (chunk.choices ?? []) as Array<Record<string, unknown>>) {
      const index = typeof c.index === 'number' ? c.index : 0
      const slot = choices.get(index) ?? { index, text: '', finish_reason: null, logprobs: null }
      choices.set(index, slot)
      if (typeof c.text === 'string') slot.text += c.text
      if (c.finish_reason) slot.finish_reason = c.finish_reason
    }
  }
  const { choices: _choices, usage: _usage, ...head } = chunks[0]!
  return {
    ...head,
    object: 'text_completion',
    choices: [...choices.values()].sort((a, b) => a.index - b.index),
    ...(usage ? { usage } : {}),
  }
}
