/** Restoring placeholders in legacy text completions (`choices[].text`), whole and streamed. */
import { describe, expect, it } from 'vitest'
import type { ChatCompletionChunk } from '../../../shared/openai'
import type { StreamOut } from '../../../electron/providers/types'
import {
  CompletionChunkRestorer,
  prepareCompletion,
  Restorer,
  restoreTextCompletion,
  Vault,
} from '../../../electron/redaction'

const EMAIL = 'maria.rossi@example.com'

function restorer(): Restorer {
  const vault = new Vault()
  vault.placeholder('EMAIL', EMAIL)
  return new Restorer(vault)
}

const chunk = (index: number, text: string, finish: string | null = null): StreamOut => ({
  kind: 'chunk',
  chunk: {
    id: 'cmpl-1',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ index, text, logprobs: null, finish_reason: finish }],
  } as unknown as ChatCompletionChunk,
})

const texts = (items: StreamOut[]) =>
  items.map((i) =>
    i.kind === 'chunk'
      ? (i.chunk.choices as unknown as Array<{ index: number; text: string }>)
          .map((c) => `${c.index}:${c.text}`)
          .join('|')
      : i.kind,
  )

describe('CompletionChunkRestorer', () => {
  it('puts back a placeholder split across chunks, per choice, flushing on finish_reason', () => {
    const r = new CompletionChunkRestorer(restorer())
    const out = r.process([
      chunk(0, 'mail <EMA'),
      chunk(1, 'x <EMAIL'),
      chunk(0, 'IL_1> now'),
      chunk(1, '_1>', 'stop'),
    ])
    expect(texts(out)).toEqual(['0:mail ', '1:x ', `0:${EMAIL} now`, `1:${EMAIL}`])
  })

  it('sends held-back text before [DONE] and before an error, and from finish()', () => {
    const r = new CompletionChunkRestorer(restorer())
    const out = r.process([chunk(0, 'to <EMAIL_'), { kind: 'done' }])
    expect(texts(out)).toEqual(['0:to ', '0:<EMAIL_', 'done'])
    const r2 = new CompletionChunkRestorer(restorer())
    expect(texts(r2.process([chunk(0, 'end <EMAIL_')]))).toEqual(['0:end '])
    const rest = r2.finish()
    expect(rest && texts([rest])).toEqual(['0:<EMAIL_'])
  })
})

describe('restoreTextCompletion and prepareCompletion', () => {
  it('restores every choice text of a whole answer', () => {
    const body = {
      choices: [
        { index: 0, text: 'hi <EMAIL_1>' },
        { index: 1, text: 'none' },
      ],
    }
    restoreTextCompletion(body, restorer())
    expect(body.choices.map((c) => c.text)).toEqual([`hi ${EMAIL}`, 'none'])
  })

  it('leaves the body as it is with redaction off, and refuses what it cannot inspect with it on', () => {
    const body = { model: 'm', prompt: [1, 2], suffix: EMAIL }
    expect(prepareCompletion(body, undefined, { id: 'p', local: false }, undefined).body).toBe(body)
    expect(() => prepareCompletion(body, undefined, { id: 'p', local: false }, 'mask')).toThrow(/not text/)
    expect(() =>
      prepareCompletion({ model: 'm', prompt: 'x', suffix: 3 }, undefined, { id: 'p', local: false }, 'mask'),
    ).toThrow(/suffix/)
    const masked = prepareCompletion(
      { model: 'm', prompt: null, suffix: `a ${EMAIL}` },
      undefined,
      { id: 'p', local: false },
      'mask',
    )
    expect(masked.body).toEqual({ model: 'm', prompt: null, suffix: 'a <EMAIL_1>' })
  })
})
