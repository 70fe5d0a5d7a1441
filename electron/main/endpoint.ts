/**
 * The local endpoint's lifecycle in the desktop app: start on the configured port, pause (release the
 * port, in-flight answers finish first), resume, and say plainly why it is not running. Plain Node
 * (no Electron), so it is tested over real loopback.
 */
import type { Router } from '../router'
import type { RunningGateway } from '../services'
import { endpointOrigin, type EndpointStatus } from './policy'
import { portIsFree } from './ports'

export type StartResult = { ok: true } | { ok: false; busy: boolean; message: string }

export interface EndpointInfo extends EndpointStatus {
  totalRequests: number
}

export class EndpointController {
  private gateway: RunningGateway | undefined
  private lastRouter: Router | undefined
  private state: EndpointStatus['state'] = 'stopped'
  private problem: string | undefined
  private port: number
  private pastTotal = 0
  private busy: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly opts: {
      host: string
      port: number
      /** Starts the gateway on a port (services.startGateway with the app's config). */
      launch: (port: number) => Promise<RunningGateway>
    },
  ) {
    this.port = opts.port
  }

  /** Runs lifecycle changes one at a time (a double click on "Pause" cannot race a resume). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn)
    this.busy = next.catch(() => undefined)
    return next
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private changed(): void {
    for (const fn of this.listeners) fn()
  }

  /** Starts on `port` (default: the last one asked for). A busy port is reported, never swapped. */
  start(port: number = this.port): Promise<StartResult> {
    return this.serial(async () => {
      if (this.gateway) return { ok: true } as const
      this.port = port
      try {
        this.gateway = await this.opts.launch(port)
        this.port = this.gateway.port
        this.state = 'running'
        this.problem = undefined
        this.changed()
        return { ok: true } as const
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        const busy = port !== 0 && !(await portIsFree(this.opts.host, port))
        this.state = 'stopped'
        this.problem = busy ? `port ${port} is in use` : message
        this.changed()
        return { ok: false, busy, message } as const
      }
    })
  }

  /** Stops listening (the port is released) until resume(). */
  pause(): Promise<void> {
    return this.serial(async () => {
      await this.release()
      this.state = 'paused'
      this.changed()
    })
  }

  resume(): Promise<StartResult> {
    return this.start(this.port)
  }

  /** Stops for good (quit). */
  stop(): Promise<void> {
    return this.serial(async () => {
      await this.release()
      this.state = 'stopped'
      this.changed()
    })
  }

  private async release(): Promise<void> {
    const gw = this.gateway
    if (!gw) return
    this.gateway = undefined
    this.lastRouter = gw.router
    this.pastTotal += gw.router.stats.total
    await gw.stop()
  }

  /** The gateway as the bridge handlers see it: always the current one, across pause and resume. */
  bridgeGateway(): {
    readonly url: string
    readonly port: number
    readonly router: Router
    readonly running: boolean
  } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this
    return {
      get url() {
        return self.info().baseUrl
      },
      get port() {
        return self.info().port
      },
      get router() {
        return self.router()
      },
      get running() {
        return self.running
      },
    }
  }

  /** The running gateway's router, or the last one while paused (settings still apply to it). */
  router(): Router {
    const router = this.gateway?.router ?? this.lastRouter
    if (!router) throw new Error('the endpoint has not started yet')
    return router
  }

  get running(): boolean {
    return this.gateway !== undefined
  }

  info(): EndpointInfo {
    const stats = this.gateway?.router.stats
    return {
      state: this.state,
      port: this.port,
      baseUrl: endpointOrigin(this.opts.host, this.port),
      inFlight: stats?.inFlight ?? 0,
      totalRequests: this.pastTotal + (stats?.total ?? 0),
      ...(this.problem ? { problem: this.problem } : {}),
    }
  }
}
