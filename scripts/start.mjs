#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary is installed; otherwise (or with --headless)
// the same gateway and UI served headless, printing the URL.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const headless = args.includes('--headless')
const rest = args.filter((a) => a !== '--headless')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  // `npm start` runs this under `sh -c`: a SIGTERM to npm ends that shell without passing it on. Run by
  // npm, stop the app too when the parent goes away (ppid changes; on Windows it does not: no change).
  const parent = process.ppid
  if (process.env.npm_lifecycle_event)
    setInterval(() => {
      if (process.ppid !== parent) child.kill('SIGTERM')
    }, 250).unref()
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)))
}

/** The UI is built when it is missing or older than its sources (after a pull or an edit). */
function uiIsStale() {
  const built = join(root, 'out', 'renderer', 'index.html')
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  const newer = (path) => {
    const st = statSync(path)
    if (!st.isDirectory()) return st.mtimeMs > builtAt
    return readdirSync(path).some((name) => newer(join(path, name)))
  }
  return ['renderer', 'shared', 'electron.vite.config.ts', 'package.json'].some((p) => newer(join(root, p)))
}

/**
 * Electron's npm package (45 and later) has no install step: its binary is fetched on first use. Fetched
 * here, once, so `npm install` then `npm start` opens the desktop app where the network allows; where it
 * does not (offline, or a network that only reaches the npm registry), the fetch fails and LocalRouter
 * runs headless. LOCALROUTER_NO_ELECTRON_DOWNLOAD=1 skips the attempt.
 */
function fetchElectron() {
  let installer
  try {
    installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js')
  } catch {
    return null
  }
  if (!existsSync(installer) || process.env.LOCALROUTER_NO_ELECTRON_DOWNLOAD) return null
  process.stderr.write('No Electron binary yet: fetching it once (about 100 MB)...\n')
  const fetched = spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10 * 60_000,
  })
  if (fetched.status !== 0) {
    process.stderr.write('Could not fetch it (no network access to its download?).\n')
    return null
  }
  return electronBinary()
}

const electron = headless ? null : (electronBinary() ?? fetchElectron())
if (electron) {
  run(bin('electron-vite'), ['preview', ...rest])
} else {
  if (!headless) {
    process.stderr.write(
      'No Electron binary is installed here, so LocalRouter runs headless: same gateway, same UI, in your browser.\n' +
        '(For the desktop app, fetch the binary once with `npx install-electron` where the network allows.)\n',
    )
  }
  if (uiIsStale()) {
    process.stderr.write('Building the UI...\n')
    const built = spawnSync(bin('electron-vite'), ['build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  run(process.execPath, [join(root, 'scripts', 'cli.mjs'), 'serve', '--ui', ...rest])
}
