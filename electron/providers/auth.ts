import type { ResolvedProvider } from './types'

/** The headers that carry a provider's key, in the provider's own style. */
export function authHeaders(provider: ResolvedProvider): Record<string, string> {
  const key = provider.apiKey
  if (!key) return {}
  switch (provider.preset.auth) {
    case 'bearer':
      return { authorization: `Bearer ${key}` }
    case 'api-key':
      return { 'api-key': key }
    case 'x-api-key':
      return { 'x-api-key': key }
    case 'x-goog-api-key':
      return { 'x-goog-api-key': key }
    case 'none':
      return {}
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}
