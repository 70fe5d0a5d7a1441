/**
 * Code highlighting with languages loaded on demand: the UI bundle carries no grammar; a fenced block
 * labelled `ts` loads highlight.js's TypeScript grammar (its own small chunk) the first time one is
 * shown, then every block in that language is highlighted. Unlabelled blocks stay plain text (no
 * guessing). A rehype plugin applies it to finished blocks only. The highlighter itself (lowlight and
 * highlight.js's core, ~25 kB) also loads with the first grammar, not with the UI.
 */
import type { LanguageFn } from 'highlight.js'
import type { createLowlight } from 'lowlight'

type Loader = () => Promise<{ default: LanguageFn }>

/** highlight.js's common languages (lowlight's `common` set), each a separate chunk. */
const LOADERS: Record<string, Loader> = {
  arduino: () => import('highlight.js/lib/languages/arduino'),
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  go: () => import('highlight.js/lib/languages/go'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
  ini: () => import('highlight.js/lib/languages/ini'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  less: () => import('highlight.js/lib/languages/less'),
  lua: () => import('highlight.js/lib/languages/lua'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  objectivec: () => import('highlight.js/lib/languages/objectivec'),
  perl: () => import('highlight.js/lib/languages/perl'),
  php: () => import('highlight.js/lib/languages/php'),
  python: () => import('highlight.js/lib/languages/python'),
  'python-repl': () => import('highlight.js/lib/languages/python-repl'),
  r: () => import('highlight.js/lib/languages/r'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  scss: () => import('highlight.js/lib/languages/scss'),
  shell: () => import('highlight.js/lib/languages/shell'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  vbnet: () => import('highlight.js/lib/languages/vbnet'),
  wasm: () => import('highlight.js/lib/languages/wasm'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
}

/** The labels people write on fences, to the grammar that reads them. */
const ALIASES: Record<string, string> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  py: 'python',
  python3: 'python',
  sh: 'bash',
  zsh: 'bash',
  console: 'shell',
  shellsession: 'shell',
  html: 'xml',
  xhtml: 'xml',
  svg: 'xml',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  rb: 'ruby',
  golang: 'go',
  'c++': 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  h: 'c',
  cs: 'csharp',
  'c#': 'csharp',
  kt: 'kotlin',
  kts: 'kotlin',
  objc: 'objectivec',
  pl: 'perl',
  toml: 'ini',
  mk: 'makefile',
  gql: 'graphql',
  patch: 'diff',
  vb: 'vbnet',
  jsonc: 'json',
  pycon: 'python-repl',
}

let lowlight: ReturnType<typeof createLowlight> | null = null
let core: Promise<void> | null = null
const loadCore = (): Promise<void> =>
  (core ??= import('lowlight').then(
    (m) => {
      lowlight ??= m.createLowlight()
    },
    (err: unknown) => {
      core = null
      throw err
    },
  ))
const registered = (name: string): boolean => lowlight?.registered(name) ?? false
const loading = new Map<string, Promise<void>>()
let version = 0
const listeners = new Set<() => void>()

/** The grammar name for a fence label, or undefined when we have none for it. */
export function grammarFor(label: string): string | undefined {
  const l = label.toLowerCase()
  const name = ALIASES[l] ?? l
  return Object.hasOwn(LOADERS, name) ? name : undefined
}

export function isLoaded(label: string): boolean {
  const name = grammarFor(label)
  return name !== undefined && registered(name)
}

/** Loads the grammar for `label` once (no-op for unknown labels); listeners hear when it arrives. */
export function loadLanguage(label: string): Promise<void> {
  const name = grammarFor(label)
  if (!name || registered(name)) return Promise.resolve()
  let p = loading.get(name)
  if (!p) {
    p = Promise.all([LOADERS[name]!(), loadCore()]).then(
      ([mod]) => {
        lowlight!.register(name, mod.default)
        version++
        for (const l of listeners) l()
      },
      () => {
        // A chunk that fails to load leaves the block plain; a later block may try again.
        loading.delete(name)
      },
    )
    loading.set(name, p)
  }
  return p
}

/** For useSyncExternalStore: changes whenever a grammar arrives. */
export const languages = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  version: () => version,
}

/** The fence labels in a piece of markdown (```ts, ~~~python). */
export function fenceLabels(md: string): string[] {
  const out = new Set<string>()
  for (const m of md.matchAll(/^[ \t]{0,3}(?:`{3,}|~{3,})[ \t]*([\w+#-]+)/gm)) out.add(m[1]!)
  return [...out]
}

interface HastNode {
  type: string
  tagName?: string
  value?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? ''
  return (node.children ?? []).map(textOf).join('')
}

function highlightCode(code: HastNode): void {
  const classes = code.properties?.className
  const list = Array.isArray(classes) ? (classes as string[]) : []
  const label = list.find((c) => c.startsWith('language-'))?.slice('language-'.length)
  if (!label) return
  const name = grammarFor(label)
  if (!name || !lowlight || !registered(name)) return
  const tree = lowlight.highlight(name, textOf(code))
  code.children = tree.children as HastNode[]
  code.properties = { ...code.properties, className: [...list, 'hljs'] }
}

/** rehype plugin: highlights `pre > code.language-x` whose grammar is loaded; leaves the rest plain. */
export function rehypeLazyHighlight() {
  const walk = (node: HastNode) => {
    for (const child of node.children ?? []) {
      if (child.type === 'element' && child.tagName === 'pre') {
        for (const code of child.children ?? [])
          if (code.type === 'element' && code.tagName === 'code') highlightCode(code)
      } else walk(child)
    }
  }
  return (tree: HastNode) => walk(tree)
}
