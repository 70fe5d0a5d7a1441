/**
 * The Electron shell: one instance, the gateway in-process on the configured port, the hardened chat
 * window, the tray. Thin by design: the rules live in policy.ts (pure), the endpoint lifecycle in
 * endpoint.ts, the services outside electron/main; this file only wires them to Electron.
 */
import { join } from 'node:path'
import {
  app,
  type BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  shell,
} from 'electron'
import { appDataDir, defaultConfigPath } from '../config/paths'
import type { Config } from '../config/schema'
import { ConfigError, loadConfig, updateConfigFile } from '../config/store'
import { type Logger, scrubCrashes } from '../log'
import { createDesktopLogger, createFileSink } from '../logging/file-sink'
import { createSecrets, type EndpointToken, type Secrets } from '../secrets'
import { startGateway } from '../services'
import { HIDDEN_FLAG, setLinuxAutostart } from './autostart'
import { createBridgeHandlers } from '../bridge/handlers'
import { HistoryStore } from '../history/store'
import { EndpointController } from './endpoint'
import { registerBridgeIpc } from './ipc'
import {
  busyPortDialog,
  contentSecurityPolicy,
  isTrustedSender,
  type RendererSource,
  rendererOrigin,
  type TrayAction,
  type TraySetting,
} from './policy'
import { nextFreePort } from './ports'
import { AppTray } from './tray'
import { createMainWindow, hardenSession, registerAppScheme } from './window'

app.setName('LocalRouter')
// The same per-user folder as the headless server (LOCALROUTER_HOME moves it, e.g. for tests).
const home = appDataDir()
app.setPath('userData', home)
if (process.env.LOCALROUTER_HOME) app.setAppLogsPath(join(home, 'logs'))

const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const source: RendererSource = devServer
  ? { kind: 'dev', url: devServer }
  : { kind: 'app', dir: join(__dirname, '../renderer') }
registerAppScheme()
const configFile = process.env.LOCALROUTER_CONFIG ?? defaultConfigPath()
const trayIconDir = app.isPackaged
  ? join(process.resourcesPath, 'tray')
  : join(app.getAppPath(), 'build', 'tray')

let config: Config
let logger: Logger
let endpoint: EndpointController | undefined
let tray: AppTray | undefined
let win: BrowserWindow | undefined
let disposeIpc: (() => void) | undefined
let quitting = false
let stopped = false

let endpointToken: EndpointToken | undefined
let secrets: Secrets | undefined

/** The local endpoint's API token (kept in the OS keychain; re-read when rotated elsewhere). */
const token = (): string => endpointToken?.current() ?? ''

async function showWindow(): Promise<void> {
  if (win && !win.isDestroyed()) {
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    return
  }
  win = await createMainWindow({ source, preload: join(__dirname, '../preload/index.cjs') })
  win.on('close', (event) => {
    if (!quitting && config.desktop.closeToTray) {
      event.preventDefault()
      win?.hide()
    }
  })
  win.on('closed', () => (win = undefined))
}

/** Starts the endpoint; a busy port asks the user what to do (never a silent switch). */
async function startEndpoint(port: number): Promise<void> {
  const host = config.server.host
  for (;;) {
    const result = await endpoint!.start(port)
    if (result.ok) {
      logger.info('endpoint running', { port: endpoint!.info().port })
      win?.webContents.reload() // the CSP names the endpoint's port
      return
    }
    logger.warn('endpoint did not start', { port, busy: result.busy })
    if (!result.busy) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Endpoint not started',
        message: 'The local endpoint could not start.',
        detail: result.message,
        buttons: ['Continue without the endpoint', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      })
      if (response === 1) app.quit()
      return
    }
    const suggested = await nextFreePort(host, port)
    const d = busyPortDialog(port, host, suggested)
    const { response } = await dialog.showMessageBox({
      type: d.type,
      title: d.title,
      message: d.message,
      detail: d.detail,
      buttons: d.buttons,
      defaultId: d.defaultId,
      cancelId: d.cancelId,
      noLink: true,
    })
    const action = d.actions[response] ?? 'quit'
    if (action === 'quit') return void app.quit()
    if (action === 'paused') return
    if (action === 'use-suggested' && suggested !== null) {
      port = suggested
      const next = await updateConfigFile(configFile, (raw) => {
        ;((raw.server ??= {}) as Record<string, unknown>).port = port
      })
      config.server.port = next.server.port
    }
  }
}

async function applyLoginItem(enabled: boolean): Promise<void> {
  if (process.platform === 'linux') {
    const exec = process.env.APPIMAGE ?? process.execPath
    await setLinuxAutostart(enabled, exec)
  } else app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] })
}

async function toggle(setting: TraySetting, checked: boolean): Promise<void> {
  // The gateway and the bridge hold this config object: change it in place.
  config.desktop = (
    await updateConfigFile(configFile, (raw) => {
      ;((raw.desktop ??= {}) as Record<string, unknown>)[setting] = checked
    })
  ).desktop
  if (setting === 'startAtLogin') await applyLoginItem(checked)
  logger.info('setting changed', { setting, value: checked })
  tray?.refresh()
}

function logsDir(): string {
  return app.getPath('logs')
}

