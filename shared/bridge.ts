/**
 * The one contract between the UI and the app: every method the renderer may call, with a zod schema
 * for its request and its response. Two transports carry it over the same handlers: Electron IPC
 * (through the preload, as window.localRouter) and HTTP under /bridge/ for the headless mode.
 * Nothing in a response ever carries a provider key (keys go in through keys.set / keys.test only).
 */
import { z } from 'zod'

export const BRIDGE_VERSION = 1

const Empty = z.object({}).strict()

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
