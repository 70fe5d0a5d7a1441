/**
 * scripts/with-keyring.sh: every process it starts (dbus-run-session, dbus-daemon, the gnome-keyring that
 * D-Bus activates, the command) is gone when it ends, also when it is interrupted (Ctrl-C, the SIGTERM of
 * a CI or test timeout); without gnome-keyring it says what to install.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let dir: string
/** Every pid a run reported, killed at the end whatever the outcome (nothing may outlive the tests). */
const seen = new Set<number>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-with-keyring-'))
})
afterAll(async () => {
  for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

/** Running (a zombie waiting for its parent to reap it runs no more). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

const BUS = 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus'
/** Inside the session: the command's pid, with-keyring's inner shell, dbus-run-session, the bus, the daemon. */
const REPORT = [
  `pid() { ${BUS}.GetConnectionUnixProcessID "string:$1" | awk '/uint32/ {print $2}'; }`,
  'echo "pids $$ $PPID $(ps -o ppid= -p $PPID) $(pid org.freedesktop.DBus) $(pid org.freedesktop.secrets)"',
  'echo "root $XDG_DATA_HOME"',
].join('\n')

function start(script: string): Promise<{ child: ReturnType<typeof spawn>; pids: number[]; root: string }> {
  const child = spawn('bash', ['scripts/with-keyring.sh', 'bash', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      const pids = /pids ([\d ]+)\n/.exec(out)
      const root = /root (.+)\/data\n/.exec(out)
      if (!pids || !root) return
      const list = pids[1]!.trim().split(/\s+/).map(Number)
      for (const p of list) seen.add(p)
      resolve({ child, pids: list, root: root[1]! })
    })
    child.on('error', reject)
    child.on('close', (code) => reject(new Error(`with-keyring ended (${code}) before reporting: ${out}`)))
  })
}

describe('scripts/with-keyring.sh', () => {
  it('leaves no process and no folder behind after a run', async () => {
    const { child, pids, root } = await start(REPORT)
    expect(pids).toHaveLength(5)
    await new Promise((r) => child.on('close', r))
    await expect.poll(() => pids.filter(alive), { timeout: 5000 }).toEqual([])
    expect(existsSync(root)).toBe(false)
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops everything it started when it gets ${signal} (a timeout, Ctrl-C) in the middle of a command`, async () => {
      const { child, pids, root } = await start(`${REPORT}\nsleep 120`)
      expect(pids.every(alive)).toBe(true)
      const exited = new Promise<number | null>((r) =>
        child.on('exit', (code, sig) => r(code ?? (sig && -1))),
      )
      child.kill(signal)
      expect(await exited).not.toBe(0)
      await expect.poll(() => pids.filter(alive), { timeout: 5000 }).toEqual([])
      expect(existsSync(root)).toBe(false)
    })
  }

  it('says what to install when gnome-keyring is missing', async () => {
    // A PATH with dbus-run-session but no gnome-keyring-daemon.
    const bin = join(dir, 'bin')
    await rm(bin, { recursive: true, force: true })
    await mkdir(bin)
    await symlink('/usr/bin/dbus-run-session', join(bin, 'dbus-run-session'))
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile('/bin/bash', ['scripts/with-keyring.sh', 'true'], { env: { PATH: bin } }, (err, _o, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
      ),
    )
    expect(result.code).toBe(69)
    expect(result.stderr).toMatch(/missing gnome-keyring: sudo apt-get install gnome-keyring/)
  })
})
