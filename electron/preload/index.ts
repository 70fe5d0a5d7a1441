/**
 * Exposes the bridge contract, and nothing else, to the sandboxed renderer as window.localRouter:
 * `invoke(method, payload)` for the contract's methods only (BRIDGE_METHODS from shared/bridge.ts).
 * No raw ipcRenderer, no channel names from the page: the channel is derived from a known method.
 * Main answers `{ ok, value | error }`; an error is rethrown here as an Error whose message is the
 * contract's plain-words message (Electron would otherwise prefix it with its own text).
 */
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_METHODS, BRIDGE_VERSION, bridgeChannel, isBridgeMethod } from '../../shared/bridge'

type Reply =
  { ok: true; value: unknown } | { ok: false; error: { message: string; type: string; code: string | null } }

const localRouter = Object.freeze({
  version: BRIDGE_VERSION,
  methods: Object.freeze([...BRIDGE_METHODS]),
  async invoke(method: unknown, payload?: unknown): Promise<unknown> {
    if (!isBridgeMethod(method)) throw new Error(`Unknown bridge method: ${String(method)}`)
    const reply = (await ipcRenderer.invoke(bridgeChannel(method), payload ?? {})) as Reply
    if (reply.ok) return reply.value
    const err = new Error(reply.error.message)
    err.name = reply.error.code ?? reply.error.type
    throw err
  },
})

contextBridge.exposeInMainWorld('localRouter', localRouter)
