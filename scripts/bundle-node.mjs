// Bundles an Electron-free entry point (the headless CLI, the benchmark child) into one ES module run by
// plain node, the way the desktop app's main process ships: dependencies stay in node_modules, except
// those electron.vite.config.ts bundles in (zod: its package entry loads all 55 of its locales).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, stop } from 'esbuild'

/** Dependencies the Electron main bundle carries inside it (electron.vite.config.ts, `externalizeDeps`). */
export const BUNDLED_DEPS = ['zod']

/**
 * Builds `entry` into `outfile` (ESM, node 20). Takes ~0.1 s, so callers rebuild on every start rather
 * than guess whether the sources changed. Stops esbuild's service process afterwards.
 */
export async function bundleNode(root, entry, outfile) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !BUNDLED_DEPS.includes(name))
    .flatMap((name) => [name, `${name}/*`])
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external,
      outfile,
      logLevel: 'warning',
    })
  } finally {
    await stop()
  }
  return outfile
}
