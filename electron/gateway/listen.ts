import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'

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
  server.on('clientError', answerClientError)
  // `Expect: 100-continue` (curl sends it with large bodies): node would say continue at once; the handler
  // says it when it starts reading the body, so a wrong token or a body over the limit is refused unsent.
  if (handler) server.on('checkContinue', handler)
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

/** What node:http answers a request it cannot parse, as status, reason and our error code. */
function clientErrorStatus(code: string | undefined): [number, string, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'Request Header Fields Too Large',
        'request_headers_too_large',
        'The request headers are larger than the server accepts (16 KB)',
      ]
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request Timeout', 'request_timeout', 'The request was not received in time']
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'Payload Too Large', 'request_too_large', 'The chunk extensions are too large']
    default:
      return [
        400,
        'Bad Request',
        'bad_request',
        `The request is not valid HTTP/1.1 (${code ?? 'parse error'})`,
      ]
  }
}

/**
 * A request node:http itself refuses (malformed, headers too large, too slow): the same status node would
 * send, with a body in the OpenAI error shape instead of none. As node does, only on a connection that
 * has not been answered on yet; otherwise it is just closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
    socket.destroy()
    return
  }
  const [status, reason, code, message] = clientErrorStatus(err.code)
  const body = JSON.stringify({ error: { message, type: 'invalid_request_error', code } })
  // Sent, then closed (a client that keeps its side open does not hold the connection).
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  )
}
