/**
 * The renderer's way to the app: window.localRouter (Electron preload) when present, otherwise the
 * HTTP bridge of the headless server, authorised by this session's admin token (from the URL fragment
 * the server printed, kept in sessionStorage only).
 */
import type { BridgeClient, BridgeMethod, BridgeRequest, BridgeResponse } from '../../../shared/bridge'

declare global {
  interface Window {
    localRouter?: { invoke(method: string, payload: unknown): Promise<unknown> }
  }
}

export class BridgeError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}

const ADMIN_KEY = 'localrouter.admin'

/** Reads `#admin=...` once, keeps it for this tab, and removes it from the address bar. */
export function adminToken(): string | null {
  const m = /(?:^#|&)admin=([^&]+)/.exec(location.hash)
  if (m) {
    sessionStorage.setItem(ADMIN_KEY, decodeURIComponent(m[1]!))
    history.replaceState(null, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(ADMIN_KEY)
}

export function httpBridge(token: string, base = ''): BridgeClient {
  return {
    async invoke<M extends BridgeMethod>(method: M, request: BridgeRequest<M>): Promise<BridgeResponse<M>> {
      let res: Response
      try {
        res = await fetch(`${base}/bridge/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-localrouter-admin': token },
          body: JSON.stringify(request ?? {}),
        })
      } catch {
        throw new BridgeError('LocalRouter is not reachable. Is it still running?', 'offline', 0)
      }
      const body = (await res.json().catch(() => null)) as
        { error?: { message: string; code: string | null } } | BridgeResponse<M> | null
      if (!res.ok) {
        const err = (body as { error?: { message: string; code: string | null } } | null)?.error
        throw new BridgeError(
          err?.message ?? `Bridge call failed (${res.status})`,
          err?.code ?? null,
          res.status,
        )
      }
      return body as BridgeResponse<M>
    },
  }
}

export function ipcBridge(api: NonNullable<Window['localRouter']>): BridgeClient {
  return {
    async invoke(method, request) {
      try {
        return (await api.invoke(method, request ?? {})) as never
      } catch (err) {
        const e = err as { message?: string; code?: string; status?: number }
        throw new BridgeError(e.message ?? String(err), e.code ?? null, e.status ?? 500)
      }
    },
  }
}

/** null when neither transport is available (a headless tab opened without the session link). */
export function createBridge(): BridgeClient | null {
  if (window.localRouter?.invoke) return ipcBridge(window.localRouter)
  const token = adminToken()
  return token ? httpBridge(token) : null
}
