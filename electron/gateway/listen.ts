import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Listening {
  server: Server
  port: number
  url: string
  /** Stops accepting, lets `beforeClose` end live streams, then releases the port. */
  close(beforeClose?: () => Promise<void>): Promise<void>
}

/** Binds the handler. A busy port is an error that says so (never a silent switch to another port). */
export function listen(
  handler: Parameters<typeof createServer>[1],
  host: string,
  port: number,
): Promise<Listening> {
  const server = createServer(
    {
      noDelay: true,
      keepAliveTimeout: 65_000,
      // Receiving a request (not answering it) may take this long; streamed answers are not limited.
      requestTimeout: 120_000,
    },
    handler,
  )
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        reject(
          new Error(
            `Port ${port} on ${host} is already in use. Stop the other program or choose another port (--port, or server.port in the config).`,
          ),
        )
      else if (err.code === 'EACCES')
        reject(new Error(`Not allowed to listen on ${host}:${port}. Choose a port above 1024.`))
      else reject(err)
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      const actual = (server.address() as AddressInfo).port
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        server,
        port: actual,
        url: `http://${shownHost}:${actual}`,
        close: async (beforeClose) => {
          const closed = new Promise<void>((r) => server.close(() => r()))
          await beforeClose?.()
          server.closeIdleConnections()
          // Give finished responses a moment to flush, then cut whatever is left.
          const timer = setTimeout(() => server.closeAllConnections(), 2000)
          await closed
          clearTimeout(timer)
        },
      })
    })
  })
}
