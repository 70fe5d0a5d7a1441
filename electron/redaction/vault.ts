/**
 * The per-request placeholder vault: value <-> placeholder, in memory for one request only. It is
 * never logged, serialised or stored; the request's closure is its only owner.
 *
 * Numbering is by first appearance, per type, over the whole request, so re-sending a conversation's
 * history produces the same placeholders turn after turn with no stored state.
 */
import type { EntityType } from './types'

export interface VaultEntry {
  type: EntityType
  value: string
}

/** Matches anything shaped like one of our placeholders, to keep numbers the input already uses free. */
export const PLACEHOLDER_SHAPE = /<([A-Z]+)_([1-9]\d{0,3})>/g

export class Vault {
  /** `EMAIL_1` -> the original value. */
  readonly entries = new Map<string, VaultEntry>()
  private readonly byValue = new Map<string, string>()
  private readonly next = new Map<EntityType, number>()
  private readonly reserved = new Set<string>()

  /** Placeholders that already appear in the input keep their meaning: new values skip those numbers. */
  reserve(text: string): void {
    if (!text.includes('<')) return
    for (const m of text.matchAll(PLACEHOLDER_SHAPE)) this.reserved.add(`${m[1]}_${m[2]}`)
  }

  /** The placeholder (`<EMAIL_1>`) for a value, assigning the next number on first sight. */
  placeholder(type: EntityType, value: string): string {
    const key = `${type}\u0000${value}`
    let id = this.byValue.get(key)
    if (id === undefined) {
      let n = this.next.get(type) ?? 1
      while (this.reserved.has(`${type}_${n}`)) n++
      id = `${type}_${n}`
      this.next.set(type, n + 1)
      this.byValue.set(key, id)
      this.entries.set(id, { type, value })
    }
    return `<${id}>`
  }

  get size(): number {
    return this.entries.size
  }

  /** Distinct values per type (never the values themselves). */
  counts(): Partial<Record<EntityType, number>> {
    const out: Partial<Record<EntityType, number>> = {}
    for (const { type } of this.entries.values()) out[type] = (out[type] ?? 0) + 1
    return out
  }
}
