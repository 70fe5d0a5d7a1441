import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createBridge } from './lib/bridge'
import { useApp } from './store/app'
import './styles.css'

void useApp.getState().init(createBridge())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
