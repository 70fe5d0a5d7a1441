import { describe, expect, it } from 'vitest'
import { lazy } from '../../../renderer/src/lib/lazy'

describe('lazily loaded UI chunks', () => {
  it('imports once, then gives the module synchronously and tells subscribers', async () => {
    let imports = 0
    const chunk = lazy(async () => {
      imports++
      return { answer: 42 }
    })
    let heard = 0
    const off = chunk.subscribe(() => heard++)
    expect(chunk.current()).toBeNull()
    const [a, b] = await Promise.all([chunk.load(), chunk.load()])
    expect(a).toBe(b)
    expect(imports).toBe(1)
    expect(chunk.current()).toEqual({ answer: 42 })
    expect(chunk.error()).toBeNull()
    expect(heard).toBe(1)
    off()
    await chunk.load()
    expect(imports).toBe(1)
  })

  it('reports a failed import and tries again on the next load', async () => {
    let attempt = 0
    const chunk = lazy(async () => {
      if (++attempt === 1) throw new Error('chunk missing')
      return { ok: true }
    })
    let heard = 0
    chunk.subscribe(() => heard++)
    await expect(chunk.load()).rejects.toThrow('chunk missing')
    expect(chunk.current()).toBeNull()
    expect(chunk.error()?.message).toBe('chunk missing')
    expect(await chunk.load()).toEqual({ ok: true })
    expect(chunk.error()).toBeNull()
    expect(attempt).toBe(2)
    expect(heard).toBe(2)
  })
})
