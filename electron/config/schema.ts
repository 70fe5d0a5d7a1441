import { z } from 'zod'
import { PhoneRegionSchema, RedactionModeSchema, UserPatternSchema } from '../../shared/redact'
import { PRESETS } from '../providers/presets'
import { catastrophicBacktracking } from '../redaction/pattern-safety'
import { ENTITY_TYPES } from '../redaction/types'

export { RedactionModeSchema }

export const CONFIG_VERSION = 1

export const ProviderConfigSchema = z
  .object({
    /** Which preset this entry uses. Defaults to the entry's own name (`openai`, `groq`, ...). */
    kind: z.string().min(1).optional(),
    /** Overrides the preset's base URL (required for `openai-compatible` and `azure`). */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Headless and test use only: the desktop app keeps keys in the OS keychain. */
    apiKey: z.string().min(1).optional(),
    /** Extra headers sent to this provider on every request. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Azure OpenAI: the `api-version` query parameter. Anthropic: the `anthropic-version` header. */
    apiVersion: z.string().min(1).optional(),
    /** Turn an entry off without deleting it. */
    enabled: z.boolean().default(true),
    /** Model ids to list when the provider has no models endpoint (or to add to its list). */
    models: z.array(z.string().min(1)).optional(),
  })
  .strict()

export const TimeoutsSchema = z
  .object({
    /** TCP + TLS connect to a provider. */
    connectMs: z.number().int().positive().default(10_000),
    /** From sending the request to the provider's response headers (its first byte). */
    firstByteMs: z.number().int().positive().default(120_000),
    /** Longest silence between two pieces of a response body. */
    idleMs: z.number().int().positive().default(300_000),
  })
  .strict()

export const ServerConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4141),
    /** Bearer token for the local endpoint. Generated at first run when absent. */
    token: z.string().min(16).optional(),
    /** Browser origins (scheme://host[:port]) allowed to call the endpoint. */
    allowedOrigins: z
      .array(z.string().regex(/^https?:\/\/[^/]+$/, 'an origin is scheme://host[:port]'))
      .default([]),
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
    timeouts: TimeoutsSchema.default(() => TimeoutsSchema.parse({})),
    /** How long a provider's model list is cached, in seconds. */
    modelsCacheSeconds: z.number().int().min(0).default(300),
  })
  .strict()

/** The desktop app's own settings (the headless server ignores them). */
export const DesktopConfigSchema = z
  .object({
    /** Closing the window keeps the endpoint running in the tray (true) or quits the app (false). */
    closeToTray: z.boolean().default(true),
    /** Start LocalRouter (in the tray) when the user logs in. */
    startAtLogin: z.boolean().default(false),
    /** Log request details to the log file (keys still masked). Off: facts only, never prompts or answers. */
    debugLogging: z.boolean().default(false),
  })
  .strict()

const TermListSchema = z
  .object({
    /** Exact words or phrases (whole word, case-insensitive). */
    terms: z.array(z.string().min(1)).default([]),
    /** Regular expressions (`/source/flags`, or a bare source matched case-insensitively). */
    patterns: z
      .array(UserPatternSchema)
      .default([])
      // Here, not in shared/: the analysis library stays out of the renderer bundle. The bridge saves
      // through this schema too, so the config file, `settings.update` and the CLI all refuse these.
      .superRefine((patterns, ctx) => {
        for (const [i, p] of patterns.entries()) {
          const why = catastrophicBacktracking(p)
          if (why) ctx.addIssue({ code: 'custom', path: [i], message: why })
        }
      }),
  })
  .strict()

export const RedactionConfigSchema = z
  .object({
    /** The mode for cloud providers without an entry in `providers`. Local providers default to off. */
    mode: RedactionModeSchema.default('off'),
    /** Per provider id: overrides `mode` (and the local default). */
    providers: z.record(z.string(), RedactionModeSchema).default({}),
    /** Always redacted: the user's name, employer, clients, project code names. */
    always: TermListSchema.default(() => TermListSchema.parse({})),
    /** Never redacted, even when a detector finds them. */
    never: TermListSchema.default(() => TermListSchema.parse({})),
    /** ISO 3166-1 alpha-2 region for phone numbers written without a country code. */
    phoneRegion: PhoneRegionSchema.default('US'),
    /** Private network addresses (10.x, 192.168.x, fc00::/7, ...) count as sensitive. */
    privateIps: z.boolean().default(true),
    /** Leave keys and passwords as placeholders in answers instead of restoring them. */
    keepSecretsMasked: z.boolean().default(false),
    /** Detectors to switch off, by type. */
    disabled: z.array(z.enum(ENTITY_TYPES)).default([]),
  })
  .strict()

export const ConfigSchema = z
  .object({
    version: z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
    server: ServerConfigSchema.default(() => ServerConfigSchema.parse({})),
    providers: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'provider ids are lower-case letters, digits, . _ -'),
        ProviderConfigSchema,
      )
      .default({})
      // Checked with the rest of the file, so a bad entry names the file and nothing gets written to it.
      .superRefine((providers, ctx) => {
        for (const [id, cfg] of Object.entries(providers)) {
          if (!cfg.enabled) continue
          const kind = cfg.kind ?? id
          const preset = PRESETS.get(kind)
          if (!preset)
            ctx.addIssue({
              code: 'custom',
              path: cfg.kind ? [id, 'kind'] : [id],
              message: `unknown provider kind '${kind}'. Use one of ${[...PRESETS.keys()].join(', ')} (or set "kind": "openai-compatible" with a baseUrl)`,
            })
          else if (!cfg.baseUrl && !preset.baseUrl)
            ctx.addIssue({
              code: 'custom',
              path: [id, 'baseUrl'],
              message: `required for ${preset.label}`,
            })
        }
      }),
    desktop: DesktopConfigSchema.default(() => DesktopConfigSchema.parse({})),
    redaction: RedactionConfigSchema.default(() => RedactionConfigSchema.parse({})),
  })
  .strict()

export type Config = z.infer<typeof ConfigSchema>
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>
export type ServerConfig = z.infer<typeof ServerConfigSchema>
export type DesktopConfig = z.infer<typeof DesktopConfigSchema>
export type RedactionConfig = z.infer<typeof RedactionConfigSchema>
