/**
 * The chat window and the session rules behind it, wired from policy.ts: hardened webPreferences,
 * the UI served from app://localrouter/ (only the built renderer folder, every response with the
 * CSP header), navigation / new windows denied, allow-listed links to the system browser,
 * permissions denied by default, no <webview>.
 */
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, net, protocol, session, shell, type WebContents } from 'electron'
import type { Logger } from '../log'
import {
  APP_INDEX_URL,
  APP_SCHEME,
  isAppUrl,
  navigationDecision,
  permissionAllowed,
  rendererFileFor,
  rendererHeaders,
  type RendererSource,
  windowOptions,
} from './policy'

/** Must run before app ready: app:// behaves like https (standard, secure, fetch, CORS). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const merged = new Headers(response.headers)
  for (const [k, v] of Object.entries(headers)) merged.set(k, v)
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: merged,
  })
}

/** Session-wide rules; call once, after app ready and before the window loads. */
export function hardenSession(source: RendererSource, csp: () => string, logger: Logger): void {
  const ses = session.defaultSession

  if (source.kind === 'app') {
    // Every request of the UI goes through here: only the renderer folder is readable, with the CSP.
    protocol.handle(APP_SCHEME, async (request) => {
      const file = rendererFileFor(request.url, source.dir)
      if (!file) {
        logger.warn('blocked file request outside the app', { url: request.url })
        return new Response('Not found', { status: 404 })
      }
      try {
        const res = await net.fetch(pathToFileURL(file).href, { bypassCustomProtocolHandlers: true })
        return withHeaders(res, rendererHeaders(csp()))
      } catch {
        return new Response('Not found', { status: 404 })
      }
    })
  } else {
    const origin = new URL(source.url).origin
    ses.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
      const headers = { ...details.responseHeaders }
      for (const [k, v] of Object.entries(rendererHeaders(csp()))) headers[k] = [v]
      callback({ responseHeaders: headers })
    })
  }

  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl || wc.getURL(), source)
    if (!allowed) logger.info('permission request denied', { permission })
    callback(allowed)
  })
  ses.setPermissionCheckHandler((wc, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl || wc?.getURL() || '', source),
  )
  ses.setDevicePermissionHandler(() => false)

  // Every web contents the app ever creates gets the same guards.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, logger))
}

function openOutside(url: string, logger: Logger): void {
  const external = navigationDecision(url).openExternal
  if (external) void shell.openExternal(external)
  else logger.info('blocked navigation', { url: url.slice(0, 200) })
}

function guardContents(contents: WebContents, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, logger)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openOutside(event.url, logger)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export async function createMainWindow(opts: {
  source: RendererSource
  preload: string
  icon?: string
}): Promise<BrowserWindow> {
  const win = new BrowserWindow(windowOptions({ preload: opts.preload, icon: opts.icon }))
  win.once('ready-to-show', () => win.show())
  if (opts.source.kind === 'dev') await win.loadURL(opts.source.url)
  else await win.loadURL(APP_INDEX_URL)
  if (!isAppUrl(win.webContents.getURL(), opts.source)) throw new Error('The window did not load the app UI')
  return win
}
