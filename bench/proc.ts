/** Starts a bench child process (bench/child.ts) and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface Child {
  url: string
  stats(): Promise<{ cpuMs: number; rss: number }>
  stop(): void
}

export function startChild(
  args: string[],
  script = fileURLToPath(new URL('./child.ts', import.meta.url)),
): Promise<Child> {
  const proc: ChildProcess = fork(script, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
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
      r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c)),
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
