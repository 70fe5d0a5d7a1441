/**
 * A gateway's first burst while its provider is still cold, and what the gateway's heap setting changes
 * (electron/gateway/heap.ts). Each run starts a fresh fake upstream and a fresh gateway, sends a one-second
 * burst at concurrency 256 (the upstream, cold, answers slowly, so requests wait in flight), then warms both
 * up at c=32 for 6 s and measures the gateway's CPU per JSON request at c=32 for `--seconds` (default 3).
 * Twice per run: as the gateway ships (allocation-site pretenuring off) and with V8's default back on. A
 * process V8 has decided to pretenure for spends about half as much CPU again per request, for good.
 * Load from wrk where installed (`apt-get install wrk`), else from the Node load generator (bench/load.ts).
 * Run alone: npx tsx bench/coldstart.ts [--seconds N] [--runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad } from './load'
import { type Child, startChild, table } from './proc'
import { hasWrk, wrkChat } from './wrk'

const TOKEN = 'lr-bench-token-0123456789'

interface Load {
  (child: Child, concurrency: number, seconds: number): Promise<number>
}

/** Requests made by a load of `concurrency` for `seconds` against the gateway. */
function loader(dir: string): Load {
  if (hasWrk())
    return async (child, concurrency, seconds) =>
      wrkChat(dir, child.url, TOKEN, { model: 'fake/echo', stream: false }, concurrency, seconds).requests
  return async (child, concurrency, seconds) =>
    (
      await runLoad({
        baseUrl: child.url,
        token: TOKEN,
        model: 'fake/echo',
        stream: false,
        concurrency,
        durationMs: seconds * 1000,
      })
    ).requests
}

async function once(load: Load, pretenuring: boolean, seconds: number): Promise<number> {
  const upstream = await startChild(['upstream'])
  const gateway = await startChild(['gateway', upstream.url, ...(pretenuring ? ['v8-pretenuring'] : [])])
  try {
    await load(gateway, 256, 1)
    await load(gateway, 32, 6)
    const before = (await gateway.stats()).cpuMs
    const requests = await load(gateway, 32, seconds)
    return (((await gateway.stats()).cpuMs - before) * 1000) / Math.max(1, requests)
  } finally {
    gateway.stop()
    upstream.stop()
  }
}

export async function run(opts: { seconds?: number; runs?: number } = {}): Promise<string> {
  const seconds = opts.seconds ?? 3
  const runs = opts.runs ?? 3
  const dir = mkdtempSync(join(tmpdir(), 'localrouter-wrk-'))
  const load = loader(dir)
  const shipped: number[] = []
  const v8default: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      shipped.push(await once(load, false, seconds))
      v8default.push(await once(load, true, seconds))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
  const row = (name: string, xs: number[]) => [name, xs.map((x) => x.toFixed(1)).join(' / '), median(xs)]
  return (
    `## Cold start: a burst at c=256 while the provider is cold, then JSON at c=32 (${seconds}s measured, ${runs} fresh processes each, load from ${hasWrk() ? 'wrk' : 'the Node load generator'})\n\n` +
    table(
      ['gateway', 'CPU µs per request, each run', 'median'],
      [row('as shipped (pretenuring off)', shipped), row("V8's default (pretenuring on)", v8default)],
    ) +
    '\n'
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : undefined
  }
  run({ seconds: arg('--seconds'), runs: arg('--runs') }).then((t) => console.log(t))
}
