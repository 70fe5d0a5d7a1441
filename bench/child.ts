/**
 * A benchmark child process: the fake upstream, the gateway, or one of the floors (bench/minimal.ts), so the load generator, the
 * upstream and the gateway each run in their own process (as they do for real). Speaks over IPC:
 * sends {ready, url} once listening; answers {cpu} requests with its CPU time and RSS.
 */
import { parseConfig } from '../electron/config/store'
import { mkdtempSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { useServingHeap } from '../electron/gateway/heap'
import { openHeadless, startGateway } from '../electron/services'
import { startFakeOpenAI } from '../tests/helpers/fake-openai'
import { startEventRelay, startMinimalRelay } from './minimal'

const role = process.argv[2]
const TOKEN = 'lr-bench-token-0123456789'
const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')

/**
 * The gateway as `npm run serve` runs it (electron/services.ts `openHeadless`): the keychain's key cache
 * and the endpoint token, each checking the change marker per request, and the info-level logger with
 * one line per request, the token masked. Its stderr is kept in a file, as `npm run serve 2>>serve.log`
 * would; the file is unlinked at once (the writes cost what they cost, nothing is left behind). The app
 * folder is a fresh temporary one; where a keychain answers, the token is kept there under the service
 * `LocalRouterBench`.
 */
async function servedGateway(providers: Record<string, unknown>) {
  const home = mkdtempSync(join(tmpdir(), 'localrouter-bench-'))
  const configFile = join(home, 'config.json')
  writeFileSync(configFile, JSON.stringify({ server: { port: 0, token: TOKEN }, providers }))
  const log = join(home, 'serve.log')
  const fd = openSync(log, 'a', 0o600)
  unlinkSync(log)
  const env = { LOCALROUTER_HOME: home, LOCALROUTER_KEYCHAIN_SERVICE: 'LocalRouterBench' }
  const config = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')), configFile)
  const { logger, secrets, token } = await openHeadless({
    config,
    configFile,
    env,
    sink: (text) => writeSync(fd, text),
  })
  if (token.current() !== TOKEN) throw new Error('the bench token is not the one in use')
  return startGateway({
    config,
    headless: true,
    env,
    logger,
    keys: secrets.keys,
    token: () => token.current(),
  })
}

async function main(): Promise<void> {
  // Every process of a comparison (the fake provider and the floors too, not only the gateway, which sets it
  // when it starts) runs with the gateway's heap setting: none of them may fall into the slow mode V8's
  // pretenuring can leave a process in (electron/gateway/heap.ts), or a ratio would move for that reason.
  useServingHeap()
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
    const gw = await servedGateway(providers)
    // argv[4] `v8-pretenuring`: V8's default back (the gateway turns allocation-site pretenuring off when it
    // starts, electron/gateway/heap.ts), so bench/coldstart.ts can show what that changes.
    if (process.argv[4] === 'v8-pretenuring') setFlagsFromString('--allocation-site-pretenuring')
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
