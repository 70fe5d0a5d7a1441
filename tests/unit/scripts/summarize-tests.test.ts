/** `npm test`'s closing line adds up every suite's JSON report; a file that failed is never a pass. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'

const run = promisify(execFile)
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-summary-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function summarize(
  reports: Record<string, unknown>,
  exitCodes: Record<string, number> = {},
): Promise<{ code: number; line: string }> {
  const files: string[] = []
  for (const [name, report] of Object.entries(reports)) {
    const file = join(dir, name)
    await writeFile(file, JSON.stringify(report))
    files.push(name in exitCodes ? `${file}:${exitCodes[name]}` : file)
  }
  try {
    const { stdout } = await run(process.execPath, ['scripts/summarize-tests.mjs', ...files])
    return { code: 0, line: stdout.trim() }
  } catch (err) {
    const e = err as { code: number; stdout: string }
    return { code: e.code, line: e.stdout.trim() }
  }
}

const vitest = (files: Array<{ status: string; tests: string[] }>) => ({
  numPassedTests: files.flatMap((f) => f.tests).filter((t) => t === 'passed').length,
  numFailedTests: files.flatMap((f) => f.tests).filter((t) => t === 'failed').length,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: files.map((f) => ({
    status: f.status,
    assertionResults: f.tests.map((status) => ({ status })),
  })),
})
const playwright = { stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 1 } }

it('passes when every suite passed', async () => {
  const r = await summarize({
    'v.json': vitest([{ status: 'passed', tests: ['passed', 'passed'] }]),
    'p.json': playwright,
  })
  expect(r).toEqual({ code: 0, line: 'tests: 5 passed, 0 failed, 1 skipped' })
})

it('counts a file whose afterAll threw as a failure, though each of its tests passed', async () => {
  const r = await summarize({
    'v.json': vitest([
      { status: 'passed', tests: ['passed'] },
      { status: 'failed', tests: ['passed'] },
    ]),
  })
  expect(r).toEqual({ code: 1, line: 'tests: 2 passed, 1 failed, 0 skipped' })
})

it('counts a file that did not load, and a failed test once', async () => {
  const r = await summarize({
    'v.json': vitest([
      { status: 'failed', tests: [] },
      { status: 'failed', tests: ['passed', 'failed'] },
    ]),
  })
  expect(r).toEqual({ code: 1, line: 'tests: 1 passed, 2 failed, 0 skipped' })
})

it('fails when a suite left no report', async () => {
  const r = await summarize({ 'p.json': playwright })
  expect(r.code).toBe(0)
  const missing = await run(process.execPath, [
    'scripts/summarize-tests.mjs',
    join(dir, 'absent.json'),
  ]).catch((e: { code: number }) => e)
  expect((missing as { code: number }).code).toBe(1)
})

it('counts a runner that exited non-zero with a clean report (an unhandled rejection) as a failure', async () => {
  const clean = vitest([{ status: 'passed', tests: ['passed', 'passed'] }])
  expect(await summarize({ 'v.json': clean, 'p.json': playwright }, { 'v.json': 1, 'p.json': 0 })).toEqual({
    code: 1,
    line: 'tests: 5 passed, 1 failed, 1 skipped',
  })
  expect(await summarize({ 'v.json': clean }, { 'v.json': 0 })).toEqual({
    code: 0,
    line: 'tests: 2 passed, 0 failed, 0 skipped',
  })
  // A report that already shows the failure is not counted twice.
  const red = vitest([{ status: 'failed', tests: ['passed', 'failed'] }])
  expect(await summarize({ 'v.json': red }, { 'v.json': 1 })).toEqual({
    code: 1,
    line: 'tests: 1 passed, 1 failed, 0 skipped',
  })
})
