/**
 * The key operations the CLI and the bridge use. The implementation (OS keychain through
 * @napi-rs/keyring) lives beside this file; nothing here ever returns a key, only masked forms.
 */
export interface StoredKeyInfo {
  provider: string
  /** e.g. `sk-...4f2a`: enough to recognise a key, never enough to use it. */
  masked: string
}

export type KeyTestResult =
  | { status: 'ok'; message: string }
  | { status: 'invalid'; message: string }
  | { status: 'unreachable'; message: string }

export interface KeyService {
  list(): Promise<StoredKeyInfo[]>
  set(provider: string, key: string): Promise<void>
  delete(provider: string): Promise<boolean>
  /** Calls the provider's models endpoint with the given key (or the stored one). */
  test(provider: string, key?: string): Promise<KeyTestResult>
}
