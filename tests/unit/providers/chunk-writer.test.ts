import { describe, expect, it } from 'vitest'
import { ChunkWriter } from '../../../electron/providers/translate'
import type { StreamOut } from '../../../electron/providers/types'

function chunkOf(out: StreamOut) {
  if (out.kind !== 'chunk') throw new Error(`expected a chunk, got ${out.kind}`)
  return out
}

/** The router writes `raw` instead of stringifying the chunk: the two must never differ. */
function expectRawMatches(out: StreamOut): void {
  const c = chunkOf(out)
  expect(c.raw).toBeDefined()
  expect(c.raw).toBe(JSON.stringify(c.chunk))
  expect(JSON.parse(c.raw!)).toEqual(JSON.parse(JSON.stringify(c.chunk)))
}

describe('ChunkWriter', () => {
  it('gives every chunk its exact JSON text', () => {
    const w = new ChunkWriter('msg_"quoted"\\id', 'model/é', 1_764_000_000)
    const outs = [
      w.delta({ role: 'assistant', content: '' }),
      w.delta({ content: 'Hello "world" \u2028 \ud83d\ude00 </script>' }),
      w.delta({
        reasoning: 'thinking',
        reasoning_details: [{ type: 'reasoning.text', text: 't', index: 0 }],
      }),
      w.delta(
        {
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } },
          ],
        },
        2,
      ),
      w.delta({ content: undefined, refusal: 'no' } as Record<string, unknown>),
      w.delta({ anthropic_citations: [{ a: 1 }] }, 0, [{ type: 'unmapped', field: 'citations' }]),
      w.delta({}, 0, []),
      w.finish('tool_calls', 1),
      w.usage({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 }),
    ]
    for (const out of outs) expectRawMatches(out)
    expect(chunkOf(outs[5]!).chunk.localrouter_warnings).toEqual([{ type: 'unmapped', field: 'citations' }])
    expect(chunkOf(outs[6]!).chunk).not.toHaveProperty('localrouter_warnings')
  })

  it('follows a change of id or model mid-stream', () => {
    const w = new ChunkWriter('pending', 'requested-model', 1)
    expectRawMatches(w.delta({ role: 'assistant', content: '' }))
    w.id = 'resp_123'
    const a = chunkOf(w.delta({ content: 'a' }))
    expectRawMatches(a)
    expect(JSON.parse(a.raw!).id).toBe('resp_123')
    w.model = 'served-model-001'
    const b = chunkOf(w.finish('stop'))
    expectRawMatches(b)
    expect(JSON.parse(b.raw!)).toMatchObject({ id: 'resp_123', model: 'served-model-001' })
  })
})
