import { join, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  busyPortDialog,
  contentSecurityPolicy,
  endpointOrigin,
  externalUrl,
  isAppUrl,
  isTrustedSender,
  navigationDecision,
  permissionAllowed,
  rendererFileFor,
  rendererOrigin,
  type RendererSource,
  trayMenuModel,
  trayTooltip,
  webPreferences,
  windowOptions,
} from '../../../electron/main/policy'

const dir = resolve('/opt/LocalRouter/resources/app.asar/out/renderer')
const fileSource: RendererSource = { kind: 'app', dir }
const devSource: RendererSource = { kind: 'dev', url: 'http://localhost:5173' }
const index = APP_INDEX_URL

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values]
    }),
  )

describe('window options', () => {
  it('turns every hardening switch on and Node off', () => {
    const prefs = webPreferences('/app/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    })
  })

  it('builds a hidden-until-ready window with those preferences', () => {
    const opts = windowOptions({ preload: '/p.cjs' })
    expect(opts.show).toBe(false)
    expect(opts.title).toBe('LocalRouter')
    expect(opts.webPreferences).toEqual(webPreferences('/p.cjs'))
    expect(opts).not.toHaveProperty('icon')
    expect(windowOptions({ preload: '/p.cjs', icon: '/i.png' }).icon).toBe('/i.png')
  })
})

describe('content security policy', () => {
  it('lets the page connect only to the running endpoint, on its actual port', () => {
    const csp = contentSecurityPolicy({ endpoint: endpointOrigin('127.0.0.1', 50123) })
    const d = directives(csp)
    expect(d['connect-src']).toEqual(['http://127.0.0.1:50123'])
    expect(csp).not.toContain('*')
    expect(d['default-src']).toEqual(["'none'"])
    expect(d['script-src']).toEqual(["'self'"])
    expect(d['object-src']).toEqual(["'none'"])
    expect(d['frame-ancestors']).toEqual(["'none'"])
    expect(d['form-action']).toEqual(["'none'"])
    expect(d['base-uri']).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-eval')
  })

  it('connects nowhere while no endpoint runs', () => {
    expect(directives(contentSecurityPolicy({ endpoint: null }))['connect-src']).toEqual(["'none'"])
  })

  it('adds the dev server (and its hot-reload socket) only in development', () => {
    const d = directives(
      contentSecurityPolicy({ endpoint: 'http://127.0.0.1:4141', devServer: 'http://localhost:5173/' }),
    )
    expect(d['connect-src']).toEqual(['http://127.0.0.1:4141', 'ws://localhost:5173'])
    expect(d['script-src']).toContain('http://localhost:5173')
  })

  it('shows IPv6 and wildcard binds as addresses the page can reach', () => {
    expect(endpointOrigin('::1', 4141)).toBe('http://[::1]:4141')
    expect(endpointOrigin('0.0.0.0', 4141)).toBe('http://127.0.0.1:4141')
    expect(endpointOrigin('localhost', 80)).toBe('http://localhost:80')
  })
})

describe('which files and URLs belong to the app', () => {
  it('serves files inside the renderer folder only', () => {
    expect(index).toBe('app://localrouter/index.html')
    expect(rendererFileFor(index, dir)).toBe(join(dir, 'index.html'))
    expect(rendererFileFor(`${APP_ORIGIN}/`, dir)).toBe(join(dir, 'index.html'))
    expect(rendererFileFor(`${APP_ORIGIN}/assets/index-abc.js?v=1`, dir)).toBe(
      join(dir, 'assets', 'index-abc.js'),
    )
    // `..` in any spelling either resolves inside the folder (URL parsing) or is refused.
    const staysInside = (url: string) => {
      const file = rendererFileFor(url, dir)
      return file === null || file.startsWith(dir + sep)
    }
    expect(staysInside(`${APP_ORIGIN}/../main/index.js`)).toBe(true)
    expect(staysInside(`${APP_ORIGIN}/%2e%2e/%2e%2e/main/index.js`)).toBe(true)
    expect(rendererFileFor(`${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fmain/index.js`, dir)).toBeNull()
    expect(rendererFileFor(`${APP_ORIGIN}/..%5c..%5cmain%5cindex.js`, dir)).toBeNull()
    expect(rendererFileFor(`${APP_ORIGIN}/index.html%00.js`, dir)).toBeNull()
    expect(rendererFileFor(`${APP_ORIGIN}/%E0%A4%A`, dir)).toBeNull()
    expect(rendererFileFor('app://other/index.html', dir)).toBeNull()
    expect(rendererFileFor(pathToFileURL(join(dir, 'index.html')).href, dir)).toBeNull()
    expect(rendererFileFor('https://localrouter/index.html', dir)).toBeNull()
    expect(rendererFileFor('not a url', dir)).toBeNull()
  })

  it('names the origin the endpoint must accept from the UI', () => {
    expect(rendererOrigin(fileSource)).toBe('app://localrouter')
    expect(rendererOrigin(devSource)).toBe('http://localhost:5173')
  })

  it('knows the app URL for the built UI and for the dev server', () => {
    expect(isAppUrl(index, fileSource)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', fileSource)).toBe(false)
    expect(isAppUrl('app://localrouter.evil/index.html', fileSource)).toBe(false)
    expect(isAppUrl('http://localhost:5173/index.html', devSource)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', devSource)).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/', devSource)).toBe(false)
    expect(isAppUrl(index, devSource)).toBe(false)
  })
})

describe('navigation and external links', () => {
  it('opens only allow-listed https URLs, in the system browser', () => {
    expect(externalUrl('https://platform.openai.com/api-keys')).toBe('https://platform.openai.com/api-keys')
    expect(externalUrl('https://github.com/x/y#readme')).toBe('https://github.com/x/y#readme')
    expect(externalUrl('http://platform.openai.com/api-keys')).toBeNull()
    expect(externalUrl('https://evil.example/')).toBeNull()
    expect(externalUrl('https://github.com.evil.example/')).toBeNull()
    expect(externalUrl('https://user:pw@github.com/')).toBeNull()
    expect(externalUrl('https://github.com:8443/')).toBeNull()
    expect(externalUrl('file:///etc/passwd')).toBeNull()
    expect(externalUrl('javascript:alert(1)')).toBeNull()
    expect(externalUrl('smb://github.com/share')).toBeNull()
    expect(externalUrl('https://example.org/', ['example.org'])).toBe('https://example.org/')
  })

  it('never lets the window itself navigate', () => {
    expect(navigationDecision('https://github.com/')).toEqual({
      allow: false,
      openExternal: 'https://github.com/',
    })
    expect(navigationDecision('https://evil.example/')).toEqual({ allow: false, openExternal: null })
    expect(navigationDecision(index)).toEqual({ allow: false, openExternal: null })
  })
})

describe('permissions', () => {
  it('denies everything but clipboard writes from the app itself', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'clipboard-read',
    ])
      expect(permissionAllowed(p, index, fileSource)).toBe(false)
    expect(permissionAllowed('clipboard-sanitized-write', index, fileSource)).toBe(true)
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', fileSource)).toBe(false)
    expect(permissionAllowed('clipboard-sanitized-write', '', fileSource)).toBe(false)
  })
})

