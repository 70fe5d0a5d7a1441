/**
 * Run by tests/server/request-memory.test.ts in a child `node --expose-gc`: a gateway as `npm run serve`
 * starts it, and a provider that starts each answer and then holds it open: a stream's first event (first
 * argument `stream`, and `completions`: a streamed text completion), or the headers and the first bytes of
 * a JSON answer (`json`). Several requests with a long prompt are sent; while their answers are open, it prints (as JSON) how much more memory
 * (heap and ArrayBuffers, after full collections) the process holds than before they were sent. The
 * provider reads and drops the requests it gets, so what is held is the gateway's.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseConfig } from '../../electron/config/store'
import { silentLogger } from '../../electron/log'
import { startGateway } from '../../electron/services'

const mode = process.argv[2]
const completions = mode === 'completions'
const stream = mode === 'stream' || completions

const TOKEN = 'lr-test-token-0123456789'
const PROMPT_BYTES = 4 * 1024 * 1024
const STREAMS = 4
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

const held = new Set<() => void>()
const chunk = (content: string) =>
  `data: ${JSON.stringify(
    completions
      ? {
          id: 'c1',
          object: 'text_completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, text: content, finish_reason: null }],
        }
      : {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'm',
          choices: [{ index: 0, delta: { content }, finish_reason: null }],
        },
  )}\n\n`
const provider = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk('first'))
      held.add(() => res.end(`${chunk(' last')}data: [DONE]\n\n`))
    } else {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"id":"c1","object":"chat.completion","created":1,"model":"m",')
      held.add(() =>
        res.end(
          '"choices":[{"index":0,"message":{"role":"assistant","content":"first last"},"finish_reason":"stop"}]}',
        ),
      )
    }
  })
})
await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r))
const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`

const config = parseConfig(
  {
    server: { port: 0, token: TOKEN },
    // The OpenAI preset: it has text completions.
    providers: { openai: { baseUrl: providerUrl, apiKey: 'sk-test' } },
  },
  'test config',
)
const gw = await startGateway({ config, headless: true, env: {}, logger: silentLogger, token: () => TOKEN })

const prompt = 'x'.repeat(PROMPT_BYTES)
const body = JSON.stringify(
  completions
    ? { model: 'openai/m', stream, prompt }
    : { model: 'openai/m', stream, messages: [{ role: 'user', content: prompt }] },
)

const measure = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** A chat; resolves with its whole answer. */
function chat(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${gw.url}/v1/${completions ? 'completions' : 'chat/completions'}`,
      { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve(text))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Until the provider holds `n` answers open. */
async function holding(n: number): Promise<void> {
  while (held.size < n) await new Promise((r) => setTimeout(r, 10))
}

const release = () => {
  for (const end of held) end()
  held.clear()
}

// Once first, so what a first request loads or compiles is in the baseline.
const warm = chat()
await holding(1)
release()
await warm

const before = measure()
const answers = Promise.all(Array.from({ length: STREAMS }, chat))
await holding(STREAMS)
await new Promise((r) => setTimeout(r, 100))
const during = measure()
release()
const texts = await answers
await gw.stop()
provider.close()
console.log(
  JSON.stringify({
    promptBytes: PROMPT_BYTES,
    streams: STREAMS,
    heldPerRequest: Math.round((during - before) / STREAMS),
    complete: texts.every(
      (t) => t.includes('first') && t.includes('last') && (!stream || t.includes('[DONE]')),
    ),
  }),
)
