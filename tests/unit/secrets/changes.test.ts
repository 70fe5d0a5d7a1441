/** The change marker: how a running server learns that another process changed the keychain. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ChangeMarker, ChangeWatch, MARKER_REUSE_MS } from '../../../electron/secrets/changes'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-marker-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('sees each change made through another marker once, within MARKER_REUSE_MS', async () => {
  const file = join(dir, 'a', 'keychain-changed')
  const reader = new ChangeWatch(new ChangeMarker(file))
  const writer = new ChangeMarker(file) // another process's view of the same file
  expect(reader.changed()).toBe(false) // no marker yet: nothing changed
  writer.touch()
  await pause(MARKER_REUSE_MS + 1)
  expect(reader.changed()).toBe(true)
  expect(reader.changed()).toBe(false)
  writer.touch()
  writer.touch()
  await pause(MARKER_REUSE_MS + 1)
  expect(reader.changed()).toBe(true) // two changes since the last look: one answer
  expect(reader.changed()).toBe(false)
})

it("sees its own marker's change at once, and a marker removed as a change", async () => {
  const file = join(dir, 'b', 'keychain-changed')
  const marker = new ChangeMarker(file)
  const watch = new ChangeWatch(marker)
  const before = marker.current()
  expect(marker.touch()).not.toBe(before)
  expect(watch.changed()).toBe(true)
  await rm(file)
  await pause(MARKER_REUSE_MS + 1)
  expect(marker.current()).toBe('none')
  expect(watch.changed()).toBe(true)
})
