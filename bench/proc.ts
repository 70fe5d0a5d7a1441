/** Starts a bench child process (bench/child.ts) and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleNode } from '../scripts/bundle-node.mjs'

export interface Child {
  url: string
  stats(): Promise<{ cpuMs: number; rss: number }>
  stop(): void
}

let bundled: Promise<string> | undefined

/**
 * The gateway ships bundled (inside the Electron main bundle), so the benchmark runs it bundled too:
 * bench/child.ts and everything it imports become one ES module run by plain node, with no TypeScript
 * loader in the process to inflate its memory or CPU (scripts/bundle-node.mjs, as `npm run serve`).
 */
function bundleChild(): Promise<string> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  bundled ??= bundleNode(
    root,
    fileURLToPath(new URL('./child.ts', import.meta.url)),
    join(root, 'out', 'bench', 'child.mjs'),
  )
  return bundled
}

export async function startChild(
  args: string[],
  opts: { execArgv?: string[]; onStdout?: (text: string) => void } = {},
): Promise<Child> {
  const script = await bundleChild()
  const proc: ChildProcess = fork(script, args, {
    execArgv: opts.execArgv ?? [],
    stdio: ['ignore', opts.onStdout ? 'pipe' : 'inherit', 'inherit', 'ipc'],
  })
  if (opts.onStdout) proc.stdout!.on('data', (b: Buffer) => opts.onStdout!(b.toString('utf8')))
  return new Promise((resolve, reject) => {
    proc.once('error', reject)
    proc.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)))
    proc.once('message', (msg: { type: string; url: string }) => {
      if (msg.type !== 'ready') return reject(new Error('unexpected message'))
      resolve({
        url: msg.url,
        stats: () =>
          new Promise((r) => {
            proc.once('message', (m: { cpuMs: number; rss: number }) => r(m))
            proc.send({ type: 'stats' })
          }),
        stop: () => {
          proc.removeAllListeners('exit')
          proc.kill('SIGKILL')
        },
      })
    })
  })
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [
    headers,
    ...rows.map((r) =>
      r.map((c) =>
        typeof c !== 'number' ? c : Number.isNaN(c) ? '-' : Number.isInteger(c) ? String(c) : c.toFixed(2),
      ),
    ),
  ]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(cells[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n')
}
