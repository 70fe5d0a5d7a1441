/**
 * The gateway's own cost: a fake OpenAI upstream, the gateway, and this load generator, each in its own
 * process. Every cell runs direct-to-upstream and through-the-gateway back to back in one run.
 * Run alone: npx tsx bench/gateway.ts [--seconds N]
 */
import { runLoad } from './load'
import { startChild, table } from './proc'

const TOKEN = 'lr-bench-token-0123456789'

export async function run(opts: { seconds?: number } = {}): Promise<string> {
  const durationMs = (opts.seconds ?? 3) * 1000
  const upstream = await startChild(['upstream'])
  const gateway = await startChild(['gateway', upstream.url])
  const rows: Array<Array<string | number>> = []
  const verdicts: string[] = []
  try {
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
        const before = await gateway.stats()
        const via = await runLoad({
          baseUrl: gateway.url,
          token: TOKEN,
          model: 'fake/echo',
          stream,
          concurrency,
          durationMs,
        })
        const after = await gateway.stats()
        const cpuPerReq = (after.cpuMs - before.cpuMs) / Math.max(1, via.requests)
        const ratio = via.rps / direct.rps
        const mode = stream ? 'stream' : 'json'
        rows.push([
          mode,
          concurrency,
          Math.round(direct.rps),
          Math.round(via.rps),
          ratio,
          direct.p50,
          via.p50,
          via.p50 - direct.p50,
          direct.p99,
          via.p99,
          stream ? via.ttft50 - direct.ttft50 : NaN,
          cpuPerReq,
          Math.round(after.rss / 1024 / 1024),
          direct.errors + via.errors,
        ])
        if (concurrency === 1) {
          verdicts.push(
            `${mode} c=1 added p50 ${(via.p50 - direct.p50).toFixed(3)} ms (target <= 0.3): ${via.p50 - direct.p50 <= 0.3 ? 'met' : 'MISSED'}`,
          )
          if (stream)
            verdicts.push(
              `stream c=1 added TTFT ${(via.ttft50 - direct.ttft50).toFixed(3)} ms (target <= 0.5): ${via.ttft50 - direct.ttft50 <= 0.5 ? 'met' : 'MISSED'}`,
            )
        }
        if (concurrency === 32)
          verdicts.push(
            `${mode} c=32 throughput ${ratio.toFixed(2)}x direct (target >= 0.45): ${ratio >= 0.45 ? 'met' : 'MISSED'}`,
          )
        verdicts.push(
          `${mode} c=${concurrency} CPU ${cpuPerReq.toFixed(3)} ms/request (target <= 0.2): ${cpuPerReq <= 0.2 ? 'met' : 'MISSED'}`,
        )
        if (concurrency === 256)
          verdicts.push(
            `${mode} c=256 gateway RSS ${Math.round(after.rss / 1024 / 1024)} MB (target < 150): ${after.rss < 150 * 1024 * 1024 ? 'met' : 'MISSED'}`,
          )
      }
    }
  } finally {
    gateway.stop()
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
  return `## Gateway: OpenAI-compatible pass-through (${durationMs / 1000}s per cell, 40-word answers)\n\n${t}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--seconds')
  run({ seconds: i > 0 ? Number(process.argv[i + 1]) : 3 }).then((t) => console.log(t))
}
