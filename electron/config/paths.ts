import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'LocalRouter'

/**
 * The per-user folder the desktop app and the headless server share
 * (what Electron calls `userData` for an app named LocalRouter).
 */
export function appDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LOCALROUTER_HOME) return env.LOCALROUTER_HOME
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'config.json')
}
