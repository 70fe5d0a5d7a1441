/**
 * Keychain tests talk to a real Secret Service: `npm test` runs vitest inside scripts/with-keyring.sh
 * (a private D-Bus session, gnome-keyring unlocked, throwaway HOME / XDG folders). Each test file uses
 * its own service name, so files running in parallel never see each other's entries.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function requireTestKeyring(): void {
  if (process.env.LOCALROUTER_TEST_KEYRING !== '1')
    throw new Error(
      'This test needs a real Secret Service: run it as `bash scripts/with-keyring.sh npx vitest run <file>` (npm test does this).',
    )
}

export function testService(): string {
  return `LocalRouterTest-${randomUUID()}`
}

export async function tempDir(prefix = 'lr-secrets-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
