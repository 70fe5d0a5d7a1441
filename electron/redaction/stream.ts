/**
 * Restores placeholders in a translated stream, on the OpenAI-shaped chunk objects (never on SSE text):
 * `delta.content`, `delta.reasoning` / `reasoning_content`, `delta.refusal`, and each tool call's
 * `function.arguments` (with JSON escaping). One restorer per field, per choice, per tool call, so a
 * placeholder split across chunks (or across argument fragments) is put back whole. Held-back text is
 * sent with the choice's finishing chunk, or before `[DONE]` / an error, or by `finish()` when the
 * stream ends any other way: nothing is lost.
 */
import type { ChatCompletionChunk, ChunkToolCallDelta } from '../../shared/openai'
import type { StreamOut } from '../providers/types'
import type { Restorer, StreamRestorer } from './restore'

const TEXT_FIELDS = ['content', 'reasoning', 'reasoning_content', 'refusal'] as const

type Delta = ChatCompletionChunk['choices'][number]['delta']

interface ChoiceState {
  text: Map<string, StreamRestorer>
  tools: Map<number, StreamRestorer>
}

/**
 * What every stream restorer does with a batch of translator output: each chunk restored, and before
 * `[DONE]` or an error, the text still held back. Subclasses say how a chunk is restored.
 */
export abstract class BatchRestorer {
  /** Restores a batch of translator output in place of the original items. */
  process(items: StreamOut[]): StreamOut[] {
    const out: StreamOut[] = []
    for (const item of items) {
      if (item.kind === 'chunk') {
        out.push({ kind: 'chunk', chunk: this.chunk(item.chunk) })
        continue
      }
      const rest = this.finish()
      if (rest) out.push(rest)
      out.push(item)
    }
    return out
  }

  protected abstract chunk(source: ChatCompletionChunk): ChatCompletionChunk
  /** Held-back text, as one last chunk, when the stream ends any other way. */
  abstract finish(): StreamOut | null
}

export class ChunkRestorer extends BatchRestorer {
  private readonly choices = new Map<number, ChoiceState>()
  private template: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'> = { id: '', created: 0, model: '' }

  constructor(private readonly restorer: Restorer) {
    super()
  }

  private state(index: number): ChoiceState {
    let s = this.choices.get(index)
    if (!s) this.choices.set(index, (s = { text: new Map(), tools: new Map() }))
    return s
  }

  protected chunk(source: ChatCompletionChunk): ChatCompletionChunk {
    this.template = { id: source.id, created: source.created, model: source.model }
    if (!Array.isArray(source.choices) || !source.choices.length) return source
    const chunk: ChatCompletionChunk = { ...source, choices: source.choices.map((c) => ({ ...c })) }
    for (const choice of chunk.choices) {
      const state = this.state(choice.index)
      if (!choice.delta) continue
      const delta: Delta = { ...choice.delta }
      choice.delta = delta
      for (const f of TEXT_FIELDS) {
        const v = delta[f]
        if (typeof v !== 'string') continue
        let r = state.text.get(f)
        if (!r) state.text.set(f, (r = this.restorer.stream('text')))
        delta[f] = r.push(v)
      }
      if (Array.isArray(delta.tool_calls)) {
        delta.tool_calls = delta.tool_calls.map((tc) => {
          const args = tc.function?.arguments
          if (typeof args !== 'string') return tc
          let r = state.tools.get(tc.index)
          if (!r) state.tools.set(tc.index, (r = this.restorer.stream('json')))
          return { ...tc, function: { ...tc.function, arguments: r.push(args) } }
        })
      }
      if (choice.finish_reason != null) this.flushChoice(state, delta)
    }
    return chunk
  }

  /** Appends everything a choice still holds to `delta`. */
  private flushChoice(state: ChoiceState, delta: Delta): boolean {
    let any = false
    for (const [f, r] of state.text) {
      const rest = r.flush()
      if (!rest) continue
      any = true
      const field = f as (typeof TEXT_FIELDS)[number]
      delta[field] = (typeof delta[field] === 'string' ? delta[field] : '') + rest
    }
    for (const [index, r] of state.tools) {
      const rest = r.flush()
      if (!rest) continue
      any = true
      const calls: ChunkToolCallDelta[] = (delta.tool_calls ??= [])
      const same = calls.find((c) => c.index === index)
      if (same) same.function = { ...same.function, arguments: (same.function?.arguments ?? '') + rest }
      else calls.push({ index, function: { arguments: rest } })
    }
    return any
  }

  /** A chunk carrying all held-back text, or null when nothing is held. */
  finish(): StreamOut | null {
    const choices: ChatCompletionChunk['choices'] = []
    for (const [index, state] of this.choices) {
      const delta: Delta = {}
      if (this.flushChoice(state, delta)) choices.push({ index, delta, finish_reason: null })
    }
    if (!choices.length) return null
    return {
      kind: 'chunk',
      chunk: { ...this.template, object: 'chat.completion.chunk', choices },
    }
  }
}
