/**
 * What a request pays for its key and token checks: a cached KeyLookup hit (a look at the change
 * marker, at most one stat every 2 ms, and a Map lookup), the token check, against a read that goes to the Secret Service over D-Bus.
 * Needs a keychain: `bash scripts/with-keyring.sh npx tsx bench/secrets.ts`.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseConfig } from '../electron/config/store'
import { createSecrets, SecretStore } from '../electron/secrets'

async function time(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn()
  const start = performance.now()
  for (let i = 0; i < n; i++) await fn()
  return ((performance.now() - start) * 1000) / n
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lr-bench-secrets-'))
  const service = `LocalRouterBench-${randomUUID()}`
  const store = new SecretStore({ service })
  try {
    const secrets = createSecrets({ env: { LOCALROUTER_HOME: dir }, headless: false, service })
    await secrets.keyService(() => parseConfig({}, 'bench')).set('openai', 'sk-bench-key-0000000000000000')
    const token = await secrets.endpointToken({ config: parseConfig({}, 'bench') })
    const rows: Array<[string, number]> = [
      ['keychain read over D-Bus (store.get)', await time(200, () => store.get('openai'))],
      [
        'keychain read, sync (token re-read after a rotation)',
        await time(200, () => store.getSync('openai')),
      ],
      ['cached KeyLookup.get (per request)', await time(20_000, () => secrets.keys.get('openai'))],
      ['endpoint token check (per request)', await time(20_000, () => token.current())],
    ]
    const width = Math.max(...rows.map((r) => r[0].length))
    return [
      `${'operation'.padEnd(width)}  µs/op`,
      `${'-'.repeat(width)}  -------`,
      ...rows.map(([name, us]) => `${name.padEnd(width)}  ${us.toFixed(2).padStart(7)}`),
    ].join('\n')
  } finally {
    for (const account of await store.list().catch(() => [])) await store.delete(account)
    await rm(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (table) => process.stdout.write(`${table}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`)
      process.exit(1)
    },
  )
}