async function onTrayAction(action: TrayAction): Promise<void> {
  const info = endpoint!.info()
  switch (action) {
    case 'open-window':
      return showWindow()
    case 'copy-token':
      return clipboard.writeText(token())
    case 'copy-base-url':
      return clipboard.writeText(`${info.baseUrl}/v1`)
    case 'toggle-pause':
      if (endpoint!.running) await endpoint!.pause()
      else await startEndpoint(info.port)
      return tray?.refresh()
    case 'open-logs':
      return void shell.openPath(logsDir())
    case 'quit':
      return app.quit()
  }
}

function applicationMenu(): Menu {
  const mac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Logs Folder', click: () => void shell.openPath(logsDir()) },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}

async function start(): Promise<void> {
  try {
    config = (await loadConfig(configFile)).config
  } catch (err) {
    dialog.showErrorBox(
      'LocalRouter cannot start',
      err instanceof ConfigError
        ? `${err.message}\n\nFix or remove the file, then start again.`
        : String(err),
    )
    app.exit(1)
    return
  }

  logger = createDesktopLogger({
    sink: createFileSink({ dir: logsDir() }),
    debug: () => config.desktop.debugLogging,
    // Last line of defence: the token and every key this process has read are masked in any line.
    secrets: () => [endpointToken?.latest() ?? '', ...(secrets?.keys.known() ?? [])],
    stderr: !app.isPackaged,
  })
  logger.info('starting', { version: app.getVersion(), platform: process.platform })
  // An error nothing caught: logged and shown scrubbed (Electron's own dialog would show it as it is).
  scrubCrashes(
    () => [endpointToken?.latest() ?? '', ...(secrets?.keys.known() ?? [])],
    (text) => {
      logger.error('crashed', { error: text })
      dialog.showErrorBox('LocalRouter stopped because of an error', text)
    },
  )

  // Keys and the endpoint token live in the OS keychain. Without one, the app says so and keeps the
  // token for this session only; no key is ever written in plain text.
  secrets = createSecrets({ headless: false, logger })
  endpointToken = await secrets.endpointToken({ config, configFile })
  if (endpointToken.notice) logger.warn(endpointToken.notice)
  const problem = await secrets.problem()
  if (problem) {
    void dialog.showMessageBox({ type: 'warning', title: 'No keychain available', message: problem.message })
  }
  const keys = secrets.keys
  endpoint = new EndpointController({
    host: config.server.host,
    port: config.server.port,
    launch: (port) =>
      startGateway({
        config,
        headless: false,
        keys,
        token,
        logger,
        port,
        // The endpoint also accepts the app's own UI (app://localrouter, or the dev server in development).
        extraOrigins: [rendererOrigin(source)],
      }),
  })
  const history = await HistoryStore.open(join(appDataDir(), 'history'), logger)
  const handlers = createBridgeHandlers({
    mode: 'desktop',
    version: app.getVersion(),
    platform: process.platform,
    configFile,
    config,
    gateway: endpoint.bridgeGateway(),
    token: { get: token, rotate: () => endpointToken!.rotate() },
    keys: problem ? null : secrets.keyService(() => config),
    history,
  })
  // ================================================================================================

  hardenSession(
    source,
    () => contentSecurityPolicy({ endpoint: endpoint!.info().baseUrl, devServer: devServer }),
    logger,
  )
  disposeIpc = registerBridgeIpc(ipcMain, handlers, (sender) => isTrustedSender(sender, source), logger)
  Menu.setApplicationMenu(applicationMenu())

  await startEndpoint(config.server.port)
  if (quitting) return

  tray = new AppTray({
    iconDir: trayIconDir,
    status: () => endpoint!.info(),
    settings: () => config.desktop,
    onAction: (action) =>
      void onTrayAction(action).catch((err) =>
        logger.error('tray action failed', { action, error: String(err) }),
      ),
    onToggle: (setting, checked) =>
      void toggle(setting, checked).catch((err) =>
        logger.error('setting not saved', { setting, error: String(err) }),
      ),
  })
  endpoint.onChange(() => tray?.refresh())
  if (config.desktop.startAtLogin) await applyLoginItem(true)

  const atLogin = process.argv.includes(HIDDEN_FLAG) || app.getLoginItemSettings().wasOpenedAtLogin
  if (!atLogin) await showWindow()
}

async function shutdown(): Promise<void> {
  tray?.destroy()
  disposeIpc?.()
  await endpoint?.stop().catch(() => undefined)
  logger?.info('stopped')
  stopped = true
  app.quit()
}

if (!app.requestSingleInstanceLock()) {
  // Another LocalRouter is running: it gets focus (second-instance), this one leaves.
  app.quit()
} else {
  app.on('second-instance', () => void showWindow())
  app.on('activate', () => void showWindow())
  app.on('window-all-closed', () => {
    // With closeToTray the window hides instead of closing, so this means: quit.
    if (!config?.desktop.closeToTray) app.quit()
  })
  app.on('before-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    if (quitting) return
    quitting = true
    void shutdown()
  })
  app.whenReady().then(start, (err: unknown) => {
    console.error(err)
    app.exit(1)
  })
}
