/**
 * `npm run bench [-- suite ...] [--seconds N]`: runs the benchmark suites and prints their tables.
 * Figures are recorded in docs/BENCHMARKS.md with the machine they were taken on.
 */
import { cpus, totalmem } from 'node:os'

type Suite = (opts: { seconds?: number }) => Promise<string>
const SUITES: Record<string, () => Promise<{ run: Suite }>> = {
  gateway: () => import('./gateway'),
  native: () => import('./native'),
  gc: () => import('./gc'),
  coldstart: () => import('./coldstart'),
  redaction: () => import('./redaction'),
  ui: () => import('./ui'),
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const si = args.indexOf('--seconds')
  const seconds = si >= 0 ? Number(args[si + 1]) : undefined
  const names = args.filter((a, i) => !a.startsWith('--') && (si < 0 || i !== si + 1))
  const chosen = names.length ? names : Object.keys(SUITES)
  for (const n of chosen)
    if (!SUITES[n]) throw new Error(`unknown suite '${n}'; suites: ${Object.keys(SUITES).join(', ')}`)
  console.log(
    `# LocalRouter benchmarks\n\nmachine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  )
  for (const name of chosen) {
    const suite = await SUITES[name]!()
    console.log(await suite.run(seconds !== undefined ? { seconds } : {}))
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
