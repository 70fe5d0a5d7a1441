/**
 * One factory for everything key-related, shared by the headless CLI and the Electron main process:
 * the SecretStore, the router's cached KeyLookup, the KeyService (CLI and bridge) and the endpoint token.
 */
import { join } from 'node:path'
import { appDataDir } from '../config/paths'
import type { Config } from '../config/schema'
import type { Logger } from '../log'
import { ChangeMarker } from './changes'
import { KeychainError, SERVICE, SecretStore } from './keychain'
import { KeychainKeys, KeychainKeyService } from './keys'
import { type EndpointToken, openEndpointToken } from './token'

export { KeychainError, SecretStore, SERVICE, TOKEN_ACCOUNT } from './keychain'
export { KeychainKeys, KeychainKeyService, maskKey, normalizeKey } from './keys'
export type { EndpointToken, TokenSource } from './token'
export type { KeyService, KeyTestResult, StoredKeyInfo } from './types'

export interface SecretsOptions {
  env?: NodeJS.ProcessEnv
  /** Headless: keychain failures fall back to config / env for keys and to the config file for the token. */
  headless: boolean
  logger?: Logger
  /** Overrides the keychain service name (default `LocalRouter`, or LOCALROUTER_KEYCHAIN_SERVICE). */
  service?: string
  store?: SecretStore
}

export interface Secrets {
  store: SecretStore
  /** The router's KeyLookup (pass as `keys` to startGateway). */
  keys: KeychainKeys
  /** The file whose changes tell this process that another one changed the keychain. */
  markerFile: string
  keyService(config: () => Config): KeychainKeyService
  /** The endpoint token (see token.ts). `configFile` is where headless mode keeps it without a keychain. */
  endpointToken(opts: { config: Config; configFile?: string }): Promise<EndpointToken>
  /** Undefined when the keychain answers; otherwise the error that says why not and how to fix it. */
  problem(): Promise<KeychainError | undefined>
}

export function createSecrets(opts: SecretsOptions): Secrets {
  const env = opts.env ?? process.env
  const service = opts.service ?? (env.LOCALROUTER_KEYCHAIN_SERVICE || SERVICE)
  const store = opts.store ?? new SecretStore({ service })
  const markerFile = join(appDataDir(env), 'keychain-changed')
  const marker = new ChangeMarker(markerFile)
  const keys = new KeychainKeys({
    store,
    marker,
    headless: opts.headless,
    ...(opts.logger ? { logger: opts.logger } : {}),
  })
  return {
    store,
    keys,
    markerFile,
    keyService: (config) =>
      new KeychainKeyService({ store, keys, marker, config, headless: opts.headless, env }),
    endpointToken: ({ config, configFile }) =>
      openEndpointToken({
        store,
        marker,
        config,
        headless: opts.headless,
        ...(configFile !== undefined ? { configFile } : {}),
      }),
    problem: () =>
      store.check().then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof KeychainError) return err
          throw err
        },
      ),
  }
}
