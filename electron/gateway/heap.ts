/**
 * The V8 heap setting of a process that serves the gateway (`npm run serve`, the desktop app's main process).
 */
import { setFlagsFromString } from 'node:v8'

let applied = false

/**
 * Turns V8's allocation-site pretenuring off in this process (once; later calls do nothing).
 *
 * With it on, V8 allocates the objects of an object or array literal straight into the old generation once
 * most of those it tracked from that place in the code were still alive at a young-generation collection.
 * A gateway's per-request objects are alive only while their request is in flight. When a fresh process
 * meets a burst of requests that take a while (a cold or slow provider), places on the request path are
 * judged long-lived, and the judgement sticks: from then on each request's objects land in the old
 * generation, which fills up and is mark-compacted about every 0.6 s. Measured on the bench machine: such
 * a process spends 85-90 µs of CPU per JSON request instead of 55-58, for as long as it runs; the process
 * that falls into it is the one whose first burst met a cold provider (docs/BENCHMARKS.md, eighth pass;
 * `npm run bench -- coldstart`). With it off, request garbage dies young, as it should.
 *
 * V8 reads this flag whenever it weighs that feedback, so setting it at run time takes effect (checked by
 * tests/unit/gateway/heap.test.ts with V8's own trace). Node, and Electron for its main process
 * (shell/browser/javascript_environment.cc), start V8 with `--no-freeze-flags-after-init`, which is what
 * lets `v8.setFlagsFromString` change a flag after start-up at all.
 */
export function useServingHeap(): void {
  if (applied) return
  applied = true
  setFlagsFromString('--no-allocation-site-pretenuring')
}
