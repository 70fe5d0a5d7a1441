/**
 * Headless entry point: `serve` (the gateway without Electron). No 'electron' import here.
 * Usage: tsx electron/cli.ts serve [--config FILE] [--host H] [--port P]
 */
import { parseArgs } from 'node:util'
import { defaultConfigPath } from './config/paths'
import { ConfigError, loadConfig, updateConfigFile } from './config/store'
import { createLogger } from './log'
import { ProviderConfigError } from './router/providers'
import { generateToken, startGateway } from './services'

const USAGE = `Usage:
  npm run serve -- [--config FILE] [--host H] [--port P]   start the gateway headless
  npm run redact -- [--config FILE] [--json] [--region XX] redact stdin to stdout (entities on stderr)`

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

/** `redact`: stdin -> redacted text on stdout; entities (type, offsets, placeholder; never values) on stderr. */
async function redact(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const file = values.config ?? process.env.LOCALROUTER_CONFIG ?? defaultConfigPath()
  const { config } = await loadConfig(file)
  const settings = { ...config.redaction }
  if (values.region !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(values.region))
      fail(`--region must be a two-letter region code, not '${values.region}'`)
    settings.phoneRegion = values.region.toUpperCase()
  }
  const { detectOptions, redactText, Vault } = await import('./redaction')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  const vault = new Vault()
  vault.reserve(text)
  const result = redactText(text, detectOptions(settings), vault)
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  process.stdout.write(result.text)
  for (const e of result.entities) process.stderr.write(`${e.type}\t${e.start}-${e.end}\t${e.placeholder}\n`)
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  switch (command) {
    case 'serve':
      return serve(rest)
    case 'redact':
      return redact(rest)
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
