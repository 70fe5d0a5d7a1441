/**
 * The wire shape of `POST /v1/redact`, shared by the gateway's route and the UI's preview. Entities
 * carry types, offsets into the original and placeholders; never the values.
 */
import { z } from 'zod'
import { ENTITY_TYPES } from './entities'

export const RedactEntitySchema = z.object({
  type: z.string(),
  /** Offsets into the original text (UTF-16 code units); -1 inside tool-call arguments. */
  start: z.number().int(),
  end: z.number().int(),
  placeholder: z.string(),
})

export const RedactMessageEntitySchema = RedactEntitySchema.extend({
  /** Index in `messages`. */
  message: z.number().int().nonnegative(),
  /** Index in the message's content parts, when its content is an array. */
  part: z.number().int().nonnegative().optional(),
  /** The tool call's index, for entities inside tool-call arguments. */
  toolCall: z.number().int().nonnegative().optional(),
})

export const RedactTextResponseSchema = z.object({
  text: z.string(),
  entities: z.array(RedactEntitySchema),
})

export const RedactMessagesResponseSchema = z.object({
  messages: z.array(z.looseObject({ role: z.string() })),
  entities: z.array(RedactMessageEntitySchema),
})

export type RedactEntity = z.infer<typeof RedactEntitySchema>
export type RedactMessageEntity = z.infer<typeof RedactMessageEntitySchema>

export const RedactionModeSchema = z.enum(['off', 'mask', 'block'])

/** A user pattern: a regular expression source, or `/source/flags`. Must compile. */
export const UserPatternSchema = z
  .string()
  .min(1)
  .refine(
    (p) => {
      try {
        const m = /^\/(.+)\/([a-z]*)$/s.exec(p)
        new RegExp(m ? m[1]! : p, 'u')
        return true
      } catch {
        return false
      }
    },
    { message: 'not a valid regular expression' },
  )

export const PhoneRegionSchema = z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code such as US or DE')

const TermsSchema = z.object({
  terms: z.array(z.string().min(1)),
  patterns: z.array(UserPatternSchema),
})

/** What Settings > Privacy edits: the config's `redaction` section (the gateway reads it per request). */
export const RedactionSettingsSchema = z.object({
  /** The mode for cloud providers without their own entry; local providers default to off. */
  mode: RedactionModeSchema,
  /** Per provider id: overrides `mode` and the local default. */
  providers: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'provider ids are lower-case letters, digits, . _ -'),
    RedactionModeSchema,
  ),
  /** Always redacted: the user's name, employer, clients, code names; and patterns. */
  always: TermsSchema,
  /** Never redacted, even when a detector finds them. */
  never: TermsSchema,
  /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
  phoneRegion: PhoneRegionSchema,
  /** Leave keys and passwords as placeholders in answers instead of restoring them. */
  keepSecretsMasked: z.boolean(),
  /** Private network addresses (10.x, 192.168.x, fd00::/8, ...) count as sensitive. */
  privateIps: z.boolean(),
  /** Detectors switched off, by type (each type at most once). */
  disabled: z
    .array(z.enum(ENTITY_TYPES))
    .refine((list) => new Set(list).size === list.length, 'each type at most once'),
})
export type RedactionSettings = z.infer<typeof RedactionSettingsSchema>

/** Lives in ./redact-mode (zod-free, for the UI's first screen); re-exported so imports from here keep working. */
export { defaultModeFor } from './redact-mode'
