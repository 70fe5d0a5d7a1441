/**
 * Code split without flashes: a module loaded on demand (its own chunk) whose state the UI can read
 * synchronously. `load()` starts the import once (call it early: at app start, or when idle, so the
 * module is usually there before it is shown); `current()` is the module once it has arrived;
 * `useLazy` gives it to a component, suspending only if it has not arrived yet.
 */
import { use, useSyncExternalStore } from 'react'

export interface Lazy<M> {
  load(): Promise<M>
  current(): M | null
  /** Why the last load failed (a later `load()` tries again), else null. */
  error(): Error | null
  subscribe(listener: () => void): () => void
}

export function lazy<M>(importer: () => Promise<M>): Lazy<M> {
  let mod: M | null = null
  let failure: Error | null = null
  let pending: Promise<M> | null = null
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const l of listeners) l()
  }
  return {
    load() {
      pending ??= importer().then(
        (m) => {
          mod = m
          failure = null
          notify()
          return m
        },
        (err: unknown) => {
          pending = null
          failure = err instanceof Error ? err : new Error(String(err))
          notify()
          throw failure
        },
      )
      return pending
    },
    current: () => mod,
    error: () => failure,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The module, once loaded (re-renders when it arrives or fails). */
export function useLoaded<M>(l: Lazy<M>): M | null {
  return useSyncExternalStore(l.subscribe, l.current)
}

/** The module for a component that cannot render without it: suspends until it has arrived. */
export function useLazy<M>(l: Lazy<M>): M {
  return useLoaded(l) ?? use(l.load())
}
