/**
 * The local endpoint's bearer token: generated at first run and kept in the OS keychain. Without a
 * keychain, headless mode keeps it in the config file the user chose (and says so); the desktop app
 * keeps it in memory for the session. A rotation, here or in another process, takes effect at the
 * next request: `current()` checks the change marker (one stat) and re-reads the token when it moved.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Config } from '../config/schema'
import { updateConfigFile } from '../config/store'
import { type ChangeMarker, ChangeWatch } from './changes'
import { KeychainError, type SecretStore, TOKEN_ACCOUNT } from './keychain'

export type TokenSource = 'keychain' | 'config' | 'memory'

export interface EndpointToken {
  readonly source: TokenSource
  /** The token requests must carry now. Cheap: call it per request. */
  current(): string
  /** The token as last read, without looking for a change: for masking it in log lines. */
  latest(): string
  /** Replaces the token everywhere it is kept; the old one is refused from the next request on. */
  rotate(): Promise<string>
  /** Something the user should know (a fallback in use, a token just generated), or undefined. */
  readonly notice: string | undefined
}

export function generateToken(): string {
  return `lr-${randomBytes(24).toString('base64url')}`
}

/** What `current()` answers while the real token cannot be read: matches nothing anyone holds. */
function unguessable(): string {
  return `unreadable-${randomBytes(32).toString('hex')}`
}

class KeychainToken implements EndpointToken {
  readonly source = 'keychain'
  private readonly watch: ChangeWatch
  private retryAt = 0
  private unreadable = false
  /** A read waiting its turn in the keychain queue, and whether another change came in meanwhile. */
  private queuedRead = false
  private readAgain = false

  constructor(
    private readonly store: SecretStore,
    private readonly marker: ChangeMarker,
    private value: string,
    readonly notice: string | undefined,
  ) {
    this.watch = new ChangeWatch(marker)
  }

  current(): string {
    const changed = this.watch.changed()
    if (changed || (this.unreadable && performance.now() >= this.retryAt)) this.reread()
    return this.value
  }

  latest(): string {
    return this.value
  }

  /** Another process changed the keychain: read the token again, synchronously (once per change). */
  private reread(): void {
    if (this.store.busy) return this.rereadInTurn()
    try {
      this.read(this.store.getSync(TOKEN_ACCOUNT))
    } catch {
      this.unreadableNow()
    }
  }

  /**
   * This process is asking the keychain something else right now: a synchronous read would open a second
   * Secret Service session beside it (what crashes gnome-keyring 50). The read waits its turn instead, and
   * until it answers (milliseconds) the token as last read still applies, as in the marker's 2 ms.
   */
  private rereadInTurn(): void {
    if (this.queuedRead) {
      this.readAgain = true
      return
    }
    this.queuedRead = true
    this.store
      .get(TOKEN_ACCOUNT)
      .then(
        (v) => this.read(v),
        () => this.unreadableNow(),
      )
      .finally(() => {
        this.queuedRead = false
        if (this.readAgain) {
          this.readAgain = false
          this.reread()
        }
      })
  }

  private read(v: string | undefined): void {
    // Deleted from outside: nobody's token is valid until one is set again.
    this.value = v ?? unguessable()
    this.unreadable = false
  }

  private unreadableNow(): void {
    // Fail closed: the old token may be the one that was just rotated away.
    this.value = unguessable()
    this.unreadable = true
    this.retryAt = performance.now() + 2000
  }

  async rotate(): Promise<string> {
    const next = generateToken()
    await this.store.set(TOKEN_ACCOUNT, next)
    this.value = next
    this.unreadable = false
    this.watch.accept(this.marker.touch())
    return next
  }
}

function configToken(file: string): string | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { server?: { token?: unknown } }
    return typeof raw.server?.token === 'string' ? raw.server.token : undefined
  } catch {
    return undefined
  }
}

class ConfigFileToken implements EndpointToken {
  readonly source = 'config'
  private readonly watch: ChangeWatch

  constructor(
    private readonly file: string,
    private readonly marker: ChangeMarker,
    private value: string,
    readonly notice: string | undefined,
  ) {
    this.watch = new ChangeWatch(marker)
  }

  current(): string {
    if (this.watch.changed()) this.value = configToken(this.file) ?? unguessable()
    return this.value
  }

  latest(): string {
    return this.value
  }

  async rotate(): Promise<string> {
    const next = generateToken()
    await updateConfigFile(this.file, (raw) => {
      const server = (raw.server ??= {}) as Record<string, unknown>
      server.token = next
    })
    this.value = next
    this.watch.accept(this.marker.touch())
    return next
  }
}

class MemoryToken implements EndpointToken {
  readonly source = 'memory'
  constructor(
    private value: string,
    readonly notice: string | undefined,
  ) {}
  current(): string {
    return this.value
  }
  latest(): string {
    return this.value
  }
  async rotate(): Promise<string> {
    this.value = generateToken()
    return this.value
  }
}

export interface OpenTokenOptions {
  store: SecretStore
  marker: ChangeMarker
  config: Config
  /** The config file in use (headless): where the token lives when there is no keychain. */
  configFile?: string
  headless: boolean
}

/**
 * Finds (or makes) the endpoint token. Keychain first; a token already in the config file is moved
 * into an empty keychain so the apps that use it keep working.
 */
export async function openEndpointToken(opts: OpenTokenOptions): Promise<EndpointToken> {
  const { store, marker, config } = opts
  const fromConfig = config.server.token
  try {
    const stored = await store.get(TOKEN_ACCOUNT)
    if (stored) {
      const notice =
        fromConfig && fromConfig !== stored && opts.configFile
          ? `server.token in ${opts.configFile} is not used: the local API token is kept in the OS keychain (\`npm run keys -- token\` prints it). You can remove server.token from the file.`
          : undefined
      return new KeychainToken(store, marker, stored, notice)
    }
    const value = fromConfig ?? generateToken()
    await store.set(TOKEN_ACCOUNT, value)
    marker.touch()
    const notice = fromConfig
      ? `Moved the local API token from ${opts.configFile ?? 'the config'} (server.token) into the OS keychain; the file's copy is no longer used and can be removed.`
      : 'Generated a local API token and stored it in the OS keychain (`npm run keys -- token` prints it).'
    return new KeychainToken(store, marker, value, notice)
  } catch (err) {
    if (!(err instanceof KeychainError)) throw err
    // No keychain: the caller has already told the user why (secrets.problem()); fall back below.
  }
  if (opts.headless && opts.configFile) {
    let value = fromConfig
    let made = false
    if (!value) {
      value = generateToken()
      const next = value
      await updateConfigFile(opts.configFile, (raw) => {
        const server = (raw.server ??= {}) as Record<string, unknown>
        server.token = next
      })
      marker.touch()
      made = true
    }
    const notice = `${made ? `Generated a local API token and saved it in ${opts.configFile}` : `The local API token is kept in ${opts.configFile}`} (server.token), because no OS keychain is available.`
    return new ConfigFileToken(opts.configFile, marker, value, notice)
  }
  return new MemoryToken(
    fromConfig ?? generateToken(),
    `The local API token lasts for this session only, because no OS keychain is available.`,
  )
}
