import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activePath, HistoryStore, toMarkdown } from '../../../electron/history/store'
import type { Conversation } from '../../../shared/history'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-history-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const conv = (id: string, content: string, updatedAt = Date.now()): Conversation => ({
  id,
  title: `Title ${id}`,
  createdAt: 1,
  updatedAt,
  model: 'openai/gpt-4o-mini',
  systemPrompt: '',
  params: {},
  redaction: 'off',
  messages: [
    { id: 'u1', parentId: null, role: 'user', content, createdAt: 1 },
    { id: 'a1', parentId: 'u1', role: 'assistant', content: 'first answer', createdAt: 2 },
    { id: 'a2', parentId: 'u1', role: 'assistant', content: 'second answer', createdAt: 3 },
  ],
  currentLeafId: 'a1',
  sentTo: [],
})

describe('HistoryStore', () => {
  it('survives a restart: a reopened store lists and reads what was saved', async () => {
    const a = await HistoryStore.open(dir)
    await a.save(conv('one', 'hello world', 10))
    await a.save(conv('two', 'second', 20))
    const b = await HistoryStore.open(dir)
    expect(b.list().map((s) => s.id)).toEqual(['two', 'one'])
    expect((await b.get('one')).messages[0]!.content).toBe('hello world')
  })

  it('ignores a torn write (a leftover temp file) and sets a corrupt file aside', async () => {
    const a = await HistoryStore.open(dir)
    await a.save(conv('one', 'intact'))
    await writeFile(join(dir, 'one.json.abcd.tmp'), '{"id":"one","tit')
    await writeFile(join(dir, 'bad.json'), 'not json')
    const b = await HistoryStore.open(dir)
    expect(b.list().map((s) => s.id)).toEqual(['one'])
    expect((await b.get('one')).messages[0]!.content).toBe('intact')
    const files = await readdir(dir)
    expect(files).toContain('bad.json.corrupt')
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false)
  })

  it('serialises concurrent saves of one conversation: the last one wins', async () => {
    const a = await HistoryStore.open(dir)
    await Promise.all(Array.from({ length: 20 }, (_, i) => a.save({ ...conv('c', `v${i}`), updatedAt: i })))
    expect((await (await HistoryStore.open(dir)).get('c')).messages[0]!.content).toBe('v19')
  })

  it('searches titles and content case-insensitively, with a snippet', async () => {
    const a = await HistoryStore.open(dir)
    await a.save(conv('x', 'The Quick brown fox'))
    await a.save(conv('y', 'lazy dog'))
    expect(a.search('quick').map((h) => h.id)).toEqual(['x'])
    expect(a.search('quick')[0]!.snippet).toContain('Quick brown')
    expect(a.search('title y').map((h) => h.id)).toEqual(['y'])
    expect(a.search('nothing here')).toEqual([])
  })

  it('rejects ids that could leave the folder', async () => {
    const a = await HistoryStore.open(dir)
    await expect(a.get('../etc')).rejects.toThrow(/No conversation/)
    await expect(a.save(conv('../x', 'y'))).rejects.toThrow()
  })

  it('exports the branch on screen as Markdown', () => {
    const c = conv('m', 'question?')
    expect(activePath(c).map((m) => m.id)).toEqual(['u1', 'a1'])
    const md = toMarkdown(c)
    expect(md).toContain('question?')
    expect(md).toContain('first answer')
    expect(md).not.toContain('second answer')
  })

  it("keeps an answer's warnings across a restart, exports them, and still loads files without them", async () => {
    const warned = conv('w', 'hot?')
    warned.messages[1]!.meta = {
      warnings: [
        {
          kind: 'setting',
          code: 'param_clamped',
          param: 'temperature',
          message: "Anthropic's temperature goes up to 1; 1.5 was sent as 1",
        },
      ],
    }
    const a = await HistoryStore.open(dir)
    await a.save(warned)
    // A history written before warnings existed: no `meta.warnings` anywhere.
    await writeFile(join(dir, 'old.json'), JSON.stringify(conv('old', 'from before')))
    const b = await HistoryStore.open(dir)
    expect((await b.get('w')).messages[1]!.meta?.warnings?.[0]?.param).toBe('temperature')
    expect((await b.get('old')).messages[1]!.meta?.warnings).toBeUndefined()
    expect(toMarkdown(await b.get('w'))).toContain(
      "- `temperature`: Anthropic's temperature goes up to 1; 1.5 was sent as 1",
    )
    expect(toMarkdown(await b.get('old'))).not.toContain('did not do as asked')
  })
})
