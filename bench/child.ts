/**
 * A benchmark child process: the fake upstream, the gateway, or one of the floors (bench/minimal.ts), so the load generator, the
 * upstream and the gateway each run in their own process (as they do for real). Speaks over IPC:
 * sends {ready, url} once listening; answers {cpu} requests with its CPU time and RSS.
 */
import { parseConfig } from '../electron/config/store'
import { silentLogger } from '../electron/log'
import { startGateway } from '../electron/services'
import { startFakeOpenAI } from '../tests/helpers/fake-openai'
import { startEventRelay, startMinimalRelay } from './minimal'

const role = process.argv[2]
const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')

async function main(): Promise<void> {
  let url: string
  if (role === 'upstream') {
    const fake = await startFakeOpenAI({ record: false, fixedAnswer: words })
    url = fake.url
  } else if (role === 'gateway') {
    // argv[3]: the fake upstream's URL (one OpenAI-compatible provider named `fake`), or a JSON object of
    // providers as the config file would hold them.
    const arg = process.argv[3]!
    const providers = arg.startsWith('{')
      ? (JSON.parse(arg) as Record<string, unknown>)
      : { fake: { kind: 'openai-compatible', baseUrl: arg, apiKey: 'sk-bench' } }
    const config = parseConfig(
      { server: { port: 0, token: 'lr-bench-token-0123456789' }, providers },
      'bench',
    )
    const gw = await startGateway({
      config,
      headless: true,
      env: {},
      token: () => 'lr-bench-token-0123456789',
      logger: silentLogger,
    })
    url = `${gw.url}/v1`
  } else if (role === 'minimal') {
    url = await startMinimalRelay(process.argv[3]!)
  } else if (role === 'events') {
    url = await startEventRelay(process.argv[3]!)
  } else throw new Error(`unknown role ${role}`)
  process.on('SIGINT', () => process.exit(0))
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stats') {
      const cpu = process.cpuUsage()
      const mem = process.memoryUsage()
      process.send!({
        type: 'stats',
        cpuMs: (cpu.user + cpu.system) / 1000,
        rss: mem.rss,
        heapTotal: mem.heapTotal,
        heapUsed: mem.heapUsed,
        external: mem.external,
        arrayBuffers: mem.arrayBuffers,
      })
    }
  })
  process.send!({ type: 'ready', url })
}

void main()
