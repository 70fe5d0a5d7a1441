/**
 * Garbage collection per request: the young-generation collections (scavenges) V8 runs in the gateway
 * and in the two floors (bench/minimal.ts: the minimal relay, and for streams the event-reading relay)
 * under the same load, from `--trace-gc-nvp`. "Promoted" is
 * what outlived two scavenges and moved to the old generation: per-request garbage that lands there
 * costs mark-compact time later and is what makes the heap (and RSS) grow under load.
 * Run alone: npx tsx bench/gc.ts [--seconds N]
 */
import { runLoad } from './load'
import { startChild, table } from './proc'

const TOKEN = 'lr-bench-token-0123456789'

interface GcTotals {
  scavenges: number
  pauseMs: number
  promoted: number
  allocated: number
}

/** Sums the scavenge lines of `--trace-gc-nvp` while `on` is set. */
function gcReader(): { feed(text: string): void; start(): void; stop(): GcTotals } {
  let on = false
  let rest = ''
  const t: GcTotals = { scavenges: 0, pauseMs: 0, promoted: 0, allocated: 0 }
  const field = (line: string, name: string) =>
    Number(new RegExp(`\\b${name}=([\\d.]+)`).exec(line)?.[1] ?? 0)
  return {
    feed(text) {
      const lines = (rest + text).split('\n')
      rest = lines.pop() ?? ''
      if (!on) return
      for (const line of lines) {
        if (!line.includes(' gc=s ')) continue
        t.scavenges++
        t.pauseMs += field(line, 'pause')
        t.promoted += field(line, 'promoted')
        t.allocated += field(line, 'allocated')
      }
    },
    start() {
      on = true
    },
    stop() {
      on = false
      return { ...t }
    },
  }
}

export async function run(opts: { seconds?: number } = {}): Promise<string> {
  const durationMs = (opts.seconds ?? 3) * 1000
  const upstream = await startChild(['upstream'])
  const rows: Array<Array<string | number>> = []
  try {
    for (const role of ['gateway', 'minimal', 'events'] as const) {
      const gc = gcReader()
      const child = await startChild([role, upstream.url], {
        execArgv: ['--trace-gc-nvp'],
        onStdout: (text) => gc.feed(text),
      })
      try {
        // The event-reading relay answers JSON exactly as the minimal one does: streams only.
        for (const stream of role === 'events' ? [true] : [false, true]) {
          for (const concurrency of [32, 256]) {
            const load = {
              baseUrl: child.url,
              token: role === 'gateway' ? TOKEN : 'none',
              model: 'fake/echo',
              stream,
              concurrency,
            }
            await runLoad({ ...load, durationMs: 1000 })
            const before = gc.stop()
            gc.start()
            const r = await runLoad({ ...load, durationMs })
            await new Promise((res) => setTimeout(res, 200))
            const after = gc.stop()
            const per = (k: keyof GcTotals) => (after[k] - before[k]) / Math.max(1, r.requests)
            rows.push([
              role === 'gateway'
                ? 'LocalRouter'
                : role === 'minimal'
                  ? 'minimal relay'
                  : 'event-reading relay',
              stream ? 'stream' : 'json',
              concurrency,
              r.requests,
              after.scavenges - before.scavenges,
              Math.round(per('allocated')),
              Math.round(per('promoted')),
              per('pauseMs').toFixed(4),
            ])
          }
        }
      } finally {
        child.stop()
      }
    }
  } finally {
    upstream.stop()
  }
  return [
    `## Garbage collection per request (${durationMs / 1000}s per cell, --trace-gc-nvp)`,
    '',
    table(
      [
        'process',
        'mode',
        'conc',
        'requests',
        'scavenges',
        'allocated B/req',
        'promoted B/req',
        'scavenge pause ms/req',
      ],
      rows,
    ),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const si = process.argv.indexOf('--seconds')
  void run(si >= 0 ? { seconds: Number(process.argv[si + 1]) } : {}).then((t) => console.log(t))
}
