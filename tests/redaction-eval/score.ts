/**
 * Scores the detectors on the labelled evaluation set and prints:
 *  - the share of sensitive values that still appear verbatim in the redacted text, overall and per type
 *    (and for provider keys, held to the 1% target);
 *  - the share of hard negatives changed at all;
 *  - throughput.
 * Run: npx tsx tests/redaction-eval/score.ts   (the unit test tests/unit/redaction/eval.test.ts runs it too)
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../../electron/config/store'
import { detectOptions, redactText } from '../../electron/redaction'
import type { Sample } from './generate'

export interface Score {
  positives: number
  negatives: number
  values: number
  leaked: number
  perType: Record<string, { values: number; leaked: number }>
  providerKeys: { values: number; leaked: number }
  negativesChanged: number
  changedIds: string[]
  leakedExamples: Array<{ id: string; type: string }>
  mbPerSecond: number
  msPer10KB: number
}

export function loadDataset(): Sample[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'dataset.json')
  return JSON.parse(readFileSync(file, 'utf8')) as Sample[]
}

const optsFor = (region = 'US') =>
  detectOptions(parseConfig({ redaction: { phoneRegion: region } }, 'eval').redaction)

export function score(samples: Sample[] = loadDataset()): Score {
  const s: Score = {
    positives: 0,
    negatives: 0,
    values: 0,
    leaked: 0,
    perType: {},
    providerKeys: { values: 0, leaked: 0 },
    negativesChanged: 0,
    changedIds: [],
    leakedExamples: [],
    mbPerSecond: 0,
    msPer10KB: 0,
  }
  const regions = new Map<string, ReturnType<typeof optsFor>>()
  const opts = (r?: string) => {
    const key = r ?? 'US'
    if (!regions.has(key)) regions.set(key, optsFor(key))
    return regions.get(key)!
  }
  for (const sample of samples) {
    const out = redactText(sample.text, opts(sample.region)).text
    if (sample.kind === 'negative') {
      s.negatives++
      if (out !== sample.text) {
        s.negativesChanged++
        s.changedIds.push(sample.id)
      }
      continue
    }
    s.positives++
    for (const label of sample.labels) {
      const leaked = out.includes(label.value)
      const t = (s.perType[label.type] ??= { values: 0, leaked: 0 })
      t.values++
      s.values++
      if (label.providerKey) s.providerKeys.values++
      if (!leaked) continue
      t.leaked++
      s.leaked++
      if (label.providerKey) s.providerKeys.leaked++
      s.leakedExamples.push({ id: sample.id, type: label.type })
    }
  }
  // Throughput over the whole set, several rounds after a warm-up.
  const all = samples.map((x) => ({ text: x.text, o: opts(x.region) }))
  for (const x of all) redactText(x.text, x.o)
  const bytes = all.reduce((n, x) => n + Buffer.byteLength(x.text), 0)
  const rounds = 5
  const t0 = performance.now()
  for (let r = 0; r < rounds; r++) for (const x of all) redactText(x.text, x.o)
  const ms = performance.now() - t0
  s.mbPerSecond = (bytes * rounds) / 1e6 / (ms / 1000)
  s.msPer10KB = ms / ((bytes * rounds) / 10_240)
  return s
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(2)}%` : '-')

export function table(s: Score): string {
  const rows: string[] = []
  rows.push(
    `Redaction evaluation: ${s.positives} positive texts (${s.values} values), ${s.negatives} hard negatives`,
  )
  rows.push('')
  rows.push('| type | values | leaked | leak share |')
  rows.push('| --- | ---: | ---: | ---: |')
  for (const [type, t] of Object.entries(s.perType).sort())
    rows.push(`| ${type} | ${t.values} | ${t.leaked} | ${pct(t.leaked, t.values)} |`)
  rows.push(
    `| provider keys (subset of SECRET) | ${s.providerKeys.values} | ${s.providerKeys.leaked} | ${pct(s.providerKeys.leaked, s.providerKeys.values)} |`,
  )
  rows.push(`| **all** | ${s.values} | ${s.leaked} | ${pct(s.leaked, s.values)} |`)
  rows.push('')
  rows.push(
    `Hard negatives changed: ${s.negativesChanged} of ${s.negatives} (${pct(s.negativesChanged, s.negatives)})`,
  )
  rows.push(
    `Throughput: ${s.mbPerSecond.toFixed(2)} MB/s (${s.msPer10KB.toFixed(3)} ms per 10 KB of mixed text)`,
  )
  return rows.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = score()
  process.stdout.write(`${table(s)}\n`)
  if (process.argv.includes('--verbose')) {
    const byId = new Map(loadDataset().map((x) => [x.id, x]))
    for (const l of s.leakedExamples) {
      const sample = byId.get(l.id)!
      process.stdout.write(
        `LEAK ${l.id} ${l.type}: ${redactText(sample.text, optsFor(sample.region)).text.replace(/\n/g, '⏎').slice(0, 300)}\n`,
      )
    }
    for (const id of s.changedIds) {
      const sample = byId.get(id)!
      process.stdout.write(
        `CHANGED ${id}: ${redactText(sample.text, optsFor(sample.region)).text.replace(/\n/g, '⏎').slice(0, 300)}\n`,
      )
    }
  }
}
