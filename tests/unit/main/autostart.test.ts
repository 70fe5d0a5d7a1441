import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  desktopEntry,
  HIDDEN_FLAG,
  linuxAutostartFile,
  setLinuxAutostart,
} from '../../../electron/main/autostart'

describe('start at login on Linux', () => {
  it('writes an XDG autostart entry that starts hidden, and removes it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lr-xdg-'))
    try {
      const env = { XDG_CONFIG_HOME: home }
      const file = linuxAutostartFile(env)
      expect(file).toBe(join(home, 'autostart', 'localrouter.desktop'))
      await setLinuxAutostart(true, '/opt/Local Router/localrouter', env)
      const text = readFileSync(file, 'utf8')
      expect(text).toContain('[Desktop Entry]')
      expect(text).toContain(`Exec="/opt/Local Router/localrouter" ${HIDDEN_FLAG}`)
      await setLinuxAutostart(false, '/x', env)
      expect(existsSync(file)).toBe(false)
      await setLinuxAutostart(false, '/x', env) // already gone: fine
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(desktopEntry('/usr/bin/localrouter')).toContain('Exec=/usr/bin/localrouter --hidden\n')
    expect(desktopEntry('/a/$HOME"x`')).toContain('Exec="/a/\\$HOME\\"x\\`" --hidden')
  })
})
