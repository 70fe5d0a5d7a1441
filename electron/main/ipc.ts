/**
 * The bridge over Electron IPC: one `ipcMain.handle` channel per contract method (BRIDGE_METHODS),
 * each checking its sender frame before the payload is validated and dispatched (dispatchBridge checks
 * the request and the response against the contract). Errors cross as data in the OpenAI error shape,
 * because Electron flattens thrown errors into a string.
 */
import type { IpcMainInvokeEvent } from 'electron'
import { BRIDGE_METHODS, type BridgeHandlers, bridgeChannel } from '../../shared/bridge'
import { GatewayError } from '../../shared/errors'
import { dispatchBridge } from '../bridge/dispatch'
import type { Logger } from '../log'
import type { SenderInfo } from './policy'

export type IpcReply =
  { ok: true; value: unknown } | { ok: false; error: { message: string; type: string; code: string | null } }

/** The part of ipcMain the bridge uses (so the wiring runs in unit tests without Electron). */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Who sent an IPC call, as policy.isTrustedSender wants it. */
export function senderInfo(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame
  if (!frame) return { url: null, isMainFrame: false }
  return { url: frame.url, isMainFrame: frame.parent === null }
}

function errorReply(err: unknown): IpcReply {
  if (err instanceof GatewayError) {
    const body = err.toBody().error
    return { ok: false, error: { message: body.message, type: body.type, code: body.code ?? null } }
  }
  return {
    ok: false,
    error: {
      message: err instanceof Error ? err.message : String(err),
      type: 'server_error',
      code: 'internal_error',
    },
  }
}

/** One call: sender check, then dispatchBridge (payload and response validated against the contract). */
export async function handleBridgeCall(
  handlers: BridgeHandlers,
  method: string,
  sender: SenderInfo,
  trusted: (sender: SenderInfo) => boolean,
  payload: unknown,
  logger?: Logger,
): Promise<IpcReply> {
  if (!trusted(sender)) {
    logger?.warn('bridge call refused: untrusted sender', { method, sender: sender.url ?? '(gone)' })
    return errorReply(
      new GatewayError(403, 'This window may not call LocalRouter.', { code: 'untrusted_sender' }),
    )
  }
  try {
    return { ok: true, value: await dispatchBridge(handlers, method, payload) }
  } catch (err) {
    if (!(err instanceof GatewayError) || err.status >= 500)
      logger?.error('bridge call failed', { method, error: err instanceof Error ? err.message : String(err) })
    return errorReply(err)
  }
}

/** Registers every contract method; returns a function that removes them again. */
export function registerBridgeIpc(
  ipc: IpcRegistrar,
  handlers: BridgeHandlers,
  trusted: (sender: SenderInfo) => boolean,
  logger?: Logger,
): () => void {
  for (const method of BRIDGE_METHODS) {
    ipc.handle(bridgeChannel(method), (event, payload) =>
      handleBridgeCall(handlers, method, senderInfo(event), trusted, payload, logger),
    )
  }
  return () => {
    for (const method of BRIDGE_METHODS) ipc.removeHandler(bridgeChannel(method))
  }
}
