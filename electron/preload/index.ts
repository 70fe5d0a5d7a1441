/** Exposes the bridge contract (and nothing else) to the sandboxed renderer as window.localRouter. */
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('localRouter', { version: 1 })
