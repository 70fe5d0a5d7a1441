/**
 * How one LocalRouter process learns that another changed the keychain (a `keys set` or
 * `keys token --rotate` while `serve` or the app runs): every change rewrites a small marker file in
 * the app's data folder. It holds a random change id, never a secret. Readers compare the file's
 * identity (inode, change time) with what they saw last: one stat per check (at most one every
 * MARKER_REUSE_MS), no D-Bus.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * A check made this soon after the last one reuses its answer. Under load every request checks twice (its
 * token, its provider's key); this makes that one `stat` every few milliseconds instead of two per
 * request, and a change made elsewhere is seen within this long.
 */
export const MARKER_REUSE_MS = 2

export class ChangeMarker {
  private checkedAt = Number.NEGATIVE_INFINITY
  private identity = 'none'

  constructor(readonly file: string) {}

  /** The marker's identity now: a different value means someone changed the keychain since. */
  current(): string {
    const now = performance.now()
    if (now - this.checkedAt >= MARKER_REUSE_MS) {
      this.identity = this.read()
      this.checkedAt = now
    }
    return this.identity
  }

  private read(): string {
    try {
      // A missing marker (no change yet) must not cost an exception each time.
      const s = statSync(this.file, { bigint: true, throwIfNoEntry: false })
      return s ? `${s.ino}:${s.ctimeNs}:${s.mtimeNs}:${s.size}` : 'none'
    } catch {
      return 'none'
    }
  }

  /** Records a change for every other reader; returns the new identity. */
  touch(): string {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 })
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, `${randomBytes(8).toString('hex')}\n`, { mode: 0o600 })
    renameSync(tmp, this.file)
    this.checkedAt = Number.NEGATIVE_INFINITY
    return this.current()
  }
}

/** One reader's view of a marker: `changed()` is true once per change seen. */
export class ChangeWatch {
  private seen: string

  constructor(private readonly marker: ChangeMarker) {
    this.seen = marker.current()
  }

  changed(): boolean {
    const now = this.marker.current()
    if (now === this.seen) return false
    this.seen = now
    return true
  }

  /** Marks the current state as seen (after a change this reader made itself). */
  accept(identity = this.marker.current()): void {
    this.seen = identity
  }
}
