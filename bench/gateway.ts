/**
 * The gateway's own cost: a fake OpenAI upstream, the gateway, two floors (bench/minimal.ts: a relay
 * that pipes bytes, and one that reads the stream as events and parses each, as the gateway must) and
 * this load generator, each in its own process. Every cell runs direct, through the floors and through
 * LocalRouter back to back in one run.
 * Where wrk is installed (`apt-get install wrk`), the c=32 throughput is measured with it as well: a C load
 * generator takes a fraction of the CPU our Node one does, and on two cores the load generator's CPU is
 * taken from the processes measured (with it the minimal relay itself reaches only ~0.37x direct).
 * Run alone: npx tsx bench/gateway.ts [--seconds N]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LoadResult, runLoad } from './load'
import { type Child, startChild, table } from './proc'
import { hasWrk, type WrkResult, wrkChat } from './wrk'

const TOKEN = 'lr-bench-token-0123456789'
const MB = 1024 * 1024

interface Measured {
  load: LoadResult
  cpuPerReq: number
  rss: number
}

async function through(
  child: Child,
  token: string,
  model: string,
  stream: boolean,
  concurrency: number,
  durationMs: number,
): Promise<Measured> {
  const before = await child.stats()
  const load = await runLoad({ baseUrl: child.url, token, model, stream, concurrency, durationMs })
  const after = await child.stats()
  return { load, cpuPerReq: (after.cpuMs - before.cpuMs) / Math.max(1, load.requests), rss: after.rss }
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')

/**
 * The c=32 cell again with wrk as the load generator: direct, the minimal relay, the gateway. Run right
 * after the same mode's cells, so the gateway is in the same state as for them (JSON before any stream:
 * after 256 streams at once its heap has grown, and JSON costs ~20% more CPU until it shrinks when idle).
 */
async function wrkCell(
  dir: string,
  stream: boolean,
  upstream: Child,
  minimal: Child,
  gateway: Child,
  seconds: number,
  out: { rows: Array<Array<string | number>>; verdicts: string[] },
): Promise<void> {
  const cpu = async (child: Child, go: () => WrkResult) => {
    const before = await child.stats()
    const r = go()
    const after = await child.stats()
    return { ...r, cpuPerReq: (after.cpuMs - before.cpuMs) / Math.max(1, r.requests) }
  }
  const mode = stream ? 'stream' : 'json'
  // A second of each first: wrk's connections are new ones.
  wrkChat(dir, gateway.url, TOKEN, { model: 'fake/echo', stream }, 32, 1)
  wrkChat(dir, minimal.url, 'none', { model: 'fake/echo', stream }, 32, 1)
  const direct = wrkChat(dir, upstream.url, 'sk-bench', { model: 'echo', stream }, 32, seconds)
  const min = await cpu(minimal, () =>
    wrkChat(dir, minimal.url, 'none', { model: 'fake/echo', stream }, 32, seconds),
  )
  const gw = await cpu(gateway, () =>
    wrkChat(dir, gateway.url, TOKEN, { model: 'fake/echo', stream }, 32, seconds),
  )
  const ratio = gw.rps / direct.rps
  out.rows.push([
    mode,
    32,
    Math.round(direct.rps),
    Math.round(min.rps),
    min.rps / direct.rps,
    Math.round(gw.rps),
    ratio,
    min.cpuPerReq,
    gw.cpuPerReq,
    direct.failed + min.failed + gw.failed,
  ])
  out.verdicts.push(
    `${mode} c=32 throughput with wrk ${ratio.toFixed(2)}x direct (target >= 0.45): ${verdict(ratio >= 0.45)} (floor: minimal relay ${(min.rps / direct.rps).toFixed(2)}x)`,
  )
}

