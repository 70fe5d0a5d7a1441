/**
 * The desktop shell's security policy and UI models as plain data and pure functions: the window's
 * webPreferences, the CSP, which URLs the window may load or open, which IPC senders are trusted,
 * which permissions are granted, and the tray menu. No runtime import of electron (types only), so
 * every rule here is unit-tested under plain Node; index.ts and friends only hand them to Electron.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/**
 * Where the window's UI comes from: the built renderer folder, served under the app's own privileged
 * scheme (app://localrouter/), or electron-vite's dev server. Not file://: a file:// page's origin is
 * `null`, which the endpoint's Origin guard rightly refuses (and which any sandboxed page shares);
 * app://localrouter is an origin only this app has, so the endpoint can allow exactly it.
 */
export type RendererSource = { kind: 'app'; dir: string } | { kind: 'dev'; url: string }

export const APP_SCHEME = 'app'
export const APP_HOST = 'localrouter'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** The origin the UI's requests to the endpoint carry (added to the endpoint's allowed origins). */
export function rendererOrigin(source: RendererSource): string {
  return source.kind === 'app' ? APP_ORIGIN : new URL(source.url).origin
}

/** The hardened webPreferences every LocalRouter window uses. */
export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

export function windowOptions(opts: { preload: string; icon?: string }): BrowserWindowConstructorOptions {
  return {
    title: 'LocalRouter',
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    backgroundColor: '#111318',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: webPreferences(opts.preload),
  }
}

/** The origin of the local endpoint as the renderer reaches it (`http://127.0.0.1:4141`). */
export function endpointOrigin(host: string, port: number): string {
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return `http://${shownHost}:${port}`
}

/**
 * The Content-Security-Policy of the window. connect-src names only the running endpoint (its actual
 * port); nothing else may be fetched, framed, or posted to. The dev server adds its own origin (and
 * its websocket for hot reload) only when the window is served by it.
 */
export function contentSecurityPolicy(opts: { endpoint: string | null; devServer?: string }): string {
  const dev = opts.devServer ? new URL(opts.devServer) : null
  const self = dev ? `'self' ${dev.origin}` : "'self'"
  const connect = [opts.endpoint, dev ? `ws://${dev.host}` : null].filter(Boolean)
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    // The dev server's React refresh preamble is an inline script; built bundles never need one.
    ['script-src', dev ? `${self} 'unsafe-inline'` : self],
    // React sets style attributes; no remote stylesheets.
    ['style-src', `${self} 'unsafe-inline'`],
    ['img-src', `${self} data: blob:`],
    ['font-src', `${self} data:`],
    ['connect-src', connect.length ? connect.join(' ') : "'none'"],
    ['worker-src', "'self' blob:"],
    ['media-src', "'none'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['child-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ]
  return directives.map(([k, v]) => `${k} ${v}`).join('; ')
}

/** Headers added to every response that makes up the window's UI. */
export function rendererHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

function inside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'))
}

/**
 * The file an app://localrouter/ request may read: only files inside the built renderer folder;
 * anything else (another host, `..` tricks, encoded separators) is null and gets a 404.
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  const u = parse(url)
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const segments = path.split('/').filter(Boolean)
  if (segments.some((seg) => seg === '..' || seg === '.')) return null
  const file = resolve(rendererDir, ...(segments.length ? segments : ['index.html']))
  return inside(rendererDir, file) ? file : null
}

/** Is this URL part of the app's own UI (app://localrouter/, or the dev server)? */
export function isAppUrl(url: string, source: RendererSource): boolean {
  const u = parse(url)
  if (!u) return false
  if (source.kind === 'app') return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  return u.origin === new URL(source.url).origin
}

/** Hosts the UI may open in the system browser: the project and the providers' key pages. https only. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'github.com',
  'platform.openai.com',
  'console.anthropic.com',
  'aistudio.google.com',
  'console.mistral.ai',
  'console.groq.com',
  'platform.deepseek.com',
  'console.x.ai',
  'api.together.ai',
  'api.together.xyz',
  'fireworks.ai',
  'cloud.cerebras.ai',
  'www.perplexity.ai',
  'openrouter.ai',
  'portal.azure.com',
  'ollama.com',
  'lmstudio.ai',
]

/** The URL to hand to shell.openExternal, or null: https, no credentials, an allow-listed host, default port. */
export function externalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): string | null {
  const u = parse(url)
  if (!u || u.protocol !== 'https:' || u.username || u.password || u.port) return null
  if (!hosts.includes(u.hostname.toLowerCase())) return null
  return u.href
}

export type NavigationDecision = { allow: false; openExternal: string | null }

/**
 * What to do when the page tries to navigate or open a window: never in the app's window (a page
 * reload does not ask), and an allow-listed https link goes to the system browser instead.
 */
