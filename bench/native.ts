/**
 * OpenAI-in / Anthropic-out and OpenAI-in / Gemini-out, streamed and not: what translation through the
 * gateway adds over calling the provider directly.
 *
 *   npx tsx bench/native.ts
 *
 * Three processes, so no one's work is counted against another: the fake Anthropic + Gemini upstreams
 * in one child, the gateway in a second child (bundled, as it ships: bench/child.ts; its CPU read with
 * process.cpuUsage over IPC), the load from this one. Measures added time-to-first-token at concurrency 1 (first text delta, median), gateway
 * CPU per request, and throughput at concurrency 32 against the same fake called directly.
 * Targets: added TTFT <= 1 ms, CPU <= 0.3 ms/request, c=32 throughput >= 0.4x direct.
 * Where wrk is installed, each case's c=32 throughput is measured with it as well (`--seconds N` each,
 * default 3): the Node load generator's own CPU, on two cores, caps even a minimal relay near 0.37x.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Pool } from 'undici'
import type { AdapterContext } from '../electron/providers/types'
import { startChild } from './proc'
import { hasWrk, type WrkRequest, wrk } from './wrk'

const ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
const TOKEN = 'lr-bench-token-0123456789'
const A_KEY = 'sk-ant-fake-0123456789abcdef'
const G_KEY = 'AIzaFakeGeminiKey0123456789abcdefghij'

type Msg = { ready?: Record<string, number> }

// ---------------------------------------------------------------- child roles
async function childFakes(): Promise<void> {
  // As every bench child (bench/child.ts): no process of the comparison in V8's pretenuring slow mode.
  const { useServingHeap } = await import('../electron/gateway/heap')
  useServingHeap()
  const { startFakeAnthropic } = await import('../tests/helpers/fake-anthropic')
  const { startFakeGemini } = await import('../tests/helpers/fake-gemini')
  const a = await startFakeAnthropic({ fixedAnswer: ANSWER, record: false })
  const g = await startFakeGemini({ fixedAnswer: ANSWER, record: false })
  const { startFakeOpenAI } = await import('../tests/helpers/fake-openai')
  const o = await startFakeOpenAI({ fixedAnswer: ANSWER, record: false })
  process.send!({ ready: { anthropic: a.port, gemini: g.port, openai: o.port } })
  process.on('disconnect', () => process.exit(0))
}

// ---------------------------------------------------------------- load
function spawnChild(
  role: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; ready: Record<string, number> }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_ROLE: role, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)))
    child.on('message', (m: Msg) => {
      if (m.ready) resolve({ child, ready: m.ready })
    })
  })
}

interface Target {
  pool: Pool
  /** The pool's origin, for wrk. */
  origin: string
  path: string
  headers: Record<string, string>
  body: string
  /** Text that marks the first answer token in the response body. */
  marker: string
}

const asWrk = (t: Target): WrkRequest => ({
  url: `${t.origin}${t.path}`,
  headers: t.headers,
  body: t.body,
})

/** One request; resolves with [ms to the first answer token, ms to the end]. */
async function once(t: Target): Promise<[number, number]> {
  const start = performance.now()
  const res = await t.pool.request({ path: t.path, method: 'POST', headers: t.headers, body: t.body })
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${await res.body.text()}`)
  let first = 0
  let seen = ''
  for await (const chunk of res.body) {
    if (!first) {
      seen += (chunk as Buffer).toString('utf8')
      if (seen.includes(t.marker)) first = performance.now() - start
    }
  }
  const end = performance.now() - start
  if (!first) throw new Error(`no answer token in the response to ${t.path}`)
  return [first, end]
}

async function loop(t: Target, total: number, concurrency: number): Promise<number> {
  let left = total
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await once(t)
    }),
  )
  return (total / (performance.now() - started)) * 1000
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function ttft(t: Target, n: number): Promise<number> {
  const xs: number[] = []
  for (let i = 0; i < n; i++) xs.push((await once(t))[0])
  return median(xs)
}

function targets(
  ports: Record<string, number>,
  provider: 'anthropic' | 'gemini' | 'openai',
  stream: boolean,
): { gw: Target; direct: Target; pools: Pool[] } {
  const gwOrigin = `http://127.0.0.1:${ports.gateway}`
  const upOrigin = `http://127.0.0.1:${ports[provider]}`
  const gwPool = new Pool(gwOrigin, { connections: 64 })
  const upPool = new Pool(upOrigin, { connections: 64 })
  const messages = [{ role: 'user', content: 'Say sixty words.' }]
  const model =
    provider === 'anthropic' ? 'claude-sonnet-4-5' : provider === 'gemini' ? 'gemini-2.5-flash' : 'echo'
  const gw: Target = {
    pool: gwPool,
    origin: gwOrigin,
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      model: `${provider === 'openai' ? 'fake' : provider}/${model}`,
      messages,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    }),
    marker: stream ? '"content":"word0' : '"content":"word0',
  }
  const direct: Target =
    provider === 'openai'
      ? {
          pool: upPool,
          origin: upOrigin,
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sk-fake-0123456789abcdef' },
          body: JSON.stringify({ model, messages, stream }),
          marker: '"content":"word0',
        }
      : provider === 'anthropic'
        ? {
            pool: upPool,
            origin: upOrigin,
            path: '/v1/messages',
            headers: {
              'content-type': 'application/json',
              'x-api-key': A_KEY,
              'anthropic-version': '2023-06-01',
            },
            body: JSON.stringify({
              model,
              max_tokens: 1024,
              messages: [{ role: 'user', content: [{ type: 'text', text: messages[0]!.content }] }],
              stream,
            }),
            marker: '"text":"word0',
          }
        : {
            pool: upPool,
            origin: upOrigin,
            path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
            headers: { 'content-type': 'application/json', 'x-goog-api-key': G_KEY },
            body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: messages[0]!.content }] }] }),
            marker: '"text":"word0',
          }
  return { gw, direct, pools: [gwPool, upPool] }
}

