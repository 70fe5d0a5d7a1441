/**
 * Redaction cost per request: detecting and replacing sensitive values in a 10 KB and a 100 KB prompt
 * (realistic mixed text from the evaluation set), restoring a same-size answer, and streaming restore.
 * Targets: 10 KB <= 5 ms, 100 KB <= 50 ms. Run alone: npx tsx bench/redaction.ts
 */
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../electron/config/store'
import { prepareChat } from '../electron/redaction'
import type { ChatRequest } from '../shared/openai'
import { loadDataset } from '../tests/redaction-eval/score'

function promptOf(bytes: number): string {
  const samples = loadDataset()
  let out = ''
  for (let i = 0; Buffer.byteLength(out) < bytes; i++) out += `${samples[(i * 7) % samples.length]!.text}\n\n`
  return out.slice(0, bytes)
}

function stats(times: number[]): { median: number; p95: number } {
  const s = [...times].sort((a, b) => a - b)
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! }
}

function measure(run: () => void, rounds: number): { median: number; p95: number } {
  for (let i = 0; i < Math.min(20, rounds); i++) run()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    run()
    times.push(performance.now() - t)
  }
  return stats(times)
}

export async function run(): Promise<string> {
  const config = parseConfig({ redaction: { mode: 'mask' } }, 'bench').redaction
  const off = parseConfig({}, 'bench').redaction
  const provider = { id: 'openai', local: false }
  const rows: string[] = [
    '| case | size | median ms | p95 ms | target |',
    '| --- | ---: | ---: | ---: | ---: |',
  ]
  for (const [size, target, rounds] of [
    [10 * 1024, 5, 200],
    [100 * 1024, 50, 40],
  ] as const) {
    const text = promptOf(size)
    const body: ChatRequest = {
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: text },
      ],
    }
    const kb = `${size / 1024} KB`
    const red = measure(() => prepareChat(body, config, provider, undefined), rounds)
    rows.push(
      `| redact request (mask) | ${kb} | ${red.median.toFixed(2)} | ${red.p95.toFixed(2)} | <= ${target} |`,
    )
    const prepared = prepareChat(body, config, provider, undefined)
    const answer = (prepared.body.messages[1]!.content as string) ?? ''
    const restorer = prepared.restorer!
    const rest = measure(() => restorer.restore(answer), rounds)
    rows.push(`| restore answer | ${kb} | ${rest.median.toFixed(2)} | ${rest.p95.toFixed(2)} | |`)
    const streamed = measure(() => {
      const s = restorer.stream()
      for (let i = 0; i < answer.length; i += 16) s.push(answer.slice(i, i + 16))
      s.flush()
    }, rounds)
    rows.push(
      `| restore answer streamed in 16-char deltas | ${kb} | ${streamed.median.toFixed(2)} | ${streamed.p95.toFixed(2)} | |`,
    )
    const none = measure(() => prepareChat(body, off, provider, undefined), rounds)
    rows.push(
      `| redaction off (the default) | ${kb} | ${none.median.toFixed(3)} | ${none.p95.toFixed(3)} | |`,
    )
  }
  return rows.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then((t) => process.stdout.write(`Redaction (Node ${process.version})\n\n${t}\n`))
}
