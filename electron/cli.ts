/**
 * Headless entry point: `serve` (the gateway without Electron) and `keys` (the OS keychain).
 * No 'electron' import here.
 * Usage: tsx electron/cli.ts serve [--config FILE] [--host H] [--port P]
 *        tsx electron/cli.ts keys <set|list|delete|test|token> ...
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startHeadlessUi } from './bridge/headless'
import type { Config } from './config/schema'
import { GatewayError } from '../shared/errors'
import { defaultConfigPath } from './config/paths'
import { ConfigError, loadConfig } from './config/store'
import { batchedLines, createLogger, scrub, scrubCrashes } from './log'
import { ProviderConfigError } from './router/providers'
import { createSecrets, type EndpointToken } from './secrets'
import { readKeyInput } from './secrets/input'
import { openHeadless, startGateway } from './services'

const USAGE = `Usage:
  npm run serve -- [--config FILE] [--host H] [--port P]   start the gateway headless
  npm run serve -- --ui [...]                               the same, plus the chat UI and its bridge at /
  npm run keys -- set <provider>       store a provider key in the OS keychain (from stdin or a hidden prompt)
  npm run keys -- list                 providers with a stored key, masked (sk-...4f2a)
  npm run keys -- delete <provider>    remove a provider key from the OS keychain
  npm run keys -- test <provider>      call the provider's models endpoint with its key: ok / invalid / unreachable
  npm run keys -- token [--rotate]     print the local endpoint's API token (or replace it, refusing the old one)
  (keys commands take --config FILE too, for custom providers and base URLs)
  npm run redact -- [--config FILE] [--json] [--region XX] redact stdin to stdout (entities on stderr)`

function fail(message: string, code = 1): never {
  process.stderr.write(`${scrub(message, held.secrets())}\n`)
  process.exit(code)
}

/**
 * `npm run serve` runs this under `sh -c`: a SIGTERM sent to npm ends that shell, which does not pass it
 * on, and the server would keep the port with no one to stop it. So, run by npm (whose shell lives as
 * long as we do), it also stops (cleanly, as on SIGTERM) when its parent goes away. Run directly
 * (`node scripts/cli.mjs serve &` from a script that then exits) it stays up. Where a parent's exit
 * leaves ppid unchanged (Windows), nothing changes.
 */
function stopWithParent(stop: () => void): void {
  if (!process.env.npm_lifecycle_event) return
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) stop()
  }, 250).unref()
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
  const { config } = await loadConfig(file)
  let port: number | undefined
  if (values.port !== undefined) {
    port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be a number from 0 to 65535, not '${values.port}'`)
  }
  const { logger, secrets, problem, token } = await openHeadless({ config, configFile: file })
  held.secrets = () => [token.latest(), ...secrets.keys.known()]
  if (problem)
    process.stderr.write(
      `${problem.message}\nUntil then, provider keys come from the config file and environment only.\n`,
    )
  if (token.notice) process.stderr.write(`${token.notice}\n`)
  if (values.ui)
    return serveUi({ file, config, port, host: values.host, secrets, token, keychainOk: !problem })
  const gateway = await startGateway({
    config,
    headless: true,
    logger,
    keys: secrets.keys,
    token: () => token.current(),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
  })
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
  // Before the banner: whoever reads it may send a signal at once.
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  stopWithParent(() => stop('parent exited'))
  process.stdout.write(`listening on ${gateway.url}\n`)
}

/** `serve --ui`: the gateway, the HTTP bridge and the built chat UI on one port. */
async function serveUi(opts: {
  file: string
  config: Config
  port: number | undefined
  host: string | undefined
  secrets: ReturnType<typeof createSecrets>
  token: EndpointToken
  keychainOk: boolean
}): Promise<void> {
  const { file, config, port, host, secrets, token } = opts
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const uiDir = join(root, 'out', 'renderer')
  if (!existsSync(join(uiDir, 'index.html')))
    fail('The UI is not built yet: run `npx electron-vite build` first (npm start does it for you).')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const ref: { app?: Awaited<ReturnType<typeof startHeadlessUi>> } = {}
  held.secrets = () => [...(ref.app ? [ref.app.adminToken] : []), token.latest(), ...secrets.keys.known()]
  const logger = createLogger({
    level: process.env.LOCALROUTER_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    write: batchedLines((text) => process.stderr.write(text)),
    secrets: held.secrets,
  })
  const app = (ref.app = await startHeadlessUi({
    config,
    configFile: file,
    version,
    uiDir,
    keys: opts.keychainOk ? secrets.keyService(() => config) : null,
    keyLookup: secrets.keys,
    endpointToken: token,
    logger,
    ...(host !== undefined ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
  }))
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  // Before the banner: whoever reads it may send a signal at once.
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  stopWithParent(stop)
  process.stdout.write(`listening on ${app.gateway.url}\n`)
  process.stdout.write(
    `Open the chat UI (this link holds this session's admin key; do not share it):\n  ${app.openUrl}\n`,
  )
  if (!opts.keychainOk)
    process.stderr.write(
      'No OS keychain is reachable: keys cannot be added from the UI in this session (environment variables still work).\n',
    )
}

