/**
 * The only code that talks to the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux), through @napi-rs/keyring's keytar-shaped API. On Linux every entry is pinned to
 * the Secret Service, so a missing or locked keyring is an error that says how to fix it, never a
 * silent fallback to the kernel keyring (which forgets everything at reboot).
 */
import { GatewayError } from '../../shared/errors'
import { AsyncEntry, Entry, type EntryOptions, findCredentialsAsync } from '@napi-rs/keyring'

/** The keychain service name every LocalRouter secret is stored under. */
export const SERVICE = 'LocalRouter'

/** The account holding the local endpoint's bearer token. Cannot collide with a provider id (`^[a-z0-9]`). */
export const TOKEN_ACCOUNT = '@endpoint-token'

/**
 * The keytar API (getPassword / setPassword / deletePassword / findCredentials), plus a synchronous
 * read for the one place that must answer without awaiting (the token check of a running server).
 */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
  getPasswordSync(service: string, account: string): string | null
}

/**
 * keytar's API over @napi-rs/keyring. Its `keytar` entry point has the same functions but no options
 * bag, so it cannot pin the Linux store: this is the same thin mapping with `{ linux: { store } }`.
 */
export function napiKeytar(): KeytarApi {
  const options: EntryOptions = { linux: { store: 'secret-service' } }
  const entry = (service: string, account: string) => new AsyncEntry(service, account, options)
  return {
    getPassword: async (service, account) => entry(service, account).getPassword(),
    setPassword: async (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: async (service, account) => entry(service, account).deletePassword(),
    findCredentials: async (service) => {
      // findCredentials takes no options: probe through a pinned entry first, so an absent Secret
      // Service is an error here too instead of an empty answer from another store.
      await entry(service, TOKEN_ACCOUNT).getPassword()
      return findCredentialsAsync(service)
    },
    getPasswordSync: (service, account) => new Entry(service, account, options).getPassword(),
  }
}

export type KeychainProblem = 'unavailable' | 'locked' | 'failed'

/** The keychain cannot be used. The message says why and what to do about it (HTTP 503, `keychain_*`). */
export class KeychainError extends GatewayError {
  constructor(
    message: string,
    readonly problem: KeychainProblem,
  ) {
    super(503, message, { type: 'keychain_error', code: `keychain_${problem}` })
    this.name = 'KeychainError'
  }
}

const LINUX_INSTALL =
  'Install and start a Secret Service: on Debian or Ubuntu `sudo apt install gnome-keyring` (it starts with your desktop session); ' +
  'without a desktop, run LocalRouter inside `dbus-run-session` after `printf \'%s\' "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --daemonize`.'
const LINUX_UNLOCK =
  'Unlock it: log in to your desktop session (the login keyring unlocks with your password), open "Passwords and Keys" (seahorse) and unlock "Login", ' +
  'or without a desktop run `printf \'%s\' "$PASSWORD" | gnome-keyring-daemon --replace --unlock --components=secrets --daemonize`.'
const HEADLESS_HINT =
  'Headless, you can instead put the key in an environment variable (e.g. OPENAI_API_KEY) or in the config file you chose (providers.<id>.apiKey).'

/**
 * The Secret Service process went away in the middle of a call (it crashed, or was restarted). On a
 * desktop D-Bus activation (or systemd) starts it again on the next call, so that call is worth making.
 */
const DAEMON_VANISHED = /disconnected from message bus without replying/i

function vanished(err: unknown): boolean {
  return DAEMON_VANISHED.test((err as Error)?.message ?? String(err))
}

/** Turns whatever the native layer threw into a KeychainError with a fix the user can follow. */
export function keychainError(err: unknown, platform: NodeJS.Platform = process.platform): KeychainError {
  if (err instanceof KeychainError) return err
  const raw = `${(err as Error)?.message ?? String(err)} ${String((err as { cause?: unknown })?.cause ?? '')}`
  const detail = (err as Error)?.message ?? String(err)
  const locked = /locked|prompt was dismissed|unlock|prompt/i.test(raw)
  const missing =
    /failed to connect to socket|DBUS_SESSION_BUS_ADDRESS|ServiceUnknown|was not provided by any|NoReply|no such file|connection refused|dbus error|platform failure|no default collection|no storage access/i.test(
      raw,
    )
  if (DAEMON_VANISHED.test(raw))
    return new KeychainError(
      `The keychain service stopped while answering, twice: it crashed or was restarted. ${platform === 'linux' ? 'gnome-keyring 50 is known to crash when other programs open many keychain sessions at once; it starts again on the next request. ' : ''}Retry; if it keeps happening, restart your session. ${HEADLESS_HINT} (${detail})`,
      'unavailable',
    )
  if (platform === 'linux') {
    if (locked)
      return new KeychainError(
        `The keyring (Secret Service) is locked, so LocalRouter cannot read or store keys. ${LINUX_UNLOCK} ${HEADLESS_HINT} (${detail})`,
        'locked',
      )
    if (missing)
      return new KeychainError(
        `No OS keychain is available: no Secret Service answers on the session D-Bus. ${LINUX_INSTALL} ${HEADLESS_HINT} (${detail})`,
        'unavailable',
      )
  }
  if (locked)
    return new KeychainError(
      `The OS keychain is locked. Unlock it (macOS: Keychain Access; Windows: sign in again) and retry. (${detail})`,
      'locked',
    )
  return new KeychainError(
    `The OS keychain failed: ${detail}. ${platform === 'linux' ? LINUX_INSTALL : ''} ${HEADLESS_HINT}`.replace(
      /\s+/g,
      ' ',
    ),
    'failed',
  )
}

/**
 * One keychain operation at a time in this process, whichever SecretStore asks. @napi-rs/keyring
 * negotiates a new Secret Service session for every call, and gnome-keyring 50 aborts (taking every
 * program's secrets with it, and coming back locked) when sessions are negotiated concurrently: GNOME
 * gnome-keyring issues 190 and 196. A call takes a few milliseconds, and keys are cached after the first
 * read (KeychainKeys), so the queue costs nothing a request would notice.
 */
let queueTail: Promise<unknown> = Promise.resolve()
/** Calls queued or running. */
let queued = 0

function serialized<T>(fn: () => Promise<T>): Promise<T> {
  queued++
  const result = queueTail.then(fn).finally(() => queued--)
  queueTail = result.catch(() => undefined)
  return result
}

export interface SecretStoreOptions {
  service?: string
  api?: KeytarApi
  platform?: NodeJS.Platform
}

/**
 * get / set / delete / list-which-exist over one keychain service. Every failure is a KeychainError.
 * Values go in and come out unchanged (unicode, any length the platform accepts).
 */
export class SecretStore {
  readonly service: string
  private readonly api: KeytarApi
  private readonly platform: NodeJS.Platform

  constructor(opts: SecretStoreOptions = {}) {
    this.service = opts.service ?? SERVICE
    this.api = opts.api ?? napiKeytar()
    this.platform = opts.platform ?? process.platform
  }

  /** One operation: queued behind this process's others, asked again once if the service vanished. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    return serialized(async () => {
      try {
        return await fn()
      } catch (err) {
        if (!vanished(err)) throw keychainError(err, this.platform)
      }
      try {
        return await fn()
      } catch (err) {
        throw keychainError(err, this.platform)
      }
    })
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.run(() => this.api.getPassword(this.service, account))) ?? undefined
  }

  /**
   * True while a call of this process is queued or running. `getSync` cannot wait its turn, so it must not
   * run then: it would open a second Secret Service session beside the one in flight.
   */
  get busy(): boolean {
    return queued > 0
  }

  /**
   * The same read, synchronously (a few milliseconds of D-Bus): for the rare read that cannot await.
   * Only while not `busy`; otherwise it throws without asking the keychain.
   */
  getSync(account: string): string | undefined {
    if (this.busy) throw new Error('SecretStore.getSync while another keychain call is in flight')
    const read = () => this.api.getPasswordSync(this.service, account) ?? undefined
    try {
      return read()
    } catch (err) {
      if (!vanished(err)) throw keychainError(err, this.platform)
    }
    try {
      return read()
    } catch (err) {
      throw keychainError(err, this.platform)
    }
  }

  async set(account: string, value: string): Promise<void> {
    if (!value) throw new Error('Refusing to store an empty secret')
    await this.run(() => this.api.setPassword(this.service, account, value))
  }

  /** True when something was deleted, false when there was nothing to delete. */
  async delete(account: string): Promise<boolean> {
    return this.run(() => this.api.deletePassword(this.service, account))
  }

  /** The accounts that hold a secret, sorted. */
  async list(): Promise<string[]> {
    const found = await this.run(() => this.api.findCredentials(this.service))
    return [...new Set(found.map((c) => c.account))].sort()
  }

  /** Every account with its secret (for masked listings inside this process only). */
  async entries(): Promise<Map<string, string>> {
    const found = await this.run(() => this.api.findCredentials(this.service))
    return new Map(found.map((c) => [c.account, c.password]))
  }

  /** Resolves when the keychain answers; rejects with a KeychainError saying why it does not. */
  async check(): Promise<void> {
    await this.get(TOKEN_ACCOUNT)
  }
}
