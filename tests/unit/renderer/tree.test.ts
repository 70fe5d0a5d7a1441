import { describe, expect, it } from 'vitest'
import {
  addMessage,
  latestLeaf,
  pathTo,
  siblingsOf,
  switchBranch,
  titleFrom,
} from '../../../renderer/src/lib/tree'
import type { Conversation, Message } from '../../../shared/history'

const m = (
  id: string,
  parentId: string | null,
  createdAt: number,
  role: Message['role'] = 'user',
): Message => ({
  id,
  parentId,
  role,
  content: id,
  createdAt,
})

// u1 -> a1 -> u2 -> a2 ; u1 -> a1b (regenerated) ; u1b (edited) -> a3
const messages = [
  m('u1', null, 1),
  m('a1', 'u1', 2, 'assistant'),
  m('u2', 'a1', 3),
  m('a2', 'u2', 4, 'assistant'),
  m('a1b', 'u1', 5, 'assistant'),
  m('u1b', null, 6),
  m('a3', 'u1b', 7, 'assistant'),
]

describe('conversation tree', () => {
  it('walks the path from the root to a leaf', () => {
    expect(pathTo(messages, 'a2').map((x) => x.id)).toEqual(['u1', 'a1', 'u2', 'a2'])
    expect(pathTo(messages, null)).toEqual([])
  })

  it('counts and switches siblings, landing on the newest leaf below', () => {
    expect(siblingsOf(messages, 'a1')).toMatchObject({ index: 0, count: 2 })
    expect(switchBranch(messages, 'a1', 1)).toBe('a1b')
    expect(switchBranch(messages, 'a1b', -1)).toBe('a2')
    expect(switchBranch(messages, 'u1', 1)).toBe('a3')
    expect(switchBranch(messages, 'u1', -1)).toBeNull()
    expect(latestLeaf(messages, 'u1')).toBe('a1b')
  })

  it('adds a message as the new leaf without touching the others', () => {
    const c = { messages, currentLeafId: 'a2' } as Conversation
    const next = addMessage(c, m('u3', 'a2', 8))
    expect(next.currentLeafId).toBe('u3')
    expect(next.messages).toHaveLength(messages.length + 1)
    expect(c.messages).toHaveLength(messages.length)
  })

  it('indexes 10,000 messages once', () => {
    const big: Message[] = []
    for (let i = 0; i < 10_000; i++) big.push(m(`m${i}`, i ? `m${i - 1}` : null, i))
    expect(pathTo(big, 'm9999')).toHaveLength(10_000)
  })

  it('titles a conversation from its first message', () => {
    expect(titleFrom('  hello\n world ')).toBe('hello world')
    expect(titleFrom('x'.repeat(100))).toHaveLength(58)
    expect(titleFrom('')).toBe('New chat')
  })
})
