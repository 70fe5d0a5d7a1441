import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createBridge } from './lib/bridge'
import { markdownChunk } from './lib/chunks'
import { useApp } from './store/app'
import './styles.css'

// The markdown renderer is its own chunk: fetch it alongside init (App waits for both; a failure is shown there).
markdownChunk.load().catch(() => {})
void useApp.getState().init(createBridge())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
