/**
 * Provider keys on top of the SecretStore: the in-memory cache the router reads per request, and the
 * KeyService the CLI and the bridge use (list masked, set, delete, test). Nothing here returns a key.
 */
import { GatewayError } from '../../shared/errors'
import type { Config } from '../config/schema'
import { type Logger, silentLogger } from '../log'
import { scrubKey } from '../providers/errors'
import { PRESETS } from '../providers/presets'
import { adapterFor } from '../router'
import {
  type KeyLookup,
  NOT_AT_HAND,
  type ProviderEntry,
  ProviderResolver,
  providerTable,
} from '../router/providers'
import { readText, type Timeouts, Upstreams } from '../router/upstream'
import { type ChangeMarker, ChangeWatch } from './changes'
import { KeychainError, type SecretStore } from './keychain'
import type { KeyService, KeyTestResult, StoredKeyInfo } from './types'

/** Longest key accepted (provider keys are well under 1 KiB; some tokens are JWTs of a few KiB). */
export const MAX_KEY_LENGTH = 16 * 1024

/** `sk-proj-abc...4f2a` -> `sk-...4f2a`: the prefix names the kind of key, the last four tell keys apart. */
export function maskKey(key: string): string {
  const chars = Array.from(key)
  if (chars.length < 12) return '…'.repeat(3)
  const prefix = /^[A-Za-z]{2,4}[-_]/.exec(key)?.[0] ?? ''
  return `${prefix}...${chars.slice(-4).join('')}`
}

/** Trims surrounding whitespace (a pasted newline) and refuses what cannot be a key. */
export function normalizeKey(key: string): string {
  const k = key.trim()
  if (!k) throw new GatewayError(400, 'The key is empty', { code: 'invalid_key', param: 'key' })
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(k))
    throw new GatewayError(400, 'A key is one line without spaces or control characters', {
      code: 'invalid_key',
      param: 'key',
    })
  if (k.length > MAX_KEY_LENGTH)
    throw new GatewayError(400, `The key is longer than ${MAX_KEY_LENGTH} characters`, {
      code: 'invalid_key',
      param: 'key',
    })
  return k
}

/** Accounts that are not provider keys (the endpoint token) start with '@', which no provider id can. */
export function isProviderAccount(account: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*$/.test(account)
}

export interface KeychainKeysOptions {
  store: SecretStore
  marker: ChangeMarker
  /** Headless: a keychain that cannot be read means "no key here", and config / env are tried next. */
  headless: boolean
  logger?: Logger
  /** After a failed keychain read, requests do not ask D-Bus again for this long. */
  retryAfterMs?: number
}

/**
 * The router's KeyLookup: keys read from the keychain once and kept in this process's memory, so a
 * request does not cost a D-Bus round trip. Dropped on set / delete here, and when another process
 * changes the keychain (the change marker, one stat per lookup).
 */
export class KeychainKeys implements KeyLookup {
  private readonly cache = new Map<string, Promise<string | undefined>>()
  /** The reads in `cache` that have answered, by provider: what `peek` gives without waiting. */
  private readonly answered = new Map<string, string | undefined>()
  /** The keys read so far, for the logger's last-line-of-defence masking. */
  private readonly seen = new Set<string>()
  private readonly watch: ChangeWatch
  private readonly log: Logger
  private failure: { error: KeychainError; until: number } | undefined
  private warned = false

  constructor(private readonly opts: KeychainKeysOptions) {
    this.watch = new ChangeWatch(opts.marker)
    this.log = opts.logger ?? silentLogger
  }

  async get(providerId: string): Promise<string | undefined> {
    if (this.watch.changed()) this.invalidate()
    const hit = this.cache.get(providerId)
    if (hit) return hit
    if (this.failure && performance.now() < this.failure.until) return this.unavailable(this.failure.error)
    const read = this.opts.store.get(providerId)
    this.cache.set(providerId, read)
    try {
      const key = await read
      this.failure = undefined
      if (key) this.seen.add(key)
      // Unless it was dropped (a change, a set or delete) while it was being read.
      if (this.cache.get(providerId) === read) this.answered.set(providerId, key)
      return key
    } catch (err) {
      this.cache.delete(providerId)
      const error = err instanceof KeychainError ? err : new KeychainError(String(err), 'failed')
      this.failure = { error, until: performance.now() + (this.opts.retryAfterMs ?? 5000) }
      return this.unavailable(error)
    }
  }

  peek(providerId: string): string | undefined | typeof NOT_AT_HAND {
    if (this.watch.changed()) this.invalidate()
    if (this.answered.has(providerId)) return this.answered.get(providerId)
    // Headless, a keychain that failed a moment ago is not asked again yet: `get` answers "no key here".
    if (this.opts.headless && this.warned && this.failure && performance.now() < this.failure.until)
      return undefined
    return NOT_AT_HAND
  }

  private unavailable(error: KeychainError): undefined {
    if (!this.opts.headless) throw error
    if (!this.warned) {
      this.warned = true
      this.log.warn('keychain unavailable: using keys from the config file and environment only', {
        problem: error.problem,
        detail: error.message,
      })
    }
    return undefined
  }

  /** Every key this process has read from the keychain (to mask them in logs; never to show). */
  known(): string[] {
    return [...this.seen]
  }

  /** Forgets one provider's cached key, or all of them. */
  invalidate(providerId?: string): void {
    if (providerId === undefined) {
      this.cache.clear()
      this.answered.clear()
    } else {
      this.cache.delete(providerId)
      this.answered.delete(providerId)
    }
    this.failure = undefined
  }
}

