/**
 * Keychain tests talk to a real Secret Service: `npm test` runs vitest inside scripts/with-keyring.sh
 * (a private D-Bus session, gnome-keyring unlocked, throwaway HOME / XDG folders). Each test file uses
 * its own service name, so files running in parallel never see each other's entries.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function requireTestKeyring(): void {
  if (process.env.LOCALROUTER_TEST_KEYRING !== '1')
    throw new Error(
      'This test needs a real Secret Service: run it as `bash scripts/with-keyring.sh npx vitest run <file>` (npm test does this).',
    )
}

export function testService(): string {
  return `LocalRouterTest-${randomUUID()}`
}

export async function tempDir(prefix = 'lr-secrets-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const CLI = join(ROOT, 'electron', 'cli.ts')

/** Runs `tsx electron/cli.ts <args>` as the user would, with `input` piped to stdin. */
export function runCli(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(opts.input ?? '')
  })
}

export interface ServeProcess {
  url: string
  output(): { stdout: string; stderr: string }
  stop(): Promise<void>
}

/** Starts `serve` as its own process; resolves once it prints its URL. */
export function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, 'serve', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let started = false
    const exited = new Promise<void>((r) => child.on('close', () => r()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve did not start: ${stderr}`))
    }, 15_000)
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
      const m = /listening on (http:\/\/\S+)/.exec(stdout)
      if (m && !started) {
        started = true
        clearTimeout(timer)
        resolve({
          url: m[1]!,
          output: () => ({ stdout, stderr }),
          stop: async () => {
            child.kill('SIGTERM')
            await exited
          },
        })
      }
    })
    child.on('close', (code) => {
      if (!started) {
        clearTimeout(timer)
        reject(new Error(`serve exited with ${code}: ${stderr}`))
      }
    })
  })
}
