/**
 * Compiles the config's `redaction` section into what the detectors need, once per config object.
 */
import type { RedactionConfig } from '../config/schema'
import { patternLiteral } from './pattern-safety'
import type { DetectOptions, EntityType, RedactionMode } from './types'

const cache = new WeakMap<object, DetectOptions>()

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A user pattern: `/source/flags` or a bare source (then case-insensitive). */
export function userPattern(pattern: string): RegExp {
  const { source, flags } = patternLiteral(pattern)
  return new RegExp(source, flags)
}

export const DEFAULT_DETECT: DetectOptions = {
  region: 'US',
  privateIps: true,
  disabled: new Set(),
  always: null,
  alwaysPatterns: [],
  neverTerms: new Set(),
  neverPatterns: [],
}

export function detectOptions(config: RedactionConfig | undefined): DetectOptions {
  if (!config) return DEFAULT_DETECT
  const hit = cache.get(config)
  if (hit) return hit
  const terms = config.always.terms.filter((t) => t.trim())
  const opts: DetectOptions = {
    region: config.phoneRegion,
    privateIps: config.privateIps,
    disabled: new Set<EntityType>(config.disabled),
    always: terms.length
      ? new RegExp(
          `(?<![\\p{L}\\p{N}_])(?:${terms
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})(?![\\p{L}\\p{N}_])`,
          'giu',
        )
      : null,
    alwaysPatterns: config.always.patterns.map(userPattern),
    neverTerms: new Set(config.never.terms.map((t) => t.toLowerCase())),
    neverPatterns: config.never.patterns.map(userPattern),
  }
  cache.set(config, opts)
  return opts
}

export const MODES: readonly RedactionMode[] = ['off', 'mask', 'block']

/**
 * The mode for one request: the `x-localrouter-redact` header wins, then the provider's own entry,
 * then `off` for providers that run on this machine, then the default mode.
 */
export function resolveMode(
  config: RedactionConfig | undefined,
  provider: { id: string; local: boolean },
  header: string | undefined,
): RedactionMode {
  if (header !== undefined) return header as RedactionMode
  if (!config) return 'off'
  const own = config.providers[provider.id]
  if (own) return own
  if (provider.local) return 'off'
  return config.mode
}
