import { describe, expect, it } from 'vitest'
import {
  fenceLabels,
  grammarFor,
  isLoaded,
  languages,
  loadLanguage,
  rehypeLazyHighlight,
} from '../../../renderer/src/lib/highlight'

interface Node {
  type: string
  tagName?: string
  value?: string
  properties?: Record<string, unknown>
  children?: Node[]
}

const codeBlock = (label: string | null, text: string): Node => ({
  type: 'root',
  children: [
    {
      type: 'element',
      tagName: 'pre',
      children: [
        {
          type: 'element',
          tagName: 'code',
          properties: label ? { className: [`language-${label}`] } : {},
          children: [{ type: 'text', value: text }],
        },
      ],
    },
  ],
})

const classesIn = (n: Node): string[] => [
  ...((n.properties?.className as string[] | undefined) ?? []),
  ...(n.children ?? []).flatMap(classesIn),
]

describe('lazy code highlighting', () => {
  it('reads fence labels and maps the usual aliases to grammars', () => {
    expect(fenceLabels('text\n```ts\nx\n```\n~~~python\ny\n~~~\n```\nplain\n```')).toEqual(['ts', 'python'])
    expect(grammarFor('JS')).toBe('javascript')
    expect(grammarFor('html')).toBe('xml')
    expect(grammarFor('c++')).toBe('cpp')
    expect(grammarFor('cobol-85')).toBeUndefined()
  })

  it('leaves a block plain until its grammar is loaded, then highlights it', async () => {
    const highlight = rehypeLazyHighlight()
    const before = codeBlock('go', 'func main() { return }')
    highlight(before)
    expect(classesIn(before)).toEqual(['language-go'])
    expect(isLoaded('go')).toBe(false)

    let heard = 0
    const off = languages.subscribe(() => heard++)
    const v0 = languages.version()
    await Promise.all([loadLanguage('golang'), loadLanguage('go')])
    off()
    expect(isLoaded('go')).toBe(true)
    expect(heard).toBe(1)
    expect(languages.version()).toBe(v0 + 1)

    const after = codeBlock('go', 'func main() { return }')
    highlight(after)
    expect(classesIn(after)).toContain('hljs')
    expect(classesIn(after)).toContain('hljs-keyword')
  })

  it('never guesses: unlabelled and unknown blocks stay plain text', async () => {
    await loadLanguage('cobol')
    for (const label of [null, 'cobol']) {
      const tree = codeBlock(label, 'func main() {}')
      rehypeLazyHighlight()(tree)
      expect(classesIn(tree).filter((c) => c.startsWith('hljs'))).toEqual([])
    }
  })
})