/**
 * "Translation must not cost more than a parse": the adapters alone, in this process, on the fakes' own
 * JSON answers (fetched once over HTTP). Per request: building the provider's request body, and turning
 * its answer into the OpenAI completion the client gets (parse, translate, serialise), against one
 * `JSON.parse` of that answer and against the pass-through (which only parses and checks the answer).
 */
async function translationCost(ports: Record<string, number>): Promise<string[][]> {
  const { anthropicAdapter } = await import('../electron/providers/anthropic/index')
  const { geminiAdapter } = await import('../electron/providers/gemini/index')
  const { openaiCompatibleAdapter } = await import('../electron/providers/openai-compatible/index')
  const { PRESETS } = await import('../electron/providers/presets')
  const { ChatRequestSchema } = await import('../shared/openai')
  const adapters = { anthropic: anthropicAdapter, gemini: geminiAdapter, openai: openaiCompatibleAdapter }
  const us = (f: () => unknown): number => {
    for (let i = 0; i < 20_000; i++) f()
    const n = 100_000
    const t = performance.now()
    for (let i = 0; i < n; i++) f()
    return ((performance.now() - t) * 1000) / n
  }
  const rows: string[][] = []
  let baseline = 0
  for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
    const { gw, direct, pools } = targets(ports, provider, false)
    const res = await direct.pool.request({
      path: direct.path,
      method: 'POST',
      headers: direct.headers,
      body: direct.body,
    })
    const answer = await res.body.text()
    await Promise.all(pools.map((p) => p.close()))
    const preset = PRESETS.get(provider)!
    const body = ChatRequestSchema.parse(JSON.parse(gw.body))
    const model = body.model.slice(body.model.indexOf('/') + 1)
    const ctx: AdapterContext = {
      provider: {
        id: provider,
        preset,
        baseUrl: `http://127.0.0.1:${ports[provider]}`,
        apiKey: 'k',
        headers: {},
        apiVersion: undefined,
        models: undefined,
      },
      model,
      requestedModel: body.model,
    }
    const adapter = adapters[provider]
    const request = us(() => adapter.chatRequest(ctx, body))
    // What the router does with a 2xx answer: the pass-through sends the upstream text when the parsed
    // answer comes back unchanged; a translated answer is serialised.
    const reply = us(() => {
      const parsed = JSON.parse(answer) as unknown
      const completion = adapter.chatResponse(ctx, parsed)
      return completion === parsed ? answer : JSON.stringify(completion)
    })
    const parse = us(() => JSON.parse(answer))
    // The answer's cost split: the mapping alone (parse and map, less the parse), and writing the result.
    const mapping = Math.max(0, us(() => adapter.chatResponse(ctx, JSON.parse(answer))) - parse)
    const translated = adapter.chatResponse(ctx, JSON.parse(answer))
    const serialise = provider === 'openai' ? 0 : us(() => JSON.stringify(translated))
    if (provider === 'openai') baseline = request + reply
    rows.push([
      provider === 'openai' ? 'pass-through (baseline)' : provider,
      request.toFixed(2),
      reply.toFixed(2),
      mapping.toFixed(2),
      provider === 'openai' ? '-' : serialise.toFixed(2),
      (request + reply).toFixed(2),
      parse.toFixed(2),
      provider === 'openai' ? '-' : (request + reply - baseline).toFixed(2),
    ])
  }
  return rows
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)]
}