export function navigationDecision(
  url: string,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): NavigationDecision {
  return { allow: false, openExternal: externalUrl(url, hosts) }
}

/**
 * Permission requests and checks: denied, except writing to the clipboard (the UI's copy buttons) from
 * the app's own UI. Camera, microphone, notifications, geolocation, HID, serial, ... are all refused.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write']

export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  source: RendererSource,
): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl, source)
}

/** What an IPC handler knows about who called it. */
export interface SenderInfo {
  /** The calling frame's URL (null when the frame is gone). */
  url: string | null
  /** The calling frame is the top frame of its window (the UI has no iframes). */
  isMainFrame: boolean
}

/** Only the app's own UI, in its top frame, may call the bridge. */
export function isTrustedSender(sender: SenderInfo, source: RendererSource): boolean {
  return sender.url !== null && sender.isMainFrame && isAppUrl(sender.url, source)
}

/** The endpoint's state as the tray shows it. */
export interface EndpointStatus {
  state: 'running' | 'paused' | 'stopped'
  /** The configured or bound port. */
  port: number
  baseUrl: string
  inFlight: number
  /** Why it is stopped (a busy port, ...). */
  problem?: string
}

export type TrayAction =
  'copy-token' | 'copy-base-url' | 'open-window' | 'toggle-pause' | 'open-logs' | 'quit'
export type TraySetting = 'closeToTray' | 'startAtLogin' | 'debugLogging'

export type TrayItem =
  | { type: 'separator' }
  | { type: 'label'; label: string }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'check'; setting: TraySetting; label: string; checked: boolean }

/** The desktop settings the tray toggles (config.desktop). */
export interface TraySettings {
  closeToTray: boolean
  startAtLogin: boolean
  debugLogging: boolean
}

export function statusLine(s: EndpointStatus): string {
  if (s.state === 'running') {
    const load = s.inFlight === 1 ? '1 request in flight' : `${s.inFlight} requests in flight`
    return `Endpoint running on port ${s.port} · ${load}`
  }
  if (s.state === 'paused') return `Endpoint paused (port ${s.port})`
  return `Endpoint stopped${s.problem ? `: ${s.problem}` : ''}`
}

/** The tray / menu-bar menu as data; tray.ts turns it into an Electron Menu. */
export function trayMenuModel(s: EndpointStatus, settings: TraySettings): TrayItem[] {
  const running = s.state === 'running'
  return [
    { type: 'label', label: statusLine(s) },
    { type: 'separator' },
    { type: 'action', action: 'open-window', label: 'Open LocalRouter', enabled: true },
    { type: 'action', action: 'copy-base-url', label: `Copy base URL (${s.baseUrl}/v1)`, enabled: true },
    { type: 'action', action: 'copy-token', label: 'Copy API token', enabled: true },
    { type: 'separator' },
    {
      type: 'action',
      action: 'toggle-pause',
      label: running ? 'Pause endpoint' : 'Resume endpoint',
      enabled: true,
    },
    { type: 'separator' },
    {
      type: 'check',
      setting: 'closeToTray',
      label: 'Keep endpoint running when the window closes',
      checked: settings.closeToTray,
    },
    { type: 'check', setting: 'startAtLogin', label: 'Start at login', checked: settings.startAtLogin },
    {
      type: 'check',
      setting: 'debugLogging',
      label: 'Debug logging (keys masked)',
      checked: settings.debugLogging,
    },
    { type: 'action', action: 'open-logs', label: 'Open logs folder', enabled: true },
    { type: 'separator' },
    { type: 'action', action: 'quit', label: 'Quit LocalRouter', enabled: true },
  ]
}

export function trayTooltip(s: EndpointStatus): string {
  return `LocalRouter: ${statusLine(s)}`
}

/** The dialog shown when the configured port is taken: say so, offer a free port, never switch silently. */
export function busyPortDialog(port: number, host: string, suggested: number | null) {
  const buttons = [
    ...(suggested !== null ? [`Use port ${suggested}`] : []),
    'Try again',
    'Start paused',
    'Quit',
  ]
  const actions: Array<'use-suggested' | 'retry' | 'paused' | 'quit'> = [
    ...(suggested !== null ? (['use-suggested'] as const) : []),
    'retry',
    'paused',
    'quit',
  ]
  return {
    type: 'warning' as const,
    title: 'Port in use',
    message: `Port ${port} on ${host} is already in use.`,
    detail:
      `Another program (or another copy of LocalRouter) is listening on port ${port}, so the local endpoint cannot start there.\n\n` +
      (suggested !== null
        ? `Port ${suggested} is free. Using it saves it as server.port in your settings; apps you pointed at port ${port} must be changed to the new URL.`
        : 'Stop the other program and try again, or set server.port in your settings.'),
    buttons,
    actions,
    defaultId: 0,
    cancelId: buttons.length - 1,
  }
}
