import { Suspense, useEffect, useSyncExternalStore } from 'react'
import { ChatView } from './components/ChatView'
import { Compare } from './components/Compare'
import { Settings } from './components/LazyPanels'
import { ModelPicker } from './components/ModelPicker'
import { Onboarding } from './components/Onboarding'
import { Sidebar } from './components/Sidebar'
import { markdownChunk, prefetchWhenIdle } from './lib/chunks'
import { useLoaded } from './lib/lazy'
import { useApp } from './store/app'
import { usePrefs } from './store/prefs'

function useTheme() {
  const theme = usePrefs((s) => s.theme)
  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: dark)')
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme
    }
    apply()
    media.addEventListener('change', apply)
    return () => media.removeEventListener('change', apply)
  }, [theme])
}

/** Keyboard first: every main action has a shortcut (also listed in README "The app"). */
function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useApp.getState()
      const mod = e.ctrlKey || e.metaKey
      const k = e.key.toLowerCase()
      if (e.key === 'Escape' && s.streaming.length && !s.pickerOpen && !s.settingsOpen && !s.previewOpen) {
        s.stop()
        s.stopCompare()
      } else if (mod && e.shiftKey && k === 'o') s.newChat()
      else if (mod && k === 'k') s.setPicker(true)
      else if (mod && k === ',') s.openSettings('providers')
      else if (mod && k === 'b') usePrefs.getState().toggleSidebar()
      else if (mod && e.shiftKey && k === 'f') document.getElementById('conv-search')?.focus()
      else if (
        e.key === '/' &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
      )
        document.getElementById('composer-input')?.focus()
      else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        const list = s.conversations
        const i = list.findIndex((c) => c.id === s.current.id)
        const next = list[e.key === 'ArrowDown' ? i + 1 : Math.max(0, i - 1)] ?? list[0]
        if (next) void s.open(next.id)
      } else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

export function App() {
  useTheme()
  useShortcuts()
  const ready = useApp((s) => s.ready)
  const fatal = useApp((s) => s.fatal)
  const view = useApp((s) => s.view)
  const settings = useApp((s) => s.settingsOpen)
  const picker = useApp((s) => s.pickerOpen)
  const pickerFor = useApp((s) => s.pickerFor)
  const toast = useApp((s) => s.toast)
  const hasModels = useApp((s) => s.models.length > 0)
  const anyProvider = useApp((s) =>
    s.providers.some((p) => p.masked || p.keyFromEnvOrConfig || (p.local && p.configured)),
  )
  const hasHistory = useApp((s) => s.conversations.length > 0)
  // Messages render as markdown from their first frame: the screens wait for the markdown chunk (its
  // import started with the app, alongside init, so this rarely adds anything).
  const markdown = useLoaded(markdownChunk) !== null
  const markdownError = useSyncExternalStore(markdownChunk.subscribe, markdownChunk.error)
  const shown = ready && markdown
  useEffect(() => (shown ? prefetchWhenIdle() : undefined), [shown])
  const failure =
    fatal ??
    (markdownError &&
      `LocalRouter could not load its message renderer (${markdownError.message}). Reload the window to try again.`)
  if (failure)
    return (
      <main className="onboarding">
        <div className="card" role="alert">
          <h1>LocalRouter</h1>
          <p>{failure}</p>
        </div>
      </main>
    )
  if (!shown)
    return (
      <main className="onboarding" aria-busy="true">
        <p className="muted">Starting…</p>
      </main>
    )
  const onboarding = !anyProvider && !hasModels && !hasHistory
  return (
    <div className="app">
      {onboarding ? (
        <Onboarding />
      ) : (
        <>
          <Sidebar />
          {/* Never suspends in practice (the markdown chunk is loaded before this shows). */}
          <Suspense fallback={null}>{view === 'compare' ? <Compare /> : <ChatView />}</Suspense>
        </>
      )}
      {settings && <Settings section={settings} />}
      {picker && (
        <ModelPicker
          label={pickerFor === 'compare' ? 'Add a model to compare' : 'Choose a model'}
          onPick={(m) => {
            const s = useApp.getState()
            if (s.pickerFor === 'compare') s.setCompareModels([...s.compare.columns.map((c) => c.model), m])
            else s.setModel(m)
          }}
        />
      )}
      {toast && (
        <div className="toast" role="status">
          {toast}
        </div>
      )}
    </div>
  )
}
