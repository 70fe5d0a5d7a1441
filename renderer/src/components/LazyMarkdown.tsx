/**
 * `Markdown` from its own chunk (lib/chunks). The app waits for that chunk before its first screen, so
 * this never suspends in practice; if it ever did, the nearest Suspense shows nothing rather than raw
 * markdown.
 */
import type { ComponentProps } from 'react'
import { markdownChunk } from '../lib/chunks'
import { useLazy } from '../lib/lazy'
import type { Markdown as Rendered } from './Markdown'

export function Markdown(props: ComponentProps<typeof Rendered>) {
  const { Markdown: Render } = useLazy(markdownChunk)
  return <Render {...props} />
}
