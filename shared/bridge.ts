/**
 * The one contract between the UI and the app: every method the renderer may call, with a zod schema
 * for its request and its response. Two transports carry it over the same handlers: Electron IPC
 * (through the preload, as window.localRouter) and HTTP under /bridge/ for the headless mode.
 * Nothing in a response ever carries a provider key (keys go in through keys.set / keys.test only).
 */
import { z } from 'zod'
import { ConversationSchema, ConversationSummarySchema, SearchHitSchema } from './history'
import { RedactionSettingsSchema } from './redact'

export const BRIDGE_VERSION = 1

const Empty = z.object({}).strict()
const ProviderId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'provider ids are lower-case letters, digits, . _ -')

const OriginsSchema = z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'an origin is scheme://host[:port]'))

/** What Settings edits in the app's config (the UI's own preferences stay in the renderer). */
export const SettingsSchema = z.object({
  /** Browser origins (scheme://host[:port]) allowed to call the local endpoint. */
  allowedOrigins: OriginsSchema,
  /** The config's `server.port`: where the endpoint listens from its next start. */
  port: z.number().int().min(0).max(65535),
  /** The config's `redaction` section: default and per-provider modes, the user's lists, region. */
  redaction: RedactionSettingsSchema,
})
/** A change: only the given fields (and, inside `redaction`, only the given ones) are replaced. */
export const SettingsPatchSchema = z
  .object({
    allowedOrigins: OriginsSchema,
    port: z
      .number()
      .int()
      .min(1024, 'choose a port from 1024 to 65535')
      .max(65535, 'choose a port from 1024 to 65535'),
    redaction: RedactionSettingsSchema.partial().strict(),
  })
  .partial()
  .strict()
export type Settings = z.infer<typeof SettingsSchema>

export const BRIDGE_CONTRACT = {
  'app.info': {
    request: Empty,
    response: z.object({
      name: z.literal('LocalRouter'),
      version: z.string(),
      /** desktop: the Electron app. headless: the same UI served by `npm start` / `npm run serve -- --ui`. */
      mode: z.enum(['desktop', 'headless']),
      platform: z.string(),
    }),
  },
  'endpoint.info': {
    request: Empty,
    response: z.object({
      running: z.boolean(),
      baseUrl: z.string(),
      port: z.number().int(),
      inFlight: z.number().int(),
      totalRequests: z.number().int(),
    }),
  },
  /** The API token other apps (and this UI) send to /v1. Not a provider key. */
  'endpoint.token': {
    request: Empty,
    response: z.object({ token: z.string() }),
  },
  /** Every provider LocalRouter knows, with its state here. Keys appear masked only. */
  'providers.list': {
    request: Empty,
    response: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        local: z.boolean(),
        keyRequired: z.boolean(),
        /** Listed in the config (enabled). */
        configured: z.boolean(),
        baseUrl: z.string(),
        /** `sk-...4f2a` when a key is stored in the keychain. */
        masked: z.string().nullable(),
        /** The key comes from the config file or an environment variable (headless only). */
        keyFromEnvOrConfig: z.boolean(),
        docs: z.string().optional(),
      }),
    ),
  },
  /** Adds (or updates) a provider entry in the config; takes effect at once. */
  'providers.add': {
    request: z
      .object({
        id: ProviderId,
        kind: z.string().optional(),
        baseUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  'providers.remove': {
    request: z.object({ id: ProviderId }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  /** Probes Ollama and LM Studio on their default ports (127.0.0.1 only). */
  'providers.detectLocal': {
    request: Empty,
    response: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        baseUrl: z.string(),
        found: z.boolean(),
        models: z.number().int(),
      }),
    ),
  },
  /** Stores a key in the OS keychain. The key travels in, never out. */
  'keys.set': {
    request: z.object({ provider: ProviderId, key: z.string().min(1).max(4096) }).strict(),
    response: z.object({ masked: z.string() }),
  },
  'keys.test': {
    request: z.object({ provider: ProviderId, key: z.string().min(1).max(4096).optional() }).strict(),
    response: z.object({ status: z.enum(['ok', 'invalid', 'unreachable']), message: z.string() }),
  },
  'keys.delete': {
    request: z.object({ provider: ProviderId }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'keys.list': {
    request: Empty,
    response: z.array(z.object({ provider: z.string(), masked: z.string() })),
  },
  'settings.get': {
    request: Empty,
    response: SettingsSchema,
  },
  /** Changes the given fields (others stay), saves the config atomically, applies at once. */
  'settings.update': {
    request: SettingsPatchSchema,
    response: SettingsSchema,
  },
  /** Replaces the API token; apps using the old one get 401 from the next request. */
  'endpoint.rotateToken': {
    request: Empty,
    response: z.object({ token: z.string() }),
  },
  'conversations.list': {
    request: Empty,
    response: z.array(ConversationSummarySchema),
  },
  'conversations.get': {
    request: z.object({ id: z.string() }).strict(),
    response: ConversationSchema,
  },
  /** Writes the whole conversation (crash-safe). */
  'conversations.save': {
    request: z.object({ conversation: ConversationSchema }).strict(),
    response: z.object({ updatedAt: z.number() }),
  },
  'conversations.rename': {
    request: z.object({ id: z.string(), title: z.string().min(1).max(200) }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  'conversations.delete': {
    request: z.object({ id: z.string() }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  /** Titles and content of every conversation, case-insensitive. */
  'conversations.search': {
    request: z
      .object({ query: z.string().max(500), limit: z.number().int().positive().max(500).optional() })
      .strict(),
    response: z.array(SearchHitSchema),
  },
  'conversations.export': {
    request: z.object({ id: z.string(), format: z.enum(['markdown', 'json']) }).strict(),
    response: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  },
} as const

export type BridgeContract = typeof BRIDGE_CONTRACT
export type BridgeMethod = keyof BridgeContract
export type BridgeRequest<M extends BridgeMethod> = z.input<BridgeContract[M]['request']>
export type BridgeResponse<M extends BridgeMethod> = z.output<BridgeContract[M]['response']>

/** What main (or the HTTP bridge) implements: one handler per method, a missing one is a type error. */
export type BridgeHandlers = {
  [M in BridgeMethod]: (request: z.output<BridgeContract[M]['request']>) => Promise<BridgeResponse<M>>
}

/** What the renderer calls (window.localRouter.invoke, or the HTTP client). */
export interface BridgeClient {
  invoke<M extends BridgeMethod>(method: M, request: BridgeRequest<M>): Promise<BridgeResponse<M>>
}

export const BRIDGE_METHODS = Object.keys(BRIDGE_CONTRACT) as BridgeMethod[]

export function isBridgeMethod(name: unknown): name is BridgeMethod {
  return typeof name === 'string' && Object.hasOwn(BRIDGE_CONTRACT, name)
}

/** The IPC channel for a method. */
export const bridgeChannel = (method: BridgeMethod): string => `localrouter:${method}`

/** Bridge errors travel as the same OpenAI error shape as HTTP errors. */
export const BridgeErrorSchema = z.object({
  error: z.object({ message: z.string(), type: z.string(), code: z.string().nullable() }),
})
