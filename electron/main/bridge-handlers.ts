/**
 * The bridge handlers the shell can answer by itself (app.info, endpoint.info, endpoint.token).
 * MERGE NOTE: the full set comes from createBridgeHandlers(deps) in electron/bridge/handlers.ts (branch
 * `ui`); at merge, index.ts builds that instead and this file goes (or feeds it these three).
 */
import type { BridgeHandlers } from '../../shared/bridge'
import type { EndpointController } from './endpoint'

export function createShellHandlers(deps: {
  version: string
  platform: string
  endpoint: EndpointController
  token: () => string
}): BridgeHandlers {
  return {
    'app.info': async () => ({
      name: 'LocalRouter',
      version: deps.version,
      mode: 'desktop',
      platform: deps.platform,
    }),
    'endpoint.info': async () => {
      const info = deps.endpoint.info()
      return {
        running: info.state === 'running',
        baseUrl: info.baseUrl,
        port: info.port,
        inFlight: info.inFlight,
        totalRequests: info.totalRequests,
      }
    },
    'endpoint.token': async () => ({ token: deps.token() }),
  } satisfies BridgeHandlers
}
