#!/usr/bin/env node
// `npm run package [-- --mac|--win|--linux]`: builds the bundles, then the installers with
// electron-builder (electron-builder.yml). Packaging needs the Electron binary; where none is
// installed this says so and stops, instead of failing midway on a download.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const electron = electronBinary()
if (!electron) {
  process.stderr.write(
    'Packaging needs the Electron binary, and none is installed here (node_modules/electron/dist). ' +
      'Fetch it with `npx install-electron` where the network allows, then `npm run package` again.\n',
  )
  process.exit(1)
}

run(bin('electron-vite'), ['build'])
const host = { darwin: '--mac', win32: '--win', linux: '--linux' }[process.platform]
const targets = args.filter((a) => ['--mac', '--win', '--linux', '-m', '-w', '-l'].includes(a))
// For this machine's own OS, reuse the installed Electron instead of downloading it again.
const local = targets.length === 0 || (targets.length === 1 && targets[0] === host)
const dist =
  process.env.ELECTRON_OVERRIDE_DIST_PATH ||
  join(dirname(electron), process.platform === 'darwin' ? '../../..' : '.')
run(bin('electron-builder'), [
  '--config',
  'electron-builder.yml',
  '--publish',
  'never',
  ...(local ? [`-c.electronDist=${dist}`] : []),
  ...args,
])
