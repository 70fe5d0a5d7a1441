#!/usr/bin/env node
// `npm run serve | keys | redact`: the headless CLI (electron/cli.ts) run bundled, as the desktop app's
// main process is: built into out/cli.mjs on every start (~0.1 s, so it is never stale) and run in this
// process. No TypeScript loader stays resident: less memory than running the sources through tsx, and
// one process instead of two.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleNode } from './bundle-node.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// out/cli.mjs sits one level below the root, as electron/cli.ts does: its paths (package.json,
// out/renderer) resolve the same from either.
const out = join(root, 'out', 'cli.mjs')
try {
  await bundleNode(root, join(root, 'electron', 'cli.ts'), out)
} catch {
  // esbuild has printed what is wrong with the sources.
  process.exit(1)
}
await import(pathToFileURL(out).href)
