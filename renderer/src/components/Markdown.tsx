/**
 * Streaming markdown: split into blocks, each finished block memoised (rendered and highlighted once),
 * only the growing last block re-renders. HTML in the text is not rendered (react-markdown's default).
 * A message is formatted from the first frame it is shown in (never raw markdown first); one shown
 * already finished is parsed whole, and finished blocks are rendered once and kept in a small cache, so
 * scrolling back or reopening a conversation does not parse them again. Code grammars load on demand (lib/highlight).
 */
import {
  memo,
  type ReactElement,
  type ReactNode,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react'
import renderMarkdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { fenceLabels, isLoaded, languages, loadLanguage, rehypeLazyHighlight } from '../lib/highlight'
import { splitBlocks } from '../lib/streaming'
import { CopyButton } from './CopyButton'

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  if (node && typeof node === 'object' && 'props' in node)
    return textOf((node.props as { children?: ReactNode }).children)
  return ''
}

const components: Components = {
  pre({ children }) {
    const child = Array.isArray(children) ? children[0] : children
    const cls = (child as { props?: { className?: string } })?.props?.className ?? ''
    const lang = /language-([\w+#-]+)/.exec(cls)?.[1] ?? 'text'
    const code = textOf(children).replace(/\n$/, '')
    return (
      <div className="code-block">
        <div className="code-head">
          <span className="code-lang">{lang}</span>
          <CopyButton text={code} label={`Copy ${lang} code`} />
        </div>
        <pre>{children}</pre>
      </div>
    )
  },
  table({ children }) {
    return (
      <div className="table-wrap">
        <table>{children}</table>
      </div>
    )
  },
  a({ children, href }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    )
  },
}

const plugins = [remarkGfm]
const highlight = [rehypeLazyHighlight]
const none: never[] = []

/** Finished blocks, rendered: the most recently shown first out. Keyed by highlighted-or-not and text. */
const CACHE_BLOCKS = 500
const rendered = new Map<string, ReactElement>()

/** react-markdown's synchronous renderer is a pure function of its options (no hooks): call it once. */
function render(text: string, live: boolean, highlighted: boolean): ReactElement {
  const run = () =>
    renderMarkdown({
      children: text,
      remarkPlugins: plugins,
      rehypePlugins: live ? none : highlight,
      components,
    })
  if (live) return run()
  const key = `${highlighted ? 'h' : 'p'}${text}`
  const out = rendered.get(key) ?? run()
  rendered.delete(key)
  rendered.set(key, out)
  if (rendered.size > CACHE_BLOCKS) rendered.delete(rendered.keys().next().value!)
  return out
}

const Block = memo(function Block({ text, live }: { text: string; live: boolean }) {
  const labels = useMemo(() => (live ? [] : fenceLabels(text)), [text, live])
  // Re-renders this block (only) when the last grammar it needs has arrived.
  const highlighted = useSyncExternalStore(languages.subscribe, () => labels.every(isLoaded))
  useEffect(() => {
    for (const l of labels) void loadLanguage(l)
  }, [labels])
  return useMemo(() => render(text, live, highlighted), [text, live, highlighted])
})

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // Blocks matter while an answer streams (only the growing last one re-renders, and the finished ones
  // stay mounted when it completes). A message first shown finished is parsed whole: one parse instead
  // of one per block, which halves the work of opening or scrolling into a conversation.
  const [mountedStreaming] = useState(streaming)
  const blockwise = mountedStreaming || streaming
  const blocks = useMemo(() => (blockwise ? splitBlocks(text) : [text]), [text, blockwise])
  return (
    <div className="md">
      {blocks.map((b, i) => {
        const last = i === blocks.length - 1
        return <Block key={i} text={b} live={streaming && last} />
      })}
    </div>
  )
}
