/**
 * Run by tests/unit/gateway/heap.test.ts in a child node: keeps a million objects made by one object
 * literal, so V8 weighs pretenuring that literal, with V8's trace of those decisions on (on stdout). First,
 * by the first argument: `serving` calls `useServingHeap()`, `gateway` starts and stops a gateway as
 * `npm run serve` does, `default` does neither. The trace is turned on only then, so what loading the
 * modules made V8 weigh before is not in it.
 */
import { setFlagsFromString } from 'node:v8'
import { parseConfig } from '../../electron/config/store'
import { useServingHeap } from '../../electron/gateway/heap'
import { startGateway } from '../../electron/services'

const mode = process.argv[2]
if (mode === 'serving') useServingHeap()
if (mode === 'gateway') {
  const config = parseConfig({ server: { port: 0, token: 'lr-test-token-0123456789' } }, 'test config')
  const gw = await startGateway({ config, headless: true, env: {}, token: () => 'lr-test-token-0123456789' })
  await gw.stop()
}
setFlagsFromString('--trace-pretenuring-statistics')
const kept: Array<{ id: number; tags: number[] }> = []
const make = (i: number) => ({ id: i, tags: [i, i + 1] })
for (let i = 0; i < 1_000_000; i++) kept.push(make(i))
console.log(`kept ${kept.length}`)
