// Bundles an Electron-free entry point (the headless CLI, the benchmark child) into one ES module run by
// plain node, the way the desktop app's main process ships: dependencies stay in node_modules, except
// those electron.vite.config.ts bundles in (zod: its package entry loads all 55 of its locales).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
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
  let text
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external,
      outfile,
      write: false,
      logLevel: 'warning',
    })
    text = result.outputFiles[0].contents
  } finally {
    await stop()
  }
  // Written aside and renamed into place: two commands started at once (`npm run keys` while the server
  // starts) never import a half-written bundle.
  mkdirSync(dirname(outfile), { recursive: true })
  const aside = `${outfile}.${process.pid}.tmp`
  writeFileSync(aside, text)
  renameSync(aside, outfile)
  return outfile
}
