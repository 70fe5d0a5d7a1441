/**
 * Streaming markdown: split into blocks, each finished block memoised (rendered and highlighted once),
 * only the growing last block re-renders. HTML in the text is not rendered (react-markdown's default).
 * A finished message shown for the first time (opening or scrolling a long conversation) paints its
 * text at once and renders the markdown in a background (interruptible) render, so scrolling through
 * thousands of messages never blocks the main thread. Code grammars load on demand (lib/highlight).
 */
import {
  memo,
  type ReactNode,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { fenceLabels, isLoaded, languages, loadLanguage, rehypeLazyHighlight } from '../lib/highlight'
import { splitBlocks } from '../lib/streaming'

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  if (node && typeof node === 'object' && 'props' in node)
    return textOf((node.props as { children?: ReactNode }).children)
  return ''
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false)
  return (
    <button
      type="button"
      className="ghost small"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).catch(() => {})
        setDone(true)
        setTimeout(() => setDone(false), 1200)
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  )
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

const Block = memo(function Block({ text, live }: { text: string; live: boolean }) {
  const labels = useMemo(() => (live ? [] : fenceLabels(text)), [text, live])
  // Re-renders this block (only) when the last grammar it needs has arrived.
  useSyncExternalStore(languages.subscribe, () => labels.every(isLoaded))
  useEffect(() => {
    for (const l of labels) void loadLanguage(l)
  }, [labels])
  return (
    <ReactMarkdown remarkPlugins={plugins} rehypePlugins={live ? none : highlight} components={components}>
      {text}
    </ReactMarkdown>
  )
})

const PENDING = '\u0000pending'

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // First render of a finished message: plain text now, markdown in a background render right after.
  const deferred = useDeferredValue(text, streaming ? text : PENDING)
  const pending = !streaming && deferred === PENDING
  const blocks = useMemo(() => (pending ? [] : splitBlocks(text)), [text, pending])
  if (pending)
    return (
      <div className="md">
        <p className="md-pending">{text}</p>
      </div>
    )
  return (
    <div className="md">
      {blocks.map((b, i) => {
        const last = i === blocks.length - 1
        return <Block key={i} text={b} live={streaming && last} />
      })}
    </div>
  )
}
