/** The tray / menu-bar icon: policy.trayMenuModel turned into an Electron Menu, refreshed while it changes. */
import { join } from 'node:path'
import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron'
import {
  type EndpointStatus,
  type TrayAction,
  type TrayItem,
  trayMenuModel,
  type TraySetting,
  type TraySettings,
  trayTooltip,
} from './policy'

export interface TrayDeps {
  /** The folder holding build/tray's icons (packaged: resources/tray). */
  iconDir: string
  status: () => EndpointStatus
  settings: () => TraySettings
  onAction: (action: TrayAction) => void
  onToggle: (setting: TraySetting, checked: boolean) => void
}

function iconFor(dir: string) {
  if (process.platform === 'darwin') {
    const img = nativeImage.createFromPath(join(dir, 'trayTemplate.png'))
    img.setTemplateImage(true)
    return img
  }
  return nativeImage.createFromPath(join(dir, process.platform === 'win32' ? 'tray.ico' : 'tray.png'))
}

export function toTemplate(
  items: TrayItem[],
  deps: Pick<TrayDeps, 'onAction' | 'onToggle'>,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' }
      case 'label':
        return { label: item.label, enabled: false }
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => deps.onAction(item.action) }
      case 'check':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          click: (menuItem) => deps.onToggle(item.setting, menuItem.checked),
        }
    }
  })
}

export class AppTray {
  private readonly tray: Tray
  private last = ''
  private readonly timer: NodeJS.Timeout

  constructor(private readonly deps: TrayDeps) {
    this.tray = new Tray(iconFor(deps.iconDir))
    this.tray.on('click', () => deps.onAction('open-window'))
    this.refresh()
    // The in-flight count changes without an event; re-read it every 2 s, rebuild only on change.
    this.timer = setInterval(() => this.refresh(), 2000)
    this.timer.unref()
  }

  refresh(): void {
    const model = trayMenuModel(this.deps.status(), this.deps.settings())
    const key = JSON.stringify(model)
    if (key === this.last) return
    this.last = key
    this.tray.setToolTip(trayTooltip(this.deps.status()))
    this.tray.setContextMenu(Menu.buildFromTemplate(toTemplate(model, this.deps)))
  }

  destroy(): void {
    clearInterval(this.timer)
    this.tray.destroy()
  }
}