export async function run(opts: { seconds?: number } = {}): Promise<string> {
  const durationMs = (opts.seconds ?? 3) * 1000
  const upstream = await startChild(['upstream'])
  const gateway = await startChild(['gateway', upstream.url])
  const minimal = await startChild(['minimal', upstream.url])
  const events = await startChild(['events', upstream.url])
  const rows: Array<Array<string | number>> = []
  const floor: Array<Array<string | number>> = []
  const verdicts: string[] = []
  const withWrk = hasWrk()
    ? { rows: [] as Array<Array<string | number>>, verdicts: [] as string[] }
    : undefined
  const wrkDir = mkdtempSync(join(tmpdir(), 'localrouter-wrk-'))
  try {
    // Steady state, as a gateway that has been running a while: every process (the upstream, the
    // gateway, both floors) serves JSON and streams for a second each before any cell is measured, so no
    // cell pays for compiling the code it runs (the first cell, json c=1, used to carry all of it).
    for (const stream of [false, true]) {
      const warm = { model: 'fake/echo', stream, concurrency: 8, durationMs: 1000 }
      await runLoad({ ...warm, baseUrl: upstream.url, token: 'sk-bench', model: 'echo' })
      await runLoad({ ...warm, baseUrl: minimal.url, token: 'none' })
      await runLoad({ ...warm, baseUrl: events.url, token: 'none' })
      await runLoad({ ...warm, baseUrl: gateway.url, token: TOKEN })
    }
    for (const stream of [false, true]) {
      for (const concurrency of [1, 32, 256]) {
        const direct = await runLoad({
          baseUrl: upstream.url,
          token: 'sk-bench',
          model: 'echo',
          stream,
          concurrency,
          durationMs,
        })
        const min = await through(minimal, 'none', 'fake/echo', stream, concurrency, durationMs)
        // For JSON answers the event-reading relay does exactly what the minimal one does.
        const ev = stream
          ? await through(events, 'none', 'fake/echo', stream, concurrency, durationMs)
          : undefined
        const gw = await through(gateway, TOKEN, 'fake/echo', stream, concurrency, durationMs)
        const via = gw.load
        const ratio = via.rps / direct.rps
        const added = via.p50 - direct.p50
        const addedTtft = via.ttft50 - direct.ttft50
        const mode = stream ? 'stream' : 'json'
        rows.push([
          mode,
          concurrency,
          Math.round(direct.rps),
          Math.round(via.rps),
          ratio,
          direct.p50,
          via.p50,
          added,
          direct.p99,
          via.p99,
          stream ? addedTtft : NaN,
          gw.cpuPerReq,
          Math.round(gw.rss / MB),
          direct.errors + via.errors,
        ])
        floor.push([
          mode,
          concurrency,
          Math.round(min.load.rps),
          min.load.rps / direct.rps,
          min.load.p50 - direct.p50,
          stream ? min.load.ttft50 - direct.ttft50 : NaN,
          min.cpuPerReq,
          Math.round(min.rss / MB),
          ratio / (min.load.rps / direct.rps),
          ev ? ev.load.rps / direct.rps : NaN,
          ev ? ev.load.p50 - direct.p50 : NaN,
          ev ? ev.cpuPerReq : NaN,
          ev ? Math.round(ev.rss / MB) : NaN,
        ])
        const floorOf = (pick: (m: Measured) => string) =>
          ` (floors: minimal relay ${pick(min)}${ev ? `, event-reading relay ${pick(ev)}` : ''})`
        if (concurrency === 1) {
          verdicts.push(
            `${mode} c=1 added p50 ${added.toFixed(3)} ms (target <= 0.3): ${verdict(added <= 0.3)}` +
              floorOf((m) => `${(m.load.p50 - direct.p50).toFixed(3)} ms`),
          )
          if (stream)
            verdicts.push(
              `stream c=1 added TTFT ${addedTtft.toFixed(3)} ms (target <= 0.5): ${verdict(addedTtft <= 0.5)}`,
            )
        }
        if (concurrency === 32)
          verdicts.push(
            `${mode} c=32 throughput ${ratio.toFixed(2)}x direct (target >= 0.45): ${verdict(ratio >= 0.45)}` +
              floorOf((m) => `${(m.load.rps / direct.rps).toFixed(2)}x`),
          )
        verdicts.push(
          `${mode} c=${concurrency} CPU ${gw.cpuPerReq.toFixed(3)} ms/request (target <= 0.2): ${verdict(gw.cpuPerReq <= 0.2)}` +
            floorOf((m) => m.cpuPerReq.toFixed(3)),
        )
        if (concurrency === 256)
          verdicts.push(
            `${mode} c=256 gateway RSS ${Math.round(gw.rss / MB)} MB (target < 150): ${verdict(gw.rss < 150 * MB)}` +
              floorOf((m) => `${Math.round(m.rss / MB)} MB`),
          )
      }
      if (withWrk) await wrkCell(wrkDir, stream, upstream, minimal, gateway, durationMs / 1000, withWrk)
    }
  } finally {
    rmSync(wrkDir, { recursive: true, force: true })
    gateway.stop()
    minimal.stop()
    events.stop()
    upstream.stop()
  }
  const t = table(
    [
      'mode',
      'conc',
      'direct rps',
      'gw rps',
      'gw/direct',
      'direct p50 ms',
      'gw p50 ms',
      'added p50 ms',
      'direct p99 ms',
      'gw p99 ms',
      'added TTFT ms',
      'gw CPU ms/req',
      'gw RSS MB',
      'errors',
    ],
    rows,
  )
  const f = table(
    [
      'mode',
      'conc',
      'relay rps',
      'relay/direct',
      'added p50 ms',
      'added TTFT ms',
      'relay CPU ms/req',
      'relay RSS MB',
      'gw throughput / relay',
      'event relay / direct',
      'event relay added p50 ms',
      'event relay CPU ms/req',
      'event relay RSS MB',
    ],
    floor,
  )
  return (
    `## Gateway: OpenAI-compatible pass-through (${durationMs / 1000}s per cell, 40-word answers, one SSE event per word)\n\n${t}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n\n` +
    `### The floors, same run: a minimal node:http + undici relay (bytes piped), and a relay that reads each event (eventsource-parser + JSON.parse per event; streams only)\n\n${f}\n` +
    (withWrk
      ? `\n### c=32 with wrk as the load generator (same run, same processes)\n\n${table(
          [
            'mode',
            'conc',
            'direct rps',
            'relay rps',
            'relay/direct',
            'gw rps',
            'gw/direct',
            'relay CPU ms/req',
            'gw CPU ms/req',
            'errors',
          ],
          withWrk.rows,
        )}\n\n${withWrk.verdicts.map((v) => `- ${v}`).join('\n')}\n`
      : '\n(wrk is not installed: `apt-get install wrk` adds the c=32 cells measured with a C load generator.)\n')
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--seconds')
  run({ seconds: i > 0 ? Number(process.argv[i + 1]) : 3 }).then((t) => console.log(t))
}
