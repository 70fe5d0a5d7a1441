/**
 * The UI's code-split parts, each its own chunk so the first screen parses less:
 *
 * - markdown: react-markdown, remark-gfm and the highlighter (~150 kB). Its import starts at app start
 *   (main.tsx) and the app shows its screens only once it has arrived, so a message is never painted
 *   as raw markdown.
 * - settings and the privacy preview (with the zod schemas they validate with, ~110 kB): loaded when
 *   the app is idle after its first screen, and on demand if opened before that.
 */
import { lazy } from './lazy'

export const markdownChunk = lazy(() => import('../components/Markdown'))
export const settingsChunk = lazy(() => import('../components/Settings'))
export const previewChunk = lazy(() => import('../components/PrivacyPreview'))

/** Loads the parts a person may open next, when the main thread has nothing better to do. */
export function prefetchWhenIdle(): () => void {
  const id = requestIdleCallback(
    () => {
      settingsChunk.load().catch(() => {})
      previewChunk.load().catch(() => {})
    },
    { timeout: 5000 },
  )
  return () => cancelIdleCallback(id)
}
