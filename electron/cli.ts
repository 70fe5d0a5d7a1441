/**
 * Headless entry point: `serve` (the gateway without Electron). No 'electron' import here.
 * Usage: tsx electron/cli.ts serve [--config FILE] [--host H] [--port P]
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startHeadlessUi } from './bridge/headless'
import type { Config } from './config/schema'
import type { KeyLookup } from './router/providers'
import type { KeyService } from './secrets/types'
import { defaultConfigPath } from './config/paths'
import { ConfigError, loadConfig, updateConfigFile } from './config/store'
import { createLogger } from './log'
import { ProviderConfigError } from './router/providers'
import { generateToken, startGateway } from './services'

const USAGE = `Usage:
  npm run serve -- [--config FILE] [--host H] [--port P]   start the gateway headless
  npm run serve -- --ui [...]                               the same, plus the chat UI and its bridge at /`

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ui: { type: 'boolean' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const file = values.config ?? process.env.LOCALROUTER_CONFIG ?? defaultConfigPath()
  let { config } = await loadConfig(file)
  let port: number | undefined
  if (values.port !== undefined) {
    port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be a number from 0 to 65535, not '${values.port}'`)
  }
  if (!config.server.token) {
    const token = generateToken()
    config = await updateConfigFile(file, (raw) => {
      const server = (raw.server ??= {}) as Record<string, unknown>
      server.token = token
    })
    process.stderr.write(`Generated a local API token and saved it in ${file} (server.token).\n`)
  }
  const token = config.server.token!
  if (values.ui) return serveUi(file, config, port, values.host)
  const logger = createLogger({
    level: process.env.LOCALROUTER_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    secrets: () => [token],
  })
  const gateway = await startGateway({
    config,
    headless: true,
    logger,
    token: () => token,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
  })
  process.stdout.write(`listening on ${gateway.url}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('stopping', { signal })
    gateway.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/** `serve --ui`: the gateway, the HTTP bridge and the built chat UI on one port. */
async function serveUi(
  file: string,
  config: Config,
  port: number | undefined,
  host: string | undefined,
): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const uiDir = join(root, 'out', 'renderer')
  if (!existsSync(join(uiDir, 'index.html')))
    fail('The UI is not built yet: run `npx electron-vite build` first (npm start does it for you).')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const keychain = await openKeychain()
  const ref: { app?: Awaited<ReturnType<typeof startHeadlessUi>> } = {}
  const logger = createLogger({
    level: process.env.LOCALROUTER_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    secrets: () => (ref.app ? [ref.app.adminToken, ref.app.apiToken()] : [config.server.token ?? '']),
  })
  const app = (ref.app = await startHeadlessUi({
    config,
    configFile: file,
    version,
    uiDir,
    keys: keychain?.keys ?? null,
    ...(keychain ? { keyLookup: keychain.lookup } : {}),
    logger,
    ...(host !== undefined ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
  }))
  process.stdout.write(`listening on ${app.gateway.url}\n`)
  process.stdout.write(
    `Open the chat UI (this link holds this session's admin key; do not share it):\n  ${app.openUrl}\n`,
  )
  if (!keychain)
    process.stderr.write(
      'No OS keychain is reachable: keys cannot be added from the UI in this session (environment variables still work).\n',
    )
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/** The OS keychain, when this build and this session have one. */
async function openKeychain(): Promise<{ keys: KeyService; lookup: KeyLookup } | null> {
  return null
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  switch (command) {
    case 'serve':
      return serve(rest)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`)
      return
    default:
      fail(`Unknown command '${command}'.\n${USAGE}`, 2)
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ProviderConfigError) fail(err.message)
  if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    fail(`${(err as Error).message}\n${USAGE}`, 2)
  fail(`LocalRouter failed: ${(err as Error)?.message ?? String(err)}`)
})
