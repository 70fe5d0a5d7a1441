/**
 * Streaming markdown: split into blocks, each finished block memoised (rendered and highlighted once),
 * only the growing last block re-renders. HTML in the text is not rendered (react-markdown's default).
 */
import { memo, useMemo, useState, type ReactNode } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
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
const highlight = [[rehypeHighlight, { detect: true, ignoreMissing: true }]] as never

const Block = memo(function Block({ text, live }: { text: string; live: boolean }) {
  return (
    <ReactMarkdown remarkPlugins={plugins} rehypePlugins={live ? [] : highlight} components={components}>
      {text}
    </ReactMarkdown>
  )
})

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  return (
    <div className="md">
      {blocks.map((b, i) => {
        const last = i === blocks.length - 1
        return <Block key={i} text={b} live={streaming && last} />
      })}
    </div>
  )
}
