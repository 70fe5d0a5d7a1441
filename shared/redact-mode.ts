/**
 * Which redaction mode a provider gets by default, zod-free: the UI's store needs it on its first
 * screen, where the zod schemas (shared/redact.ts) are not loaded (they come with Settings).
 */
import type { RedactionMode } from './history'

/**
 * The mode a request to this provider gets when no `x-localrouter-redact` header overrides it (the
 * same rule as the gateway's): the provider's own entry, else off on this machine, else the default.
 */
export function defaultModeFor(
  settings: { mode: RedactionMode; providers: Readonly<Record<string, RedactionMode>> },
  provider: { id: string; local: boolean },
): RedactionMode {
  return settings.providers[provider.id] ?? (provider.local ? 'off' : settings.mode)
}
