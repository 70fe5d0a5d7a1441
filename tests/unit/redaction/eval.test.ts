import { describe, expect, it } from 'vitest'
import { generate } from '../../redaction-eval/generate'
import { loadDataset, score, table } from '../../redaction-eval/score'

describe('redaction evaluation set', () => {
  const samples = loadDataset()

  it('is the size the issue asks for, varied, and matches its generator', () => {
    const pos = samples.filter((s) => s.kind === 'positive')
    const neg = samples.filter((s) => s.kind === 'negative')
    expect(pos.length).toBeGreaterThanOrEqual(300)
    expect(neg.length).toBeGreaterThanOrEqual(150)
    for (const s of pos) {
      expect(s.labels.length, s.id).toBeGreaterThan(0)
      for (const l of s.labels) expect(s.text, s.id).toContain(l.value)
    }
    expect(new Set(pos.map((s) => s.format)).size).toBeGreaterThanOrEqual(10)
    expect(new Set(samples.map((s) => s.lang)).size).toBeGreaterThanOrEqual(6)
    expect(generate()).toEqual(samples)
  })

  it('meets the accuracy targets', () => {
    const s = score(samples)
    console.log(table(s))
    const share = (t: { values: number; leaked: number }) => t.leaked / t.values
    expect(s.leaked / s.values).toBeLessThan(0.03)
    for (const type of ['EMAIL', 'CARD', 'IBAN']) expect(share(s.perType[type]!), type).toBeLessThan(0.01)
    expect(share(s.providerKeys)).toBeLessThan(0.01)
    expect(s.negativesChanged / s.negatives).toBeLessThan(0.05)
  })
})