const KEYS_USAGE = USAGE.split('\n')
  .filter((l) => l.includes('keys'))
  .join('\n')

async function keys(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      rotate: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  const [action, provider, ...extra] = positionals
  if (values.help || action === undefined || action === 'help') {
    process.stdout.write(`Usage:\n${KEYS_USAGE}\n`)
    return
  }
  const file = values.config ?? process.env.LOCALROUTER_CONFIG ?? defaultConfigPath()
  const { config } = await loadConfig(file)
  const secrets = createSecrets({ env: process.env, headless: true })
  const service = secrets.keyService(() => config)
  const needProvider = (): string => {
    if (!provider) fail(`Which provider? e.g. \`npm run keys -- ${action} openai\`.\n${KEYS_USAGE}`, 2)
    service.assertKnown(provider)
    return provider
  }
  const label = (id: string) => {
    const cfg = config.providers[id]
    return (cfg?.kind ?? id) === id ? id : `${id} (${cfg?.kind})`
  }
  if (values.rotate && action !== 'token') fail('--rotate goes with `keys token` only', 2)

  switch (action) {
    case 'set': {
      if (extra.length)
        fail(
          'The key is never taken from the command line (it would stay in your shell history). ' +
            `Pipe it in (\`printf %s "$KEY" | npm run keys -- set ${provider ?? '<provider>'}\`) or type it at the hidden prompt.`,
          2,
        )
      const id = needProvider()
      // Fail before asking for the key when the keychain cannot take it.
      const problem = await secrets.problem()
      if (problem) throw problem
      const key = await readKeyInput(`Key for ${label(id)} (input hidden): `)
      await service.set(id, key)
      const shown = (await service.list()).find((k) => k.provider === id)?.masked ?? ''
      process.stdout.write(
        `Stored the ${label(id)} key ${shown} in the OS keychain. Check it with \`npm run keys -- test ${id}${values.config !== undefined ? ` --config ${values.config}` : ''}\`.\n`,
      )
      return
    }
    case 'list': {
      if (provider) fail('`keys list` takes no provider', 2)
      const stored = await service.list()
      if (!stored.length) process.stdout.write('No provider keys in the OS keychain.\n')
      else {
        const width = Math.max(...stored.map((k) => k.provider.length))
        for (const k of stored) process.stdout.write(`${k.provider.padEnd(width)}  ${k.masked}\n`)
      }
      return
    }
    case 'delete': {
      const id = needProvider()
      const deleted = await service.delete(id)
      process.stdout.write(
        deleted
          ? `Deleted the ${label(id)} key from the OS keychain.\n`
          : `No ${label(id)} key was stored in the OS keychain.\n`,
      )
      return
    }
    case 'test': {
      const id = needProvider()
      const result = await service.test(id)
      process.stdout.write(`${result.status}: ${result.message}\n`)
      if (result.status !== 'ok') process.exitCode = result.status === 'invalid' ? 1 : 3
      return
    }
    case 'token': {
      if (provider) fail('`keys token` takes no provider (use --rotate to replace the token)', 2)
      const token = await secrets.endpointToken({ config, configFile: file })
      if (token.notice) process.stderr.write(`${token.notice}\n`)
      if (values.rotate) {
        const next = await token.rotate()
        process.stdout.write(`${next}\n`)
        process.stderr.write(
          'Rotated: the old token is refused from now on, also by a LocalRouter that is already running. Give the new one to your apps.\n',
        )
      } else process.stdout.write(`${token.current()}\n`)
      return
    }
    default:
      fail(`Unknown keys command '${action}'.\nUsage:\n${KEYS_USAGE}`, 2)
  }
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

/** What crash output and failure messages must not show, once known (the token, the keys in use). */
const held: { secrets: () => readonly string[] } = { secrets: () => [] }

async function main(): Promise<void> {
  scrubCrashes(() => held.secrets())
  const [command, ...rest] = process.argv.slice(2)
  switch (command) {
    case 'serve':
      return serve(rest)
    case 'keys':
      return keys(rest)
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
  // Keychain problems, unknown providers, bad keys: the message says what to do; no stack.
  if (err instanceof GatewayError) fail(err.message)
  if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    fail(`${(err as Error).message}\n${USAGE}`, 2)
  fail(`LocalRouter failed: ${(err as Error)?.message ?? String(err)}`)
})