export interface KeyServiceOptions {
  store: SecretStore
  keys: KeychainKeys
  marker: ChangeMarker
  /** The current config (for custom providers, base URLs and timeouts). */
  config: () => Config
  headless: boolean
  env: NodeJS.ProcessEnv
  /** Longest wait for a key test's answer. */
  testTimeoutMs?: number
}

export class KeychainKeyService implements KeyService {
  constructor(private readonly opts: KeyServiceOptions) {}

  /** Every provider id a key can be stored for: the presets, then the config's own entries. */
  knownProviders(): string[] {
    const ids = new Set<string>(PRESETS.keys())
    for (const id of Object.keys(this.opts.config().providers)) ids.add(id)
    return [...ids]
  }

  assertKnown(provider: string): void {
    if (this.knownProviders().includes(provider)) return
    throw new GatewayError(
      404,
      `Unknown provider '${provider}'. Known providers: ${this.knownProviders().join(', ')}.`,
      { code: 'unknown_provider', param: 'provider' },
    )
  }

  async list(): Promise<StoredKeyInfo[]> {
    const entries = await this.opts.store.entries()
    const out: StoredKeyInfo[] = []
    for (const [account, key] of entries)
      if (isProviderAccount(account)) out.push({ provider: account, masked: maskKey(key) })
    return out.sort((a, b) => a.provider.localeCompare(b.provider))
  }

  async set(provider: string, key: string): Promise<void> {
    this.assertKnown(provider)
    const value = normalizeKey(key)
    await this.opts.store.set(provider, value)
    this.opts.keys.invalidate(provider)
    this.opts.marker.touch()
  }

  async delete(provider: string): Promise<boolean> {
    this.assertKnown(provider)
    const deleted = await this.opts.store.delete(provider)
    this.opts.keys.invalidate(provider)
    if (deleted) this.opts.marker.touch()
    return deleted
  }

  /** The provider's table entry as the gateway would build it, also for a preset not in the config. */
  private entry(provider: string): ProviderEntry {
    this.assertKnown(provider)
    const config = this.opts.config()
    const table = providerTable(config, { headless: this.opts.headless, env: this.opts.env })
    const configured = table.get(provider)
    if (configured) return configured
    const cfg = config.providers[provider]
    const preset = PRESETS.get(cfg?.kind ?? provider)
    if (!preset)
      throw new GatewayError(400, `providers.${provider}.kind: unknown provider kind '${cfg?.kind}'`, {
        code: 'unknown_provider',
        param: 'provider',
      })
    const baseUrl = cfg?.baseUrl ?? preset.baseUrl
    if (!baseUrl)
      throw new GatewayError(
        400,
        `${preset.label} needs a base URL: set providers.${provider}.baseUrl in the config first`,
        { code: 'missing_base_url', param: 'provider' },
      )
    return { id: provider, preset, config: cfg, baseUrl }
  }

  /**
   * Calls the provider's models endpoint with `key` (or the key requests would use) through the
   * gateway's own adapter and upstream pool. ok: the provider accepted it. invalid: it refused it
   * (401/403) or there is none. unreachable: no answer, or an answer that says nothing about the key.
   */
  async test(provider: string, key?: string): Promise<KeyTestResult> {
    const entry = this.entry(provider)
    const given = key === undefined ? undefined : normalizeKey(key)
    const lookup: KeyLookup = given === undefined ? this.opts.keys : { get: async () => given }
    const resolver = new ProviderResolver(new Map([[entry.id, entry]]), lookup, {
      headless: given === undefined && this.opts.headless,
      env: this.opts.env,
    })
    const label = entry.preset.label
    let resolved
    try {
      resolved = await resolver.resolve(entry)
    } catch (err) {
      if (err instanceof GatewayError && err.code === 'missing_api_key')
        return { status: 'invalid', message: `No key is stored for ${label}` }
      throw err
    }
    if (!resolved.apiKey && entry.preset.auth !== 'none')
      return { status: 'invalid', message: `No key is stored for ${label}` }
    const configured = this.opts.config().server.timeouts
    const timeoutMs = this.opts.testTimeoutMs ?? 15_000
    const timeouts: Timeouts = {
      connectMs: Math.min(configured.connectMs, timeoutMs),
      firstByteMs: Math.min(configured.firstByteMs, timeoutMs),
      idleMs: Math.min(configured.idleMs, timeoutMs),
    }
    const upstreams = new Upstreams(timeouts)
    try {
      const adapter = adapterFor(resolved)
      const req = adapter.modelsRequest(resolved)
      const res = await upstreams.request(req, AbortSignal.timeout(timeoutMs), label)
      const text = await readText(res.body, 4 * 1024 * 1024).catch(() => '')
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { status: 'ok', message: `${label} accepted the key` }
      const mapped = adapter.mapError(resolved, res.statusCode, text, {})
      if (res.statusCode === 401 || res.statusCode === 403)
        return {
          status: 'invalid',
          message: `${label} refused the key (HTTP ${res.statusCode}): ${mapped.message}`,
        }
      if (res.statusCode === 429)
        return {
          status: 'ok',
          message: `${label} knows the key but is rate limiting it (HTTP 429): ${mapped.message}`,
        }
      return {
        status: 'unreachable',
        message: `${label} answered HTTP ${res.statusCode} at ${new URL(req.url).host}, which says nothing about the key: ${mapped.message}`,
      }
    } catch (err) {
      if (err instanceof GatewayError && err.code === 'dialect_not_supported') throw err
      const message = err instanceof GatewayError ? err.message : String((err as Error)?.message ?? err)
      return { status: 'unreachable', message: scrubKey(message, resolved.apiKey) }
    } finally {
      await upstreams.close()
    }
  }
}
