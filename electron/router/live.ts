/**
 * The responses in flight, so a shutdown can end them cleanly. A plain array of slots with a free
 * list: adding and removing never reallocates once the array has grown to the peak concurrency.
 * A `Set` here made V8 promote ~4 KB per request to the old generation (measured with
 * `--trace-gc-nvp` under load, see docs/BENCHMARKS.md), which showed up as GC time and memory.
 */
export class LiveList<T> {
  private readonly slots: Array<T | undefined> = []
  private readonly free: number[] = []

  /** Adds an item; returns its slot, to pass to `remove`. */
  add(item: T): number {
    const slot = this.free.length ? this.free.pop()! : this.slots.length
    this.slots[slot] = item
    return slot
  }

  remove(slot: number): void {
    if (this.slots[slot] === undefined) return
    this.slots[slot] = undefined
    this.free.push(slot)
  }

  get size(): number {
    return this.slots.length - this.free.length
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const item of this.slots) if (item !== undefined) yield item
  }
}
