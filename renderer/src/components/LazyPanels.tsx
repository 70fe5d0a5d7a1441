/**
 * Settings and the privacy preview from their own chunks (lib/chunks). Usually prefetched while the app
 * is idle; opened before that, they appear as soon as the chunk arrives (a few milliseconds locally).
 */
import { type ComponentProps, useEffect, useSyncExternalStore } from 'react'
import { type Lazy, useLoaded } from '../lib/lazy'
import { previewChunk, settingsChunk } from '../lib/chunks'
import type { PrivacyPreview as PreviewPanel } from './PrivacyPreview'
import type { Settings as SettingsPanel } from './Settings'

function useChunk<M>(chunk: Lazy<M>): { mod: M | null; error: Error | null } {
  const mod = useLoaded(chunk)
  const error = useSyncExternalStore(chunk.subscribe, chunk.error)
  useEffect(() => {
    if (!mod) chunk.load().catch(() => {})
  }, [chunk, mod])
  return { mod, error }
}

function LoadFailed({ what, error }: { what: string; error: Error }) {
  return (
    <div className="toast" role="alert">
      {what} could not be loaded ({error.message}). Reload the window to try again.
    </div>
  )
}

export function Settings(props: ComponentProps<typeof SettingsPanel>) {
  const { mod, error } = useChunk(settingsChunk)
  if (mod) return <mod.Settings {...props} />
  return error ? <LoadFailed what="Settings" error={error} /> : null
}

export function PrivacyPreview(props: ComponentProps<typeof PreviewPanel>) {
  const { mod, error } = useChunk(previewChunk)
  if (mod) return <mod.PrivacyPreview {...props} />
  return error ? <LoadFailed what="The privacy preview" error={error} /> : null
}