export async function run(opts: { seconds?: number } = {}): Promise<string> {
  const seconds = opts.seconds ?? 3
  const withWrk = hasWrk()
  const wrkDir = mkdtempSync(join(tmpdir(), 'localrouter-wrk-'))
  const wrkRows: string[][] = []
  const wrkVerdicts: string[] = []
  const fakes = await spawnChild('fakes')
  const up = fakes.ready
  const gateway = await startChild([
    'gateway',
    JSON.stringify({
      anthropic: { baseUrl: `http://127.0.0.1:${up.anthropic}`, apiKey: A_KEY },
      gemini: { baseUrl: `http://127.0.0.1:${up.gemini}/v1beta`, apiKey: G_KEY },
      // The pass-through baseline: the same gateway, no translation.
      fake: {
        kind: 'openai-compatible',
        baseUrl: `http://127.0.0.1:${up.openai}/v1`,
        apiKey: 'sk-fake-0123456789abcdef',
      },
    }),
  ])
  const ports = { ...up, gateway: Number(new URL(gateway.url).port) }
  const rows: string[][] = []
  let cost: string[][]
  const cases = (['anthropic', 'gemini', 'openai'] as const).flatMap((provider) =>
    [true, false].map((stream) => ({ provider, stream })),
  )
  try {
    // Warm-up over every case first: the gateway's shared code (HTTP, routing, pools) must be optimised
    // before any row is measured, or the first row pays for it (~0.2 ms of TTFT on this machine).
    for (const { provider, stream } of cases) {
      const { gw, direct, pools } = targets(ports, provider, stream)
      await loop(gw, 500, 8)
      await loop(direct, 500, 8)
      await Promise.all(pools.map((p) => p.close()))
    }
    for (const { provider, stream } of cases) {
      const { gw, direct, pools } = targets(ports, provider, stream)
      await loop(gw, 100, 8) // this case's pools and connections
      await loop(direct, 100, 8)
      const ttftDirect = await ttft(direct, 300)
      const ttftGw = await ttft(gw, 300)
      const n = stream ? 8000 : 20000
      const directRps = await loop(direct, n, 32)
      const cpu0 = (await gateway.stats()).cpuMs
      const gwRps = await loop(gw, n, 32)
      const cpuMs = ((await gateway.stats()).cpuMs - cpu0) / n
      rows.push([
        `${provider === 'openai' ? 'pass-through (baseline)' : provider} ${stream ? 'stream' : 'json'}`,
        ttftDirect.toFixed(3),
        ttftGw.toFixed(3),
        (ttftGw - ttftDirect).toFixed(3),
        cpuMs.toFixed(3),
        directRps.toFixed(0),
        gwRps.toFixed(0),
        (gwRps / directRps).toFixed(2),
      ])
      if (withWrk) {
        // The same cell with wrk: a second of each first (wrk's connections are new ones).
        wrk(wrkDir, asWrk(gw), 32, 1)
        wrk(wrkDir, asWrk(direct), 32, 1)
        const d = wrk(wrkDir, asWrk(direct), 32, seconds)
        const before = (await gateway.stats()).cpuMs
        const g = wrk(wrkDir, asWrk(gw), 32, seconds)
        const cpu = ((await gateway.stats()).cpuMs - before) / Math.max(1, g.requests)
        wrkRows.push([
          rows.at(-1)![0]!,
          d.rps.toFixed(0),
          g.rps.toFixed(0),
          (g.rps / d.rps).toFixed(2),
          cpu.toFixed(3),
          String(d.failed + g.failed),
        ])
        const ratio = g.rps / d.rps
        if (provider !== 'openai')
          wrkVerdicts.push(
            `- ${rows.at(-1)![0]} c=32 throughput with wrk ${ratio.toFixed(3)}x direct (target >= 0.4): ${ratio >= 0.4 ? 'met' : 'MISSED'}`,
          )
      }
      await Promise.all(pools.map((p) => p.close()))
    }
    cost = await translationCost(ports)
  } finally {
    rmSync(wrkDir, { recursive: true, force: true })
    fakes.child.removeAllListeners('exit')
    gateway.stop()
    fakes.child.kill()
  }
  const head = [
    'case',
    'TTFT direct ms',
    'TTFT via gw ms',
    'added ms',
    'gw CPU ms/req',
    'direct req/s c=32',
    'gw req/s c=32',
    'ratio',
  ]
  return [
    'native providers (OpenAI in, Anthropic / Gemini out; 60-word answers; targets: added <= 1 ms, CPU <= 0.3 ms, ratio >= 0.4)',
    ...table(head, rows),
    '',
    'translation alone, in-process, µs per request (JSON, non-streamed; the same answers as above)',
    ...table(
      [
        'adapter',
        'request body',
        'answer (parse, translate, serialise)',
        'of which the mapping',
        'of which serialising',
        'total',
        'one JSON.parse of the answer',
        'added over pass-through',
      ],
      cost,
    ),
    '',
    ...(withWrk
      ? [
          `c=32 with wrk as the load generator (${seconds} s per cell, same processes; target: ratio >= 0.4)`,
          ...table(['case', 'direct req/s', 'gw req/s', 'ratio', 'gw CPU ms/req', 'errors'], wrkRows),
          '',
          ...wrkVerdicts,
        ]
      : [
          '(wrk is not installed: `apt-get install wrk` adds the c=32 cells measured with a C load generator.)',
        ]),
  ].join('\n')
}

const role = process.env.BENCH_ROLE
if (role === 'fakes') void childFakes()
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--seconds')
  run(i > 0 ? { seconds: Number(process.argv[i + 1]) } : {}).then(
    (table) => {
      console.log(table)
      process.exit(0)
    },
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
