/**
 * Redaction for OpenAI's legacy text completions (`POST /v1/completions`): the prompt (a string or an
 * array of strings) and the fill-in-the-middle `suffix` are redacted with one vault, so numbering is
 * shared; the answer's `choices[].text` is restored, whole or streamed. A prompt given as token ids cannot
 * be inspected, so with redaction on it is refused: nothing leaves the machine unredacted.
 */
import { GatewayError } from '../../shared/errors'
import type { ChatCompletionChunk } from '../../shared/openai'
import type { RedactionConfig } from '../config/schema'
import type { StreamOut, Warning } from '../providers/types'
import { resolveMode } from './options'
import { prepareChat } from './request'
import type { Restorer, StreamRestorer } from './restore'
import { BatchRestorer } from './stream'
import type { RedactionMode } from './types'

export interface PreparedCompletion {
  body: Record<string, unknown>
  /** Present when something was replaced: restores `choices[].text`. */
  restorer?: Restorer
  /** Response headers to add (`x-localrouter-redacted`). */
  headers: Record<string, string>
  /** What the client should know about the answer (logprobs refer to the redacted text). */
  warnings: Warning[]
}

/**
 * Applies the request's redaction mode to a completions body. Throws (and nothing is sent) in block mode
 * when anything sensitive is found, when the prompt is not text, and when redaction fails.
 */
export function prepareCompletion(
  body: Record<string, unknown>,
  config: RedactionConfig | undefined,
  provider: { id: string; local: boolean },
  header: RedactionMode | undefined,
): PreparedCompletion {
  if (resolveMode(config, provider, header) === 'off') return { body, headers: {}, warnings: [] }
  const prompt = body.prompt
  const prompts = typeof prompt === 'string' ? [prompt] : Array.isArray(prompt) ? prompt : []
  if (
    (prompt !== undefined && prompt !== null && typeof prompt !== 'string' && !Array.isArray(prompt)) ||
    prompts.some((p) => typeof p !== 'string')
  ) {
    throw new GatewayError(
      400,
      'Redaction is on and the prompt is not text (token ids cannot be inspected), so nothing was sent to the provider; send the prompt as a string or an array of strings',
      {
        type: 'redaction_error',
        code: 'redaction_unsupported_prompt',
        param: 'prompt',
        provider: provider.id,
      },
    )
  }
  const suffix = body.suffix
  if (suffix !== undefined && suffix !== null && typeof suffix !== 'string') {
    throw new GatewayError(400, 'Redaction is on and suffix is not a string, so nothing was sent', {
      type: 'redaction_error',
      code: 'redaction_unsupported_prompt',
      param: 'suffix',
      provider: provider.id,
    })
  }
  const texts = [...(prompts as string[]), ...(typeof suffix === 'string' ? [suffix] : [])]
  const { prompt: _p, suffix: _s, ...rest } = body
  // The other fields (`user`, `stop`, ...) leave the machine too: redacted with the same vault.
  const prepared = prepareChat(
    { ...rest, model: String(body.model), messages: texts.map((content) => ({ role: 'user', content })) },
    config,
    provider,
    header,
  )
  if (!prepared.restorer) return { body, headers: prepared.headers, warnings: [] }
  const { messages: sent, ...fields } = prepared.body
  const redacted = sent.map((m) => m.content as string)
  const out: Record<string, unknown> = { ...body, ...fields, model: body.model }
  if (typeof prompt === 'string') out.prompt = redacted[0]
  else if (Array.isArray(prompt)) out.prompt = redacted.slice(0, prompt.length)
  if (typeof suffix === 'string') out.suffix = redacted.at(-1)
  const warnings: Warning[] = []
  if (body.logprobs !== undefined && body.logprobs !== null && body.logprobs !== false)
    warnings.push({
      code: 'redaction_logprobs',
      param: 'logprobs',
      message:
        'logprobs tokens and text_offset refer to the text as sent, with placeholders; choices[].text is restored',
    })
  return { body: out, restorer: prepared.restorer, headers: prepared.headers, warnings }
}

interface TextChoice {
  index?: number
  text?: unknown
  finish_reason?: unknown
}

/** Restores a whole (non-streamed) text completion in place. */
export function restoreTextCompletion(completion: unknown, restorer: Restorer): void {
  const choices = (completion as { choices?: unknown })?.choices
  if (!Array.isArray(choices)) return
  for (const c of choices as TextChoice[])
    if (c && typeof c.text === 'string') c.text = restorer.restore(c.text)
}

/**
 * Restores `choices[].text` in a completions stream, one restorer per choice, so a placeholder split
 * across chunks is put back whole. Held-back text goes out with the choice's finishing chunk, or before
 * `[DONE]` / an error, or from `finish()` when the stream ends any other way.
 */
export class CompletionChunkRestorer extends BatchRestorer {
  private readonly texts = new Map<number, StreamRestorer>()
  private template: Record<string, unknown> = {}

  constructor(private readonly restorer: Restorer) {
    super()
  }

  protected chunk(source: ChatCompletionChunk): ChatCompletionChunk {
    const src = source as unknown as { id?: unknown; object?: unknown; created?: unknown; model?: unknown }
    this.template = {
      id: src.id,
      object: src.object ?? 'text_completion',
      created: src.created,
      model: src.model,
    }
    const choices = (source as unknown as { choices?: unknown }).choices
    if (!Array.isArray(choices) || !choices.length) return source
    const copy = choices.map((c: TextChoice) => {
      const choice: TextChoice = { ...c }
      const index = typeof choice.index === 'number' ? choice.index : 0
      let r = this.texts.get(index)
      if (typeof choice.text === 'string') {
        if (!r) this.texts.set(index, (r = this.restorer.stream('text')))
        choice.text = r.push(choice.text)
      }
      if (choice.finish_reason != null && r) {
        const rest = r.flush()
        if (rest) choice.text = (typeof choice.text === 'string' ? choice.text : '') + rest
      }
      return choice
    })
    return { ...source, choices: copy } as unknown as ChatCompletionChunk
  }

  /** A chunk carrying all held-back text, or null when nothing is held. */
  finish(): StreamOut | null {
    const choices: TextChoice[] = []
    for (const [index, r] of this.texts) {
      const rest = r.flush()
      if (rest) choices.push({ index, text: rest, finish_reason: null })
    }
    if (!choices.length) return null
    return { kind: 'chunk', chunk: { ...this.template, choices } as unknown as ChatCompletionChunk }
  }
}
