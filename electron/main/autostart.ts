/**
 * Start at login on Linux, where Electron's app.setLoginItemSettings does nothing: an XDG autostart
 * entry (~/.config/autostart/localrouter.desktop). macOS and Windows use setLoginItemSettings.
 * Plain Node.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The flag the login item passes, so the app starts in the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden'

export function linuxAutostartFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'localrouter.desktop')
}

/** Quotes one Exec argument as the Desktop Entry spec asks. */
function quoteExec(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`
}

export function desktopEntry(exec: string, args: readonly string[] = [HIDDEN_FLAG]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=LocalRouter',
    'Comment=Local OpenAI-compatible endpoint for every model',
    `Exec=${[exec, ...args].map(quoteExec).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

export async function setLinuxAutostart(enabled: boolean, exec: string, env = process.env): Promise<void> {
  const file = linuxAutostartFile(env)
  if (!enabled) return rm(file, { force: true })
  await mkdir(join(file, '..'), { recursive: true })
  await writeFile(file, desktopEntry(exec), { mode: 0o644 })
}
