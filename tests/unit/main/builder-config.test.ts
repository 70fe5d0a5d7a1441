/**
 * The packaging config, checked where packaging itself cannot run (no Electron binary): against
 * electron-builder's own JSON schema (app-builder-lib/scheme.json), read with the YAML parser
 * electron-builder uses, plus the promises of issue 7 and the resources the targets need.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')
const require = createRequire(join(root, 'package.json'))
// Resolve from electron-builder's own package, so this is the parser (and schema) it really uses.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const yaml = builderRequire('js-yaml') as { load(text: string): unknown }
const schema = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as object

type Config = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)

const pngSize = (file: string) => {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG')
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const ok = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('the schema check catches broken configs', () => {
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).toBe(false)
    expect(validate({ ...config, npmRebuild: 'no' })).toBe(false)
    expect(validate({ ...config, linux: { ...config.linux, targett: ['deb'] } })).toBe(false)
    expect(validate({ ...config, unknownOption: 1 })).toBe(false)
  })

  it('builds a hardened-runtime dmg, an nsis installer, an AppImage and a deb', () => {
    const targets = (os: Config) =>
      (os.target as Array<string | { target: string }>).map((t) => (typeof t === 'string' ? t : t.target))
    expect(targets(config.mac)).toEqual(['dmg'])
    expect(targets(config.win)).toEqual(['nsis'])
    expect(targets(config.linux)).toEqual(['AppImage', 'deb'])
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.npmRebuild).toBe(false)
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/keyring*/**')
    expect(config.files).toContain('out/**')
  })

  it('ships least-privilege entitlements for the hardened runtime', () => {
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const file = join(root, config.mac[key])
      expect(existsSync(file)).toBe(true)
      const plist = readFileSync(file, 'utf8')
      expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/)
      expect(plist).not.toMatch(/<key>com\.apple\.security\.(device|personal-information)/)
      expect(plist).not.toMatch(/<key>[^<]*disable-library-validation/)
    }
  })

  it('has every icon the targets need', () => {
    // macOS: icns with 16..1024 (1x and @2x); Windows: ico with 256; Linux: a folder of sizes.
    const icns = readFileSync(join(root, config.mac.icon))
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    for (const type of [
      'icp4',
      'icp5',
      'icp6',
      'ic07',
      'ic08',
      'ic09',
      'ic10',
      'ic11',
      'ic12',
      'ic13',
      'ic14',
    ])
      expect(icns.includes(Buffer.from(type, 'ascii'))).toBe(true)

    const ico = readFileSync(join(root, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))

    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(join(root, config.linux.icon, `${size}x${size}.png`))).toEqual([size, size])
    expect(pngSize(join(root, 'build', 'icon.png'))).toEqual([1024, 1024])
  })

  it('ships the tray icons the app loads at runtime', () => {
    const tray = config.extraResources.find((r: Config) => r.to === 'tray')
    expect(tray.from).toBe('build/tray')
    expect(pngSize(join(root, 'build/tray/trayTemplate.png'))).toEqual([16, 16])
    expect(pngSize(join(root, 'build/tray/trayTemplate@2x.png'))).toEqual([32, 32])
    expect(pngSize(join(root, 'build/tray/tray.png'))).toEqual([32, 32])
    expect(existsSync(join(root, 'build/tray/tray.ico'))).toBe(true)
  })
})
