import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const CHILD = fileURLToPath(new URL('../../helpers/pretenure-child.ts', import.meta.url))

/** V8's own account of its pretenuring decisions in a child that keeps many objects of one literal. */
async function trace(mode: 'default' | 'serving' | 'gateway'): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, mode], {
    maxBuffer: 16 * 1024 * 1024,
  })
  expect(stdout).toContain('kept 1000000')
  return stdout
}

describe('useServingHeap', () => {
  it('turns V8 pretenuring off: no allocation site is weighed for it any more', async () => {
    // The control: V8 weighs pretenuring the literal of this workload by default, so the check below can fail.
    expect(await trace('default')).toMatch(
      /pretenuring: AllocationSite.*=> (maybe tenure|tenure|don't tenure)/,
    )
    expect(await trace('serving')).not.toContain('pretenuring')
  })

  it('is on in every process that starts a gateway (npm run serve, the desktop app)', async () => {
    expect(await trace('gateway')).not.toContain('pretenuring')
  })
})
