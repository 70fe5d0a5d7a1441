/**
 * The Electron shell: starts the gateway in-process and opens the hardened chat window.
 * Thin by design: every service it wires lives outside electron/main and runs headless too.
 */
import { join } from 'node:path'
import { app, BrowserWindow, shell } from 'electron'
import { defaultConfigPath } from '../config/paths'
import { loadConfig, updateConfigFile } from '../config/store'
import { createLogger } from '../log'
import { generateToken, type RunningGateway, startGateway } from '../services'

let gateway: RunningGateway | undefined

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.once('ready-to-show', () => win.show())
  await win.loadFile(join(__dirname, '../renderer/index.html'))
}

async function start(): Promise<void> {
  const file = process.env.LOCALROUTER_CONFIG ?? defaultConfigPath()
  let { config } = await loadConfig(file)
  if (!config.server.token) {
    const token = generateToken()
    config = await updateConfigFile(file, (raw) => {
      ;((raw.server ??= {}) as Record<string, unknown>).token = token
    })
  }
  const token = config.server.token!
  gateway = await startGateway({
    config,
    headless: false,
    token: () => token,
    logger: createLogger({ secrets: () => [token] }),
  })
  await createWindow()
}

if (!app.requestSingleInstanceLock()) app.quit()
else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.whenReady().then(start, (err: unknown) => {
    console.error(err)
    app.quit()
  })
  app.on('window-all-closed', () => {
    void (gateway?.stop() ?? Promise.resolve()).finally(() => app.quit())
  })
}
