/**
 * The headless app: the gateway, the HTTP bridge under /bridge/ and the built UI at /, on one port.
 * `npm run serve -- --ui` and the e2e tests start LocalRouter through here.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Config } from '../config/schema'
import { appDataDir } from '../config/paths'
import { updateConfigFile } from '../config/store'
import { HistoryStore } from '../history/store'
import { type Logger, silentLogger } from '../log'
import type { KeyLookup } from '../router/providers'
import type { KeyService } from '../secrets/types'
import { generateToken, type RunningGateway, startGateway } from '../services'
import { createBridgeHandlers } from './handlers'
import { bridgeRoutes, uiRoutes } from './http'

export interface HeadlessUiOptions {
  config: Config
  configFile: string
  version: string
  /** The built renderer (out/renderer). */
  uiDir: string
  /** Default: `<app data>/history`. */
  historyDir?: string
  keys: KeyService | null
  keyLookup?: KeyLookup
  env?: NodeJS.ProcessEnv
  logger?: Logger
  host?: string
  port?: number
  /** Default: a fresh random token per run. */
  adminToken?: string
  localProbes?: Partial<Record<'ollama' | 'lmstudio', string>>
  /** The endpoint token from the keychain (secrets/token.ts); default: config.server.token, rotated in the config file. */
  endpointToken?: { current(): string; rotate(): Promise<string> }
}

export interface HeadlessUi {
  gateway: RunningGateway
  history: HistoryStore
  adminToken: string
  /** The URL to open: the admin token rides in the fragment, which browsers never send to a server. */
  openUrl: string
  apiToken(): string
  stop(): Promise<void>
}

export function generateAdminToken(): string {
  return `lra-${randomBytes(24).toString('base64url')}`
}

export async function startHeadlessUi(opts: HeadlessUiOptions): Promise<HeadlessUi> {
  const env = opts.env ?? process.env
  const logger = opts.logger ?? silentLogger
  let fileToken = opts.config.server.token ?? generateToken()
  const endpointToken = opts.endpointToken ?? {
    current: () => fileToken,
    rotate: async () => {
      const next = generateToken()
      await updateConfigFile(opts.configFile, (raw) => {
        ;((raw.server ??= {}) as Record<string, unknown>).token = next
      })
      fileToken = next
      return next
    },
  }
  const adminToken = opts.adminToken ?? generateAdminToken()
  const history = await HistoryStore.open(opts.historyDir ?? join(appDataDir(env), 'history'), logger)
  const ref: { running?: RunningGateway } = {}
  const gateway = await startGateway({
    config: opts.config,
    headless: true,
    env,
    logger,
    token: () => endpointToken.current(),
    ...(opts.keyLookup ? { keys: opts.keyLookup } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    routes: ({ router }) => {
      const handlers = createBridgeHandlers({
        mode: 'headless',
        version: opts.version,
        configFile: opts.configFile,
        config: opts.config,
        env,
        gateway: {
          router,
          get url() {
            return ref.running!.url
          },
          get port() {
            return ref.running!.port
          },
        },
        token: { get: () => endpointToken.current(), rotate: () => endpointToken.rotate() },
        keys: opts.keys,
        history,
        ...(opts.localProbes ? { localProbes: opts.localProbes } : {}),
      })
      return [
        ...bridgeRoutes({ handlers, adminToken: () => adminToken, port: () => ref.running?.port ?? 0 }),
        ...uiRoutes(opts.uiDir, () => ref.running?.port ?? 0),
      ]
    },
  })
  ref.running = gateway
  return {
    gateway,
    history,
    adminToken,
    openUrl: `${gateway.url}/#admin=${adminToken}`,
    apiToken: () => endpointToken.current(),
    stop: () => gateway.stop(),
  }
}