describe('IPC sender validation', () => {
  it('trusts only the app UI in its top frame', () => {
    expect(isTrustedSender({ url: index, isMainFrame: true }, fileSource)).toBe(true)
    expect(isTrustedSender({ url: index, isMainFrame: false }, fileSource)).toBe(false)
    expect(isTrustedSender({ url: null, isMainFrame: true }, fileSource)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, fileSource)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, fileSource)).toBe(false)
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true }, fileSource)).toBe(false)
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, devSource)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, fileSource)).toBe(false)
  })
})

describe('tray menu model', () => {
  const settings = { closeToTray: true, startAtLogin: false, debugLogging: false }
  const running = { state: 'running', port: 4141, baseUrl: 'http://127.0.0.1:4141', inFlight: 2 } as const

  it('shows status, port and requests in flight, and every action', () => {
    const model = trayMenuModel(running, settings)
    expect(model[0]).toEqual({ type: 'label', label: 'Endpoint running on port 4141 · 2 requests in flight' })
    const actions = model.flatMap((i) => (i.type === 'action' ? [i.action] : []))
    expect(actions).toEqual([
      'open-window',
      'copy-base-url',
      'copy-token',
      'toggle-pause',
      'open-logs',
      'quit',
    ])
    expect(model.find((i) => i.type === 'action' && i.action === 'copy-base-url')).toMatchObject({
      label: 'Copy base URL (http://127.0.0.1:4141/v1)',
    })
    expect(model.find((i) => i.type === 'action' && i.action === 'toggle-pause')).toMatchObject({
      label: 'Pause endpoint',
    })
    expect(model.filter((i) => i.type === 'check')).toEqual([
      expect.objectContaining({ setting: 'closeToTray', checked: true }),
      expect.objectContaining({ setting: 'startAtLogin', checked: false }),
      expect.objectContaining({ setting: 'debugLogging', checked: false }),
    ])
    expect(model.at(-1)).toMatchObject({ action: 'quit' })
    expect(trayMenuModel({ ...running, inFlight: 1 }, settings)[0]).toMatchObject({
      label: 'Endpoint running on port 4141 · 1 request in flight',
    })
  })

  it('offers to resume a paused or stopped endpoint and says why it stopped', () => {
    const paused = trayMenuModel({ ...running, state: 'paused', inFlight: 0 }, settings)
    expect(paused[0]).toEqual({ type: 'label', label: 'Endpoint paused (port 4141)' })
    expect(paused.find((i) => i.type === 'action' && i.action === 'toggle-pause')).toMatchObject({
      label: 'Resume endpoint',
    })
    const stopped = { ...running, state: 'stopped', inFlight: 0, problem: 'port 4141 is in use' } as const
    expect(trayTooltip(stopped)).toBe('LocalRouter: Endpoint stopped: port 4141 is in use')
  })
})

describe('busy port dialog', () => {
  it('names the port, offers a free one, and maps every button to an action', () => {
    const d = busyPortDialog(4141, '127.0.0.1', 4142)
    expect(d.message).toBe('Port 4141 on 127.0.0.1 is already in use.')
    expect(d.buttons).toEqual(['Use port 4142', 'Try again', 'Start paused', 'Quit'])
    expect(d.actions).toEqual(['use-suggested', 'retry', 'paused', 'quit'])
    expect(d.buttons[d.cancelId]).toBe('Quit')
    expect(d.detail).toContain('Port 4142 is free')
  })

  it('without a free port, offers no switch at all', () => {
    const d = busyPortDialog(4141, '127.0.0.1', null)
    expect(d.buttons).toEqual(['Try again', 'Start paused', 'Quit'])
    expect(d.actions).toHaveLength(d.buttons.length)
  })
})
