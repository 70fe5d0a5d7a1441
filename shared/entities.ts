/**
 * The kinds of sensitive value LocalRouter redacts, and their names in words. One table for the
 * gateway's `block` error and the UI's privacy preview, so both say the same thing. No zod here: the
 * gateway's redaction code imports this on its hot path.
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

/** Singular and plural noun per type (keyed by the union: a new type without words is a type error). */
export const ENTITY_NOUNS: Readonly<Record<EntityType, readonly [one: string, many: string]>> = {
  EMAIL: ['email address', 'email addresses'],
  PHONE: ['phone number', 'phone numbers'],
  CARD: ['payment card number', 'payment card numbers'],
  IBAN: ['IBAN', 'IBANs'],
  SSN: ['social security number', 'social security numbers'],
  IP: ['IP address', 'IP addresses'],
  SECRET: ['key or password', 'keys or passwords'],
  PERSON: ['person name', 'person names'],
  ADDRESS: ['street address', 'street addresses'],
  DOB: ['date of birth', 'dates of birth'],
  TERM: ['term from your always-redact list', 'terms from your always-redact list'],
}

/**
 * "1 email address", "2 phone numbers". A type this build does not know (a newer gateway talking to
 * an older UI) is named by its lower-cased id rather than dropped.
 */
export function countEntities(type: string, n: number): string {
  const nouns = Object.hasOwn(ENTITY_NOUNS, type) ? ENTITY_NOUNS[type as EntityType] : undefined
  const [one, many] = nouns ?? [type.toLowerCase(), `${type.toLowerCase()} values`]
  return `${n} ${n === 1 ? one : many}`
}
