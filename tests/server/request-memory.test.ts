/**
 * What the gateway keeps of a request while its answer runs. A stream runs for as long as the model
 * writes (seconds to minutes), and a long prompt (an agent's context) is megabytes: while the answer is
 * open, the gateway should hold no more of it than the one copy the HTTP client keeps while the request
 * is in flight. It used to hold five: the bytes read, those bytes joined, the parsed body, the body as
 * sent, and the HTTP client's copy.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const CHILD = fileURLToPath(new URL('../helpers/retention-child.ts', import.meta.url))

async function held(mode: 'stream' | 'json' | 'completions') {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, mode],
    { maxBuffer: 1024 * 1024 },
  )
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    promptBytes: number
    heldPerRequest: number
    complete: boolean
  }
}

describe('a long prompt while its answer runs', () => {
  it('is held once (the HTTP client copy), not several times, during a stream', async () => {
    const r = await held('stream')
    expect(r.complete).toBe(true)
    expect(r.heldPerRequest).toBeGreaterThan(0.5 * r.promptBytes)
    expect(r.heldPerRequest).toBeLessThan(1.5 * r.promptBytes)
  }, 60_000)

  it('is held once during a streamed text completion (POST /v1/completions)', async () => {
    const r = await held('completions')
    expect(r.complete).toBe(true)
    expect(r.heldPerRequest).toBeLessThan(1.5 * r.promptBytes)
  }, 60_000)

  it('is held once while a whole (non-stream) answer is awaited', async () => {
    const r = await held('json')
    expect(r.complete).toBe(true)
    expect(r.heldPerRequest).toBeLessThan(1.5 * r.promptBytes)
  }, 60_000)
})
