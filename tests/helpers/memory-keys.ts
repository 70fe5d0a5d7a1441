/**
 * A KeyService held in process memory, for tests that run where no OS keychain is started. It tests a
 * key the way the real one does: a real GET <baseUrl>/models against the (fake) provider on loopback.
 * Never written to disk.
 */
import type { KeyLookup } from '../../electron/router/providers'
import type { KeyService, KeyTestResult, StoredKeyInfo } from '../../electron/secrets/types'

export function maskKey(key: string): string {
  return key.length <= 8 ? '••••' : `${key.slice(0, 3)}...${key.slice(-4)}`
}

export function memoryKeys(baseUrlFor: (provider: string) => string | undefined): KeyService & KeyLookup {
  const keys = new Map<string, string>()
  return {
    async get(provider) {
      return keys.get(provider)
    },
    async list(): Promise<StoredKeyInfo[]> {
      return [...keys].map(([provider, key]) => ({ provider, masked: maskKey(key) }))
    },
    async set(provider, key) {
      keys.set(provider, key)
    },
    async delete(provider) {
      return keys.delete(provider)
    },
    async test(provider, key): Promise<KeyTestResult> {
      const k = key ?? keys.get(provider)
      const base = baseUrlFor(provider)
      if (!base) return { status: 'unreachable', message: `No base URL for ${provider}` }
      try {
        const res = await fetch(`${base}/models`, { headers: { authorization: `Bearer ${k ?? ''}` } })
        if (res.ok) return { status: 'ok', message: 'The key works.' }
        if (res.status === 401 || res.status === 403)
          return { status: 'invalid', message: 'The provider refused this key.' }
        return { status: 'unreachable', message: `The provider answered ${res.status}.` }
      } catch (err) {
        return { status: 'unreachable', message: (err as Error).message }
      }
    },
  }
}
