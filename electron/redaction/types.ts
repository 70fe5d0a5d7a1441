/**
 * Shared types for redaction: what a detector finds, and the settings one request runs with.
 */

import type { EntityType } from '../../shared/entities'

/** The kinds (and their names in words) live in shared/, where the UI reads them too. */
export { ENTITY_TYPES, type EntityType } from '../../shared/entities'

export type RedactionMode = 'off' | 'mask' | 'block'

/** One sensitive value found in a text: `[start, end)` in UTF-16 code units of that text. */
export interface Span {
  type: EntityType
  start: number
  end: number
  /** Higher wins when two spans overlap. */
  priority: number
}

/** What detection needs to know, already compiled from the config. */
export interface DetectOptions {
  /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
  region: string
  /** Private (RFC 1918, CGNAT, link-local, ULA) addresses count as sensitive. */
  privateIps: boolean
  /** Types switched off by the user. */
  disabled: ReadonlySet<EntityType>
  /** Terms always redacted (whole word, case-insensitive), compiled into one pattern. */
  always: RegExp | null
  /** User patterns always redacted. */
  alwaysPatterns: RegExp[]
  /** Values never redacted (lower-cased). */
  neverTerms: ReadonlySet<string>
  neverPatterns: RegExp[]
}
