/** A small closed-loop load generator over undici, measuring latency and time to first byte. */
import { Pool } from 'undici'

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  rps: number
  p50: number
  p99: number
  /** Time to the first SSE event (stream) in ms, p50. */
  ttft50: number
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** The chat request every gateway bench sends (this load generator and wrk alike). */
export function benchChatBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    messages: [{ role: 'user', content: 'Benchmark prompt: say forty words.' }],
  })
}

export async function runLoad(opts: {
  baseUrl: string
  token: string
  model: string
  stream: boolean
  concurrency: number
  durationMs: number
  warmupMs?: number
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl)
  const pool = new Pool(url.origin, { connections: opts.concurrency, pipelining: 1 })
  const path = `${url.pathname.replace(/\/$/, '')}/chat/completions`
  const body = benchChatBody(opts.model, opts.stream)
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` }

  const one = async (): Promise<{ ms: number; ttft: number; ok: boolean }> => {
    const t0 = performance.now()
    let ttft = NaN
    const res = await pool.request({ path, method: 'POST', headers, body })
    let ok = res.statusCode === 200
    for await (const chunk of res.body) {
      if (Number.isNaN(ttft)) {
        ttft = performance.now() - t0
        if (opts.stream && !(chunk as Buffer).includes('data: ')) ok = false
      }
    }
    return { ms: performance.now() - t0, ttft, ok }
  }

  const measure = async (durationMs: number, record: boolean) => {
    const lat: number[] = []
    const ttfts: number[] = []
    let errors = 0
    const end = performance.now() + durationMs
    const worker = async () => {
      while (performance.now() < end) {
        try {
          const r = await one()
          if (!r.ok) errors++
          if (record) {
            lat.push(r.ms)
            ttfts.push(r.ttft)
          }
        } catch {
          errors++
        }
      }
    }
    const t0 = performance.now()
    await Promise.all(Array.from({ length: opts.concurrency }, worker))
    return { lat, ttfts, errors, seconds: (performance.now() - t0) / 1000 }
  }

  await measure(opts.warmupMs ?? 500, false)
  const m = await measure(opts.durationMs, true)
  await pool.close()
  m.lat.sort((a, b) => a - b)
  m.ttfts.sort((a, b) => a - b)
  return {
    requests: m.lat.length,
    errors: m.errors,
    seconds: m.seconds,
    rps: m.lat.length / m.seconds,
    p50: percentile(m.lat, 50),
    p99: percentile(m.lat, 99),
    ttft50: percentile(m.ttfts, 50),
  }
}
