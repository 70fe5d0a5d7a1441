/**
 * Wires the Electron-free services into one running gateway. The headless CLI and the desktop main
 * process both start LocalRouter through here, so they behave the same.
 */
import { randomBytes } from 'node:crypto'
import type { Config } from './config/schema'
import { createGateway, type Route } from './gateway/app'
import { useServingHeap } from './gateway/heap'
import { listen, type Listening } from './gateway/listen'
import { batchedLines, createLogger, type Logger } from './log'
import { warmUp } from './redaction'
import { redactionRoutes } from './redaction/route'
import { Router } from './router'
import { type KeyLookup, NO_KEYCHAIN, ProviderResolver, providerTable } from './router/providers'
import { createSecrets, type EndpointToken, type KeychainError, type Secrets } from './secrets'

/** The keychain services (key lookup, key service, endpoint token) for the CLI and the Electron main process. */
export { createSecrets, type Secrets } from './secrets'

export interface Headless {
  logger: Logger
  secrets: Secrets
  /** Why the keychain cannot be used, when it cannot (keys then come from the config file and env only). */
  problem: KeychainError | undefined
  token: EndpointToken
}

/**
 * What `npm run serve` runs with: the keychain's secrets (headless: config / env fall back), the endpoint
 * token, and a logger at info level (debug with LOCALROUTER_LOG_LEVEL=debug) that masks the token and
 * every key this process has read in any line. Lines go to stderr in batches (at most 50 ms late), or to
 * `sink` (the benchmark keeps them in a file, as `npm run serve 2>>serve.log` would).
 */
export async function openHeadless(opts: {
  config: Config
  configFile: string
  env?: NodeJS.ProcessEnv
  sink?: (text: string) => void
}): Promise<Headless> {
  const env = opts.env ?? process.env
  const held: { token?: EndpointToken } = {}
  const logger = createLogger({
    level: env.LOCALROUTER_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    write: batchedLines(opts.sink ?? ((text) => process.stderr.write(text))),
    secrets: () => [...(held.token ? [held.token.latest()] : []), ...secrets.keys.known()],
  })
  const secrets = createSecrets({ env, headless: true, logger })
  const problem = await secrets.problem()
  const token = (held.token = await secrets.endpointToken({
    config: opts.config,
    configFile: opts.configFile,
  }))
  return { logger, secrets, problem, token }
}

export interface StartOptions {
  config: Config
  /** Headless mode reads keys from the config file and environment too. */
  headless: boolean
  env?: NodeJS.ProcessEnv
  /** Keys before config / env: pass `createSecrets(...).keys` (the OS keychain, cached). Default: none. */
  keys?: KeyLookup
  logger?: Logger
  /** The API token; a function so rotation applies to the next request. */
  token: () => string
  host?: string
  port?: number
  routes?: (gateway: { router: Router }) => Route[]
  /** Origins accepted besides server.allowedOrigins and the server's own (the desktop UI's app:// origin). */
  extraOrigins?: string[]
}

export interface RunningGateway extends Listening {
  router: Router
  stop(): Promise<void>
}

export function generateToken(): string {
  return `lr-${randomBytes(24).toString('base64url')}`
}

export async function startGateway(opts: StartOptions): Promise<RunningGateway> {
  useServingHeap()
  const env = opts.env ?? process.env
  const logger = opts.logger ?? createLogger()
  const server = opts.config.server
  const resolver = new ProviderResolver(
    providerTable(opts.config, { headless: opts.headless, env }),
    opts.keys ?? NO_KEYCHAIN,
    {
      headless: opts.headless,
      env,
    },
  )
  const router = new Router({
    resolver,
    timeouts: server.timeouts,
    modelsCacheSeconds: server.modelsCacheSeconds,
    logger,
    redaction: () => opts.config.redaction,
  })
  let port = opts.port ?? server.port
  const handler = createGateway({
    router,
    token: opts.token,
    port: () => port,
    allowedOrigins: opts.extraOrigins?.length
      ? () => [...server.allowedOrigins, ...opts.extraOrigins!]
      : () => server.allowedOrigins,
    maxBodyBytes: server.maxBodyBytes,
    logger,
    routes: [...(opts.routes?.({ router }) ?? []), ...redactionRoutes(() => opts.config.redaction)],
  })
  const listening = await listen(handler, opts.host ?? server.host, port)
  const redaction = opts.config.redaction
  if (redaction.mode !== 'off' || Object.values(redaction.providers).some((m) => m !== 'off'))
    setImmediate(() => {
      try {
        warmUp(redaction)
      } catch {
        // A real request will report the failure (and be refused).
      }
    })
  port = listening.port
  let stopping: Promise<void> | undefined
  return {
    ...listening,
    router,
    stop: () => (stopping ??= listening.close(() => router.close())),
  }
}
