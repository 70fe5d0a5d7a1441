/**
 * Shared types for redaction: what a detector finds, and the settings one request runs with.
 */

/** The kinds of sensitive value LocalRouter detects. The name is also the placeholder's prefix. */
export const ENTITY_TYPES = [
  'EMAIL',
  'PHONE',
  'CARD',
  'IBAN',
  'SSN',
  'IP',
  'SECRET',
  'PERSON',
  'ADDRESS',
  'DOB',
  'TERM',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

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
